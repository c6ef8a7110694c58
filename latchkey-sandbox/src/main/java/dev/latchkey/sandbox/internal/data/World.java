package dev.latchkey.sandbox.internal.data;

import dev.latchkey.sandbox.internal.UserProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The seeded, lazily computed data of one platform: users, who follows whom, when each user posts,
 * likes, and what changed at run time. Nothing is generated ahead; memory does not grow with the
 * number of users or items.
 */
public final class World {
  /** A named user's fields the original seed stream gave (kept so old seeds keep their data). */
  public record Legacy(
      Population.Named named,
      String description,
      String location,
      Instant createdAt,
      int listed,
      int likes) {}

  /** Decides whether seeded item {@code k} of user {@code a} mentions the user in its slot. */
  @FunctionalInterface
  public interface MentionRule {
    boolean mentionsSlot(int a, int k);
  }

  /** How many users' items recent search and the sampled stream see (X: "not every Tweet"). */
  public static final int INDEXED_USERS = 2_000;

  /** The most a user follows through the seeded rule. */
  public static final int MAX_FRIENDS = 1_000;

  private static final long MINUTE = 60_000L;

  private final long seed;
  private final List<Legacy> legacy;
  private final Population people;
  private final FollowGraph graph;
  private final Timelines timelines;
  private final Overlay overlay = new Overlay();
  private final String platformId;

  /**
   * @param seed the platform's seed
   * @param size how many users
   * @param legacy the original seeded users, first
   * @param roles the users with a part to play, next
   * @param separator between a generated name and its number
   * @param idBase the smallest id after the original users
   * @param startMs when the sandbox started
   * @param legacyItems the item count of the original users
   * @param platformId {@code twitter} or {@code tumblr}, for bios
   */
  public World(
      long seed,
      int size,
      List<Legacy> legacy,
      List<Role> roles,
      char separator,
      long idBase,
      long startMs,
      int legacyItems,
      String platformId) {
    this.seed = seed;
    this.legacy = List.copyOf(legacy);
    this.platformId = platformId;
    List<Population.Named> named = new ArrayList<>();
    for (Legacy l : legacy) {
      named.add(l.named());
    }
    this.people = new Population(seed, size, named, roles, separator, idBase);
    int popular = -1;
    int followers = 0;
    for (int r = 0; r < roles.size(); r++) {
      if (roles.get(r).followers() > 0) {
        popular = legacy.size() + r;
        followers = roles.get(r).followers();
        break;
      }
    }
    this.graph =
        new FollowGraph(seed, size, MAX_FRIENDS, popular, followers, people.firstGenerated());
    this.timelines = new Timelines(seed, startMs, people, legacyItems);
  }

  public Population people() {
    return people;
  }

  public FollowGraph graph() {
    return graph;
  }

  public Timelines timelines() {
    return timelines;
  }

  public Overlay overlay() {
    return overlay;
  }

  public int size() {
    return people.size();
  }

  /**
   * The users made last (a lock-free direct-mapped table of immutable profiles): a page of tweets
   * names dozens of users in its includes, the same ones page after page, and each takes a few
   * dozen hashes to make.
   */
  private final java.util.concurrent.atomic.AtomicReferenceArray<UserProfile> recentProfiles =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(4096);

  /** The user at {@code index}, computed from the seed. */
  public UserProfile profile(int index) {
    int slot = index & (recentProfiles.length() - 1);
    UserProfile known = recentProfiles.get(slot);
    if (known != null && known.index() == index) {
      return known;
    }
    UserProfile made = seededProfile(index);
    recentProfiles.set(slot, made);
    return made;
  }

  private UserProfile seededProfile(int index) {
    long h = Mix.hash(seed, 31, index);
    Rng r = new Rng(h);
    Role role = people.role(index);
    String description;
    String location;
    Instant created;
    int listed;
    int likes;
    if (index < legacy.size()) {
      Legacy l = legacy.get(index);
      description = l.description();
      location = l.location();
      created = l.createdAt();
      listed = l.listed();
      likes = l.likes();
    } else {
      description =
          role != null
              ? "The sandbox's " + role.part() + "."
              : r.pick(Words.BIO)
                  + " "
                  + r.pick(Words.VOCAB)
                  + " and "
                  + r.pick(Words.VOCAB)
                  + ". A made-up "
                  + platformId
                  + " user.";
      location = r.pick(Words.LOCATIONS);
      long span = (long) timelines.count(index) * timelines.gapMs(index);
      created =
          Instant.ofEpochMilli(
              timelines.startMs() - span - (long) (r.nextDouble() * 400 * 24 * 60 * MINUTE));
      listed = r.nextInt(60);
      double u = r.nextDouble();
      likes = (int) (3000 * u * u * u);
    }
    boolean hasUrl = role != null || Mix.unit(Mix.hash(seed, 32, index)) < 0.4;
    String screen = people.screenName(index);
    return new UserProfile(
        index,
        people.id(index),
        screen,
        people.name(index),
        description,
        location,
        created,
        hasUrl ? "https://t.co/" + new Rng(Mix.hash(seed, 33, index)).chars(ALNUM, 10) : null,
        hasUrl ? "https://" + Words.SITES[Mix.below(h, Words.SITES.length)] + "/~" + screen : null,
        role != null && role.isProtected(),
        role != null && role.suspended(),
        role != null && role.followers() > 0,
        listed,
        likes,
        people.uuid(index));
  }

  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  public OptionalInt indexOfId(long id) {
    return people.indexOfId(id);
  }

