package dev.latchkey.sandbox.internal.data;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/** Items newest first (descending ids), computed as they are taken. */
public interface ItemStream {
  /** The id of the next item, or -1 when there is none. */
  long peek();

  /** Takes the next item; only after {@link #peek()} returned an id. */
  Ref next();

  /** Up to {@code n} items with ids above {@code sinceId} (exclusive). */
  default List<Ref> take(int n, long sinceId) {
    List<Ref> out = new ArrayList<>(Math.min(n, 256));
    while (out.size() < n) {
      long id = peek();
      if (id < 0 || id <= sinceId) {
        break;
      }
      out.add(next());
    }
    return out;
  }

  /** This stream without the items {@code keep} refuses. */
  default ItemStream filter(Predicate<Ref> keep) {
    ItemStream source = this;
    return new ItemStream() {
      private Ref ready;

      @Override
      public long peek() {
        while (ready == null) {
          if (source.peek() < 0) {
            return -1;
          }
          Ref r = source.next();
          if (keep.test(r)) {
            ready = r;
          }
        }
        return ready.id();
      }

      @Override
      public Ref next() {
        peek();
        Ref r = ready;
        ready = null;
        return r;
      }
    };
  }

  /** The union of several streams, newest first. */
  static ItemStream merge(List<ItemStream> streams) {
    PriorityQueue<ItemStream> queue =
        new PriorityQueue<>(
            Math.max(1, streams.size()), (a, b) -> Long.compare(b.peek(), a.peek()));
    for (ItemStream s : streams) {
      if (s.peek() >= 0) {
        queue.add(s);
      }
    }
    return new ItemStream() {
      @Override
      public long peek() {
        ItemStream head = queue.peek();
        return head == null ? -1 : head.peek();
      }

      @Override
      public Ref next() {
        ItemStream head = queue.poll();
        Ref r = head.next();
        if (head.peek() >= 0) {
          queue.add(head);
        }
        return r;
      }
    };
  }

  /** A stream of no items. */
  static ItemStream empty() {
    return new ItemStream() {
      @Override
      public long peek() {
        return -1;
      }

      @Override
      public Ref next() {
        throw new java.util.NoSuchElementException();
      }
    };
  }
}
