package dev.latchkey.scan.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-pattern matcher over bytes (Aho and Corasick, "Efficient string matching", CACM 1975),
 * compiled to a full transition table so that scanning costs one table load per input byte,
 * whatever the number of patterns.
 *
 * <p>Bytes that occur in no pattern share one alphabet class, so the table has one column per
 * distinct pattern byte plus one, not 256. With {@code foldCase} ASCII letters match either case;
 * callers that need an exact match check the bytes at the hit themselves.
 *
 * <p>Each table entry is the next state's row offset, negated (bitwise) when that state ends at
 * least one pattern, so the hot loop tests the sign instead of loading a second array.
 */
public final class AhoCorasick {
  /** Receives every match: the pattern's index and the offset just past its last byte. */
  @FunctionalInterface
  public interface Hits {
    void hit(int pattern, long end);
  }

  private final int[] classOf = new int[256];
  private final int classes;
  private final int[] table;
  private final int[][] outputs; // by state number: the patterns ending there
  private final int longest;

  private AhoCorasick(List<byte[]> patterns, boolean foldCase) {
    // Alphabet classes: one per distinct byte (after folding) that some pattern uses.
    int next = 1;
    int[] folded = new int[256];
    for (int b = 0; b < 256; b++) {
      folded[b] = foldCase ? fold(b) : b;
    }
    int[] classOfFolded = new int[256];
    for (byte[] p : patterns) {
      for (byte b : p) {
        int f = folded[b & 0xff];
        if (classOfFolded[f] == 0) {
          classOfFolded[f] = next++;
        }
      }
    }
    for (int b = 0; b < 256; b++) {
      classOf[b] = classOfFolded[folded[b]];
    }
    classes = next;

    // The trie, as growable rows of child states (-1 for none).
    List<int[]> children = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    children.add(newRow());
    ends.add(new ArrayList<>());
    int max = 0;
    for (int i = 0; i < patterns.size(); i++) {
      byte[] p = patterns.get(i);
      max = Math.max(max, p.length);
      int s = 0;
      for (byte b : p) {
        int c = classOf[b & 0xff];
        int child = children.get(s)[c];
        if (child < 0) {
          child = children.size();
          children.get(s)[c] = child;
          children.add(newRow());
          ends.add(new ArrayList<>());
        }
        s = child;
      }
      ends.get(s).add(i);
    }
    longest = max;

    // Breadth-first: failure links, inherited outputs, and the complete transition function.
    int states = children.size();
    int[] fail = new int[states];
    int[][] delta = new int[states][];
    delta[0] = new int[classes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < classes; c++) {
      int child = children.get(0)[c];
      if (child >= 0) {
        fail[child] = 0;
        delta[0][c] = child;
        queue.add(child);
      } else {
        delta[0][c] = 0;
      }
    }
    outputs = new int[states][];
    while (!queue.isEmpty()) {
      int s = queue.poll();
      ends.get(s).addAll(ends.get(fail[s]));
      delta[s] = new int[classes];
      for (int c = 0; c < classes; c++) {
        int child = children.get(s)[c];
        if (child >= 0) {
          fail[child] = delta[fail[s]][c];
          delta[s][c] = child;
          queue.add(child);
        } else {
          delta[s][c] = delta[fail[s]][c];
        }
      }
    }
    for (int s = 0; s < states; s++) {
      List<Integer> e = ends.get(s);
      outputs[s] = e.isEmpty() ? null : e.stream().mapToInt(Integer::intValue).toArray();
    }
    table = new int[Math.multiplyExact(states, classes)];
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < classes; c++) {
        int target = delta[s][c];
        int row = target * classes;
        table[s * classes + c] = outputs[target] != null ? ~row : row;
      }
    }
  }

  private int[] newRow() {
    int[] row = new int[classes];
    Arrays.fill(row, -1);
    return row;
  }

  private static int fold(int b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }

  /** Compiles the patterns; none may be empty. */
  public static AhoCorasick compile(List<byte[]> patterns, boolean foldCase) {
    for (byte[] p : patterns) {
      if (p.length == 0) {
        throw new IllegalArgumentException("an empty pattern matches everywhere");
      }
    }
    return new AhoCorasick(patterns, foldCase);
  }

  /** The length of the longest pattern. */
  public int longest() {
    return longest;
  }

  /** How many ints the transition table holds (its memory is four bytes each). */
  public int tableSize() {
    return table.length;
  }

  /** The state before any input. */
  public int start() {
    return 0;
  }

  /**
   * Runs the automaton over {@code bytes[from, to)} starting in {@code state} and reports every
   * match, with offsets counted from {@code base} (the stream offset of {@code bytes[from]}).
   *
   * @return the state after the last byte, to continue with the next chunk of the same stream
   */
  public int scan(byte[] bytes, int from, int to, int state, long base, Hits hits) {
    final int[] t = table;
    final int[] cls = classOf;
    int s = state;
    for (int i = from; i < to; i++) {
      int n = t[s + cls[bytes[i] & 0xff]];
      if (n < 0) {
        s = ~n;
        for (int p : outputs[s / classes]) {
          hits.hit(p, base + (i - from) + 1);
        }
      } else {
        s = n;
      }
    }
    return s;
  }
}