  public OptionalInt indexOfScreenName(String name) {
    return people.indexOfScreenName(name);
  }

  public OptionalInt indexOfUuid(String uuid) {
    return people.indexOfUuid(uuid);
  }

  /** The named users (the original ones and the roles), in order. */
  public List<UserProfile> named() {
    List<UserProfile> out = new ArrayList<>();
    for (int i = 0; i < people.namedCount(); i++) {
      out.add(profile(i));
    }
    return out;
  }

  // ---- items ------------------------------------------------------------------------------------

  /** Whether the item is gone (deleted when seeded, or deleted at run time). */
  public boolean isDeleted(Ref r) {
    if (overlay.isDeleted(r.id())) {
      return true;
    }
    return !r.isPosted() && timelines.deleted(r.user(), r.k());
  }

  /** The item with this id, when it exists at {@code nowMs} (deleted ones too). */
  public Ref find(long id, long nowMs) {
    if (Timelines.isRuntime(id)) {
      Posted p = overlay.get(id);
      return p == null ? null : Ref.of(p);
    }
    OptionalInt k = timelines.itemOf(id);
    if (k.isEmpty() || k.getAsInt() < timelines.newest(Timelines.userOf(id), nowMs)) {
      return null;
    }
    return Ref.seeded(id, Timelines.userOf(id), k.getAsInt());
  }

  /** Items (seeded, then created at run time) the user has at {@code nowMs}, deleted ones not. */
  public int itemCount(int user, long nowMs) {
    int newest = timelines.newest(user, nowMs);
    int count = timelines.count(user);
    int seeded = count - newest - timelines.deletedBetween(user, newest, count);
    return seeded - overlay.deletedSeededOf(user, timelines) + overlay.countByUser(user);
  }

  /**
   * The user's items newest first, from {@code maxId} (inclusive) down, deleted ones left out, and
   * only the {@code cap} newest of them (X serves the newest 3,200 tweets of a timeline).
   */
  public ItemStream userStream(int user, long nowMs, long maxId, int cap) {
    long version = overlay.version(); // before reading the overlay: a change after it is seen
    List<Posted> posted = overlay.byUser(user);
    int newest = timelines.newest(user, nowMs);
    int count = timelines.count(user);
    long floorId = -1;
    if (cap < Integer.MAX_VALUE) {
      Floor known = floors.get(user, cap);
      if (known != null && known.newest() == newest && known.version() == version) {
        floorId = known.floorId();
      } else {
        ItemStream all = rawStream(user, newest, count, Long.MAX_VALUE, posted);
        int seen = 0;
        while (seen < cap && all.peek() >= 0) {
          floorId = all.next().id();
          seen++;
        }
        if (seen < cap) {
          floorId = -1;
        }
        floors.put(user, cap, new Floor(newest, version, floorId));
      }
    }
    ItemStream stream =
        rawStream(user, timelines.firstAtOrBelow(user, maxId, newest), count, maxId, posted);
    long floor = floorId;
    return floor < 0 ? stream : until(stream, floor);
  }

  /**
   * The id of the oldest item a capped timeline serves, as computed for the user's newest seeded
   * item and the overlay's version then: walking the {@code cap} newest items costs 32 times a page
   * of 100, and a collector asks for every page of the same timeline one after the other.
   */
  record Floor(int newest, long version, long floorId) {}

