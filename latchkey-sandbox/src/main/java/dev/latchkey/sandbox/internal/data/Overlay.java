package dev.latchkey.sandbox.internal.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed at run time on top of the seeded data: items users created, items they deleted.
 * Bounded: at most {@link #MAX_ITEMS} created items are kept (the oldest go first), so memory
 * follows use, never the size of the seeded data. Thread-safe.
 */
public final class Overlay {
  /** How many created items are kept in all. */
  public static final int MAX_ITEMS = 100_000;

  private final Map<Integer, Deque<Posted>> byUser = new HashMap<>();
  private final Map<Long, Posted> byId = new HashMap<>();
  private final Map<Integer, Deque<Posted>> byMention = new HashMap<>();
  private final Deque<Posted> order = new ArrayDeque<>();
  private final Set<Long> deleted = new HashSet<>();
  private long version;

  public synchronized void add(Posted p) {
    version++;
    byUser.computeIfAbsent(p.user(), u -> new ArrayDeque<>()).addFirst(p);
    for (int m : p.mentions()) {
      byMention.computeIfAbsent(m, u -> new ArrayDeque<>()).addFirst(p);
    }
    byId.put(p.id(), p);
    order.addLast(p);
    while (order.size() > MAX_ITEMS) {
      forget(order.removeFirst());
    }
  }

  private void forget(Posted p) {
    byId.remove(p.id());
    deleted.remove(p.id());
    Deque<Posted> mine = byUser.get(p.user());
    if (mine != null) {
      mine.remove(p);
      if (mine.isEmpty()) {
        byUser.remove(p.user());
      }
    }
    for (int m : p.mentions()) {
      Deque<Posted> d = byMention.get(m);
      if (d != null) {
        d.remove(p);
        if (d.isEmpty()) {
          byMention.remove(m);
        }
      }
    }
  }

  /** Created items made after {@code afterMs} and at most {@code untilMs}, oldest first. */
  public synchronized List<Posted> between(long afterMs, long untilMs) {
    List<Posted> out = new ArrayList<>();
    for (Iterator<Posted> it = order.descendingIterator(); it.hasNext(); ) {
      Posted p = it.next();
      if (p.createdMs() <= afterMs) {
        break;
      }
      if (p.createdMs() <= untilMs && !deleted.contains(p.id())) {
        out.add(0, p);
      }
    }
    return out;
  }

  public synchronized Posted get(long id) {
    return byId.get(id);
  }

  /** The user's created items, newest first (a copy). */
  public synchronized List<Posted> byUser(int user) {
    Deque<Posted> d = byUser.get(user);
    return d == null ? List.of() : new ArrayList<>(d);
  }

  /** Created items that mention the user, newest first (a copy). */
  public synchronized List<Posted> mentioning(int user) {
    Deque<Posted> d = byMention.get(user);
    return d == null ? List.of() : new ArrayList<>(d);
  }

  /** How many items the user created that still exist. */
  public synchronized int countByUser(int user) {
    Deque<Posted> d = byUser.get(user);
    if (d == null) {
      return 0;
    }
    int n = 0;
    for (Iterator<Posted> it = d.iterator(); it.hasNext(); ) {
      if (!deleted.contains(it.next().id())) {
        n++;
      }
    }
    return n;
  }

  /** Marks an item (seeded or created) deleted; false when it already was. */
  public synchronized boolean delete(long id) {
    version++;
    return deleted.add(id);
  }

  /**
   * A number that changes whenever the overlay does (an item created, deleted or forgotten), so
   * that what was computed from it can be kept until then.
   */
  public synchronized long version() {
    return version;
  }

  public synchronized boolean isDeleted(long id) {
    return deleted.contains(id);
  }

  /** Seeded items of the user deleted at run time. */
  public synchronized int deletedSeededOf(int user, Timelines timelines) {
    int n = 0;
    for (long id : deleted) {
      if (!Timelines.isRuntime(id) && Timelines.userOf(id) == user) {
        n++;
      }
    }
    return n;
  }
}
