package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.Caller;
import dev.latchkey.sandbox.internal.UserProfile;
import dev.latchkey.sandbox.internal.data.FollowGraph;
import dev.latchkey.sandbox.internal.data.Mix;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.Rng;
import dev.latchkey.sandbox.internal.data.Timelines;
import dev.latchkey.sandbox.internal.data.Words;
import dev.latchkey.sandbox.internal.data.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tweets of the seeded world, computed from (user, item) on demand: about 55% originals (some
 * mentioning a friend, some with a hashtag, a link or a photo), 15% replies to a friend's earlier
 * tweet, 15% retweets and 15% quotes of one. Whether an item mentions a friend depends only on
 * cheap hashes, so the mentions of a user can be found from the follow graph ({@link
 * World#mentionStream}).
 */
final class Tweets {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#(\\w{1,100})");
  private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@(\\w{1,15})");
  private static final Pattern URL = Pattern.compile("https?://[^\\s]+");

  private final World world;
  private final long seed;

  Tweets(World world, long seed) {
    this.world = world;
    this.seed = seed;
  }

  World world() {
    return world;
  }

  /** What seeded item {@code k} of user {@code a} is, from one hash. */
  Tweet.Kind kindOf(int a, int k) {
    if (world.graph().slots(a) == 0) {
      return Tweet.Kind.ORIGINAL;
    }
    double u = Mix.unit(Mix.hash(seed, 52, a, k));
    if (u < 0.55) {
      return Tweet.Kind.ORIGINAL;
    } else if (u < 0.70) {
      return Tweet.Kind.REPLY;
    } else if (u < 0.85) {
      return Tweet.Kind.RETWEET;
    }
    return Tweet.Kind.QUOTE;
  }

  /** Whether seeded item {@code k} of {@code a} mentions the friend in slot {@code k mod slots}. */
  boolean mentionsSlot(int a, int k) {
    FollowGraph g = world.graph();
    int slots = g.slots(a);
    if (slots == 0 || g.friendAt(a, Math.floorMod(k, slots)) < 0) {
      return false;
    }
    Tweet.Kind kind = kindOf(a, k);
    return kind == Tweet.Kind.REPLY
        || (kind == Tweet.Kind.ORIGINAL && Mix.unit(Mix.hash(seed, 54, a, k)) < 0.2);
  }

  /** The tweet an item reference stands for. */
  Tweet tweet(Ref ref) {
    return ref.isPosted() ? posted(ref) : seeded(ref.user(), ref.k(), ref);
  }

  Tweet tweet(long id, long nowMs) {
    Ref r = world.find(id, nowMs);
    return r == null ? null : tweet(r);
  }

  private Tweet seeded(int a, int k, Ref ref) {
    Timelines t = world.timelines();
    FollowGraph g = world.graph();
    Rng r = new Rng(Mix.hash(seed, 51, a, k));
    long created = t.createdMs(a, k);
    Tweet.Kind kind = kindOf(a, k);
    int slots = g.slots(a);
    Ref source = null;
    if (kind == Tweet.Kind.RETWEET || kind == Tweet.Kind.QUOTE) {
      source = sourceOf(a, k, created);
      if (source == null) {
        kind = Tweet.Kind.ORIGINAL;
      }
    }
    String src = Words.SOURCES[Mix.below(Mix.hash(seed, 55, a), Words.SOURCES.length)];
    Tweet.Metrics metrics = metrics(a, k);
    if (kind == Tweet.Kind.RETWEET) {
      Tweet original = tweet(source);
      String author = world.people().screenName(original.author());
      String prefix = "RT @" + author + ": ";
      int shift = prefix.length();
      List<Tweet.Mention> mentions = new ArrayList<>();
      mentions.add(new Tweet.Mention(original.author(), author, 3, 4 + author.length()));
      for (Tweet.Mention m : original.mentions()) {
        mentions.add(
            new Tweet.Mention(m.user(), m.screenName(), m.start() + shift, m.end() + shift));
      }
      List<Tweet.Hashtag> tags = new ArrayList<>();
      for (Tweet.Hashtag h : original.hashtags()) {
        tags.add(new Tweet.Hashtag(h.tag(), h.start() + shift, h.end() + shift));
      }
      List<Tweet.Link> links = new ArrayList<>();
      for (Tweet.Link l : original.urls()) {
        links.add(
            new Tweet.Link(l.url(), l.expanded(), l.display(), l.start() + shift, l.end() + shift));
      }
      Tweet.Media media = null;
      if (original.media() != null) {
        Tweet.Media m = original.media();
        media =
            new Tweet.Media(
                m.id(),
                m.mediaUrl(),
                m.url(),
                m.display(),
                m.expanded(),
                m.start() + shift,
                m.end() + shift);
      }
      return new Tweet(
          ref,
          a,
          created,
          kind,
          prefix + original.text(),
          tags,
          mentions,
          links,
          media,
          -1,
          -1,
          source,
          null,
          src,
          new Tweet.Metrics(original.metrics().retweets(), 0, 0, 0, 0, 0));
    }
    TextBuilder text = new TextBuilder();
    int target = -1;
    long replyTo = -1;
    if (kind == Tweet.Kind.REPLY || mentionsSlot(a, k)) {
      target = g.friendAt(a, Math.floorMod(k, slots));
    }
    if (kind == Tweet.Kind.REPLY) {
      if (target >= 0) {
        int tk = t.olderThan(target, created);
        if (tk >= 0) {
          replyTo = t.id(target, tk);
        }
        text.mention(target, world.people().screenName(target));
        text.space();
      } else {
        kind = Tweet.Kind.ORIGINAL;
      }
    }
    int words = r.between(4, 17);
    int mentionAt = kind == Tweet.Kind.ORIGINAL && target >= 0 ? r.between(1, words) : -1;
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        text.space();
      }
      if (w == mentionAt) {
        text.plain("with ");
        text.mention(target, world.people().screenName(target));
        text.space();
      }
      String word = r.pick(Words.VOCAB);
      text.plain(w == 0 && kind != Tweet.Kind.REPLY ? capitalize(word) : word);
    }
    text.plain(r.chance(0.5) ? "." : r.chance(0.5) ? "!" : "");
    double tags = r.nextDouble();
    int tagCount = tags < 0.6 ? 0 : tags < 0.9 ? 1 : 2;
    for (int h = 0; h < tagCount; h++) {
      text.space();
      text.hashtag(r.pick(Words.HASHTAGS));
    }
    if (r.chance(0.25)) {
      text.space();
      String site = r.pick(Words.SITES);
      String path = r.pick(Words.VOCAB) + "/" + r.chars("0123456789", 4);
      text.link(
          "https://t.co/" + r.chars(ALNUM, 10),
          "https://" + site + "/" + path,
          site + "/" + (path.length() > 12 ? path.substring(0, 12) + "…" : path));
    }
    if (kind == Tweet.Kind.QUOTE) {
      String quotedAuthor = world.people().screenName(source.user());
      text.space();
      text.link(
          "https://t.co/" + r.chars(ALNUM, 10),
          "https://twitter.com/" + quotedAuthor + "/status/" + source.id(),
          "twitter.com/" + quotedAuthor + "/s…");
    }
    Tweet.Media media = null;
    if (kind != Tweet.Kind.QUOTE && r.chance(0.2)) {
      text.space();
      long mediaId = ref.id() - (1 + r.nextInt(4000)) * (1L << 22);
      String shortUrl = "https://t.co/" + r.chars(ALNUM, 10);
      int start = text.length();
      text.plain(shortUrl);
      String screen = world.people().screenName(a);
      media =
          new Tweet.Media(
              mediaId,
              "https://pbs.twimg.com/media/" + r.chars(ALNUM + "_-", 15) + ".jpg",
              shortUrl,
              "pic.twitter.com/" + shortUrl.substring(13),
              "https://twitter.com/" + screen + "/status/" + ref.id() + "/photo/1",
              start,
              text.length());
    }
    return new Tweet(
        ref,
        a,
        created,
        kind,
        text.toString(),
        text.hashtags,
        text.mentions,
        text.links,
        media,
        replyTo,
        kind == Tweet.Kind.REPLY ? target : -1,
        null,
        kind == Tweet.Kind.QUOTE ? source : null,
        src,
        metrics);
  }

  /**
   * The friend's tweet a retweet or quote points at: the friend's latest earlier tweet, when it is
   * public and not itself a retweet (else the item is an original).
   */
  private Ref sourceOf(int a, int k, long created) {
    FollowGraph g = world.graph();
    int friend = g.friendAt(a, Mix.below(Mix.hash(seed, 53, a, k), g.slots(a)));
    if (friend < 0) {
      return null;
    }
    Timelines t = world.timelines();
    int fk = t.olderThan(friend, created);
    if (fk < 0) {
      return null;
    }
    Ref candidate = Ref.seeded(t.id(friend, fk), friend, fk);
    UserProfile author = world.profile(friend);
    if (author.isProtected()
        || author.suspended()
        || world.isDeleted(candidate)
        || kindOf(friend, fk) == Tweet.Kind.RETWEET) {
      return null;
    }
    return candidate;
  }

  private Tweet.Metrics metrics(int a, int k) {
    Rng r = new Rng(Mix.hash(seed, 56, a, k));
    double scale = a == world.graph().popular() ? 4000 : 30;
    int likes = (int) (scale * Math.pow(r.nextDouble(), 3));
    int retweets = (int) (likes * r.nextDouble() * 0.3);
    int replies = (int) (likes * r.nextDouble() * 0.1);
    int quotes = (int) (retweets * r.nextDouble() * 0.2);
    int bookmarks = (int) (likes * r.nextDouble() * 0.05);
    return new Tweet.Metrics(
        retweets, replies, likes, quotes, bookmarks, likes * 40 + r.nextInt(50));
  }

  /** A tweet sent at run time; its entities are read from its text. */
  private Tweet posted(Ref ref) {
    Posted p = ref.posted();
    PostedTweet details = p.content() instanceof PostedTweet d ? d : PostedTweet.NONE;
    String text = p.text();
    List<Tweet.Hashtag> tags = new ArrayList<>();
    Matcher m = HASHTAG.matcher(text);
    while (m.find()) {
      tags.add(new Tweet.Hashtag(m.group(1), cp(text, m.start()), cp(text, m.end())));
    }
    List<Tweet.Mention> mentions = new ArrayList<>();
    m = MENTION.matcher(text);
    while (m.find()) {
      OptionalInt user = world.indexOfScreenName(m.group(1));
      if (user.isPresent()) {
        mentions.add(
            new Tweet.Mention(
                user.getAsInt(),
                world.people().screenName(user.getAsInt()),
                cp(text, m.start()),
                cp(text, m.end())));
      }
    }
    List<Tweet.Link> links = new ArrayList<>();
    m = URL.matcher(text);
    while (m.find()) {
      String url = m.group();
      links.add(
          new Tweet.Link(
              url,
              url,
              url.replaceFirst("^https?://", ""),
              cp(text, m.start()),
              cp(text, m.end())));
    }
    Tweet.Kind kind =
        details.inReplyTo() > 0
            ? Tweet.Kind.REPLY
            : details.quoted() != null ? Tweet.Kind.QUOTE : Tweet.Kind.ORIGINAL;
    return new Tweet(
        ref,
        p.user(),
        p.createdMs(),
        kind,
        text,
        tags,
        mentions,
        links,
        null,
        details.inReplyTo() > 0 ? details.inReplyTo() : -1,
        details.inReplyToUser(),
        null,
        details.quoted(),
        details.source(),
        new Tweet.Metrics(0, 0, 0, 0, 0, 0));
  }

  private static int cp(String text, int charIndex) {
    return text.codePointCount(0, charIndex);
  }

  /** The mentions and hashtags of a text about to be posted, for the overlay's index. */
  java.util.Set<Integer> mentionedUsers(String text) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      world.indexOfScreenName(m.group(1)).ifPresent(out::add);
    }
    return out;
  }

  // ---- visibility -------------------------------------------------------------------------------

  /** Why a caller may not see a tweet. */
  enum Refusal {
    NONE,
    DELETED,
    PROTECTED,
    SUSPENDED
  }

  Refusal refusal(Ref ref, Caller caller) {
    if (world.isDeleted(ref)) {
      return Refusal.DELETED;
    }
    return refusalForAuthor(ref.user(), caller);
  }

  /** Whether the caller may see the user's tweets: suspended never, protected to followers. */
  Refusal refusalForAuthor(int author, Caller caller) {
    UserProfile p = world.profile(author);
    if (p.suspended()) {
      return Refusal.SUSPENDED;
    }
    if (p.isProtected() && !canSeeProtected(author, caller)) {
      return Refusal.PROTECTED;
    }
    return Refusal.NONE;
  }

  boolean canSeeProtected(int author, Caller caller) {
    if (caller == null || !caller.isUser()) {
      return false;
    }
    int me = caller.user().index();
    return me == author || world.graph().follows(me, author);
  }

  private static String capitalize(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  /** Builds a text and records where its entities are, in code points (the text is ASCII). */
  private static final class TextBuilder {
    private final StringBuilder text = new StringBuilder();
    final List<Tweet.Hashtag> hashtags = new ArrayList<>();
    final List<Tweet.Mention> mentions = new ArrayList<>();
    final List<Tweet.Link> links = new ArrayList<>();

    void plain(String s) {
      text.append(s);
    }

    void space() {
      text.append(' ');
    }

    void mention(int user, String screenName) {
      int start = text.length();
      text.append('@').append(screenName);
      mentions.add(new Tweet.Mention(user, screenName, start, text.length()));
    }

    void hashtag(String tag) {
      int start = text.length();
      text.append('#').append(tag);
      hashtags.add(new Tweet.Hashtag(tag, start, text.length()));
    }

    void link(String url, String expanded, String display) {
      int start = text.length();
      text.append(url);
      links.add(new Tweet.Link(url, expanded, display, start, text.length()));
    }

    int length() {
      return text.length();
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