  /** The last {@link Floor}s computed, a bounded number (least recently used go first). */
  static final class Floors {
    static final int MAX = 4096;
    private final Map<Long, Floor> recent =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Floor> eldest) {
            return size() > MAX;
          }
        };

    synchronized Floor get(int user, int cap) {
      return recent.get(key(user, cap));
    }

    synchronized void put(int user, int cap, Floor floor) {
      recent.put(key(user, cap), floor);
    }

    synchronized int size() {
      return recent.size();
    }

    private static long key(int user, int cap) {
      return ((long) user << 32) | (cap & 0xFFFFFFFFL);
    }
  }

  private final Floors floors = new Floors();

  private ItemStream rawStream(int user, int start, int end, long maxId, List<Posted> posted) {
    ItemStream seeded = seededStream(user, start, end, maxId);
    ItemStream merged =
        posted.isEmpty() ? seeded : ItemStream.merge(List.of(seeded, postedStream(posted, maxId)));
    return merged.filter(r -> !isDeleted(r));
  }

  /** The stream down to {@code floorId} (inclusive); it ends at the first older item. */
  static ItemStream until(ItemStream source, long floorId) {
    return new ItemStream() {
      @Override
      public long peek() {
        long id = source.peek();
        return id >= floorId ? id : -1;
      }

      @Override
      public Ref next() {
        return source.next();
      }
    };
  }

  private ItemStream seededStream(int user, int start, int end, long maxId) {
    return new ItemStream() {
      private int k = start;

      @Override
      public long peek() {
        return k < end ? timelines.id(user, k) : -1;
      }

      @Override
      public Ref next() {
        Ref r = Ref.seeded(timelines.id(user, k), user, k);
        k++;
        return r;
      }
    };
  }

  private static ItemStream postedStream(List<Posted> posted, long maxId) {
    return new ItemStream() {
      private int p = 0;

      @Override
      public long peek() {
        while (p < posted.size() && posted.get(p).id() > maxId) {
          p++;
        }
        return p < posted.size() ? posted.get(p).id() : -1;
      }

      @Override
      public Ref next() {
        return Ref.of(posted.get(p++));
      }
    };
  }

  /**
   * Seeded items that mention {@code user}, newest first: from each follower, the items whose slot
   * (k modulo the follower's slots) is the user's and that {@code rule} says mention their slot;
   * then items created at run time that mention the user.
   */
  public ItemStream mentionStream(int user, long nowMs, long maxId, MentionRule rule) {
    List<ItemStream> parts = new ArrayList<>();
    int end = graph.followersEnd(user);
    int from = 0;
    while (from < end) {
      List<FollowGraph.Entry> batch = graph.followers(user, from, 4096);
      if (batch.isEmpty()) {
        break;
      }
      for (FollowGraph.Entry e : batch) {
        int a = e.user();
        int slot = graph.slotOf(a, user);
        int slots = graph.slots(a);
        if (slot >= 0 && slots > 0) {
          parts.add(slotStream(a, slot, slots, nowMs, maxId, rule));
        }
      }
      from = batch.get(batch.size() - 1).next();
    }
    List<Posted> posted = overlay.mentioning(user);
    if (!posted.isEmpty()) {
      parts.add(postedStream(posted, maxId));
    }
    return ItemStream.merge(parts).filter(r -> !isDeleted(r));
  }

  private ItemStream slotStream(
      int a, int slot, int slots, long nowMs, long maxId, MentionRule rule) {
    int newest = timelines.firstAtOrBelow(a, maxId, timelines.newest(a, nowMs));
    int end = timelines.count(a);
    int first = newest + Math.floorMod(slot - newest, slots);
    return new ItemStream() {
      private int k = first;

      @Override
      public long peek() {
        while (k < end && !rule.mentionsSlot(a, k)) {
          k += slots;
        }
        return k < end ? timelines.id(a, k) : -1;
      }

      @Override
      public Ref next() {
        Ref r = Ref.seeded(timelines.id(a, k), a, k);
        k += slots;
        return r;
      }
    };
  }

  /** The user's items and those of everyone the user follows, newest first. */
  public ItemStream homeStream(int user, long nowMs) {
    List<ItemStream> parts = new ArrayList<>();
    parts.add(userStream(user, nowMs, Long.MAX_VALUE, Integer.MAX_VALUE));
    for (FollowGraph.Entry e : graph.following(user, 0, graph.slots(user))) {
      parts.add(userStream(e.user(), nowMs, Long.MAX_VALUE, Integer.MAX_VALUE));
    }
    return ItemStream.merge(parts);
  }

  /**
   * The {@code cap} newest items of a stream, then only those at most {@code maxId}: a timeline
   * that serves its newest items only (X's home and mention timelines: 800).
   */
  public static ItemStream capped(ItemStream newestFirst, int cap, long maxId) {
    List<Ref> head = newestFirst.take(cap, -1);
    return new ItemStream() {
      private int i;

      @Override
      public long peek() {
        while (i < head.size() && head.get(i).id() > maxId) {
          i++;
        }
        return i < head.size() ? head.get(i).id() : -1;
      }

      @Override
      public Ref next() {
        return head.get(i++);
      }
    };
  }

  /** The items of the indexed users (the first {@link #INDEXED_USERS}), newest first. */
  public ItemStream indexedStream(long nowMs, long maxId) {
    int n = Math.min(size(), INDEXED_USERS);
    List<ItemStream> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(userStream(i, nowMs, maxId, Integer.MAX_VALUE));
    }
    return ItemStream.merge(parts);
  }

  // ---- likes ------------------------------------------------------------------------------------

  /** When the user made like {@code l} (0 the newest), epoch ms. */
  public long likedAtMs(int user, int l) {
    long gap = 6 * 60 * MINUTE;
    return timelines.startMs() - (l * gap + (long) (Mix.unit(Mix.hash(seed, 41, user, l)) * gap));
  }

  /** The item of like {@code l} of the user, or null when that like has nothing to point at. */
  public Ref liked(int user, int l, long nowMs) {
    int slots = graph.slots(user);
    if (slots == 0) {
      return null;
    }
    int friend = graph.friendAt(user, Mix.below(Mix.hash(seed, 42, user, l), slots));
    if (friend < 0) {
      return null;
    }
    int k = timelines.olderThan(friend, likedAtMs(user, l));
    if (k < 0) {
      return null;
    }
    Ref r = Ref.seeded(timelines.id(friend, k), friend, k);
    return isDeleted(r) ? null : r;
  }
}
