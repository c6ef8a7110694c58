package dev.latchkey.sandbox.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The (consumer, token, timestamp, nonce) combinations already accepted (RFC 5849 §3.3), kept as
 * 64-bit salted SHA-256 digests in buckets of {@value #BUCKET_SECONDS} seconds of {@code
 * oauth_timestamp}. A bucket is dropped whole once every timestamp in it is outside the window (the
 * timestamp check then rejects a replay anyway), so memory follows the traffic of one window at
 * about 8 to 21 bytes per nonce, and never exceeds {@link #capacity()} entries: past that, new
 * nonces are refused with 503 code 130 "Over capacity" (what X answers when it is overloaded)
 * rather than accepted unchecked.
 *
 * <p>A digest collision can only make a fresh request look like a replay, never the other way: at
 * 64 bits and millions of live nonces the chance per request is below 10<sup>-12</sup>. The salt is
 * secret and random per start, so no client can aim at a collision.
 */
public final class ReplayCache {
  static final int BUCKET_SECONDS = 10;

  /** Entries held at most: about 2^23, a little over 100 MB at the worst load factor. */
  static final long DEFAULT_CAPACITY = 1L << 23;

  private static final int STRIPES = 16;

  private final long windowSeconds;
  private final long capacity;
  private final byte[] salt;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);
  private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(ReplayCache::newSha256);

  /** A cache for the given timestamp window, salted from {@link SecureRandom}. */
  public ReplayCache(long windowSeconds) {
    this(windowSeconds, DEFAULT_CAPACITY, new SecureRandom());
  }

  ReplayCache(long windowSeconds, long capacity, RandomGenerator random) {
    this.windowSeconds = windowSeconds;
    this.capacity = capacity;
    this.salt = new byte[16];
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) random.nextInt(256);
    }
  }

  /**
   * Records the combination; false when it was already present (a replay).
   *
   * @param timestamp the request's {@code oauth_timestamp}, already checked to be in the window
   * @param nowSeconds the current epoch second, for eviction
   * @throws ApiError 503 / 130 when the cache is full
   */
  public boolean firstUse(
      String consumerKey, String token, long timestamp, String nonce, long nowSeconds) {
    sweep(nowSeconds);
    long digest = digest(consumerKey, token, timestamp, nonce);
    Bucket bucket = buckets.computeIfAbsent(Math.floorDiv(timestamp, BUCKET_SECONDS), Bucket::new);
    if (bucket.contains(digest)) {
      return false;
    }
    if (entries.incrementAndGet() > capacity) {
      entries.decrementAndGet();
      throw new ApiError(503, 130, "Over capacity");
    }
    if (!bucket.add(digest)) {
      entries.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Entries currently held. */
  public long size() {
    return entries.get();
  }

  /** The bytes the digest tables take (what grows with traffic), for tests and benchmarks. */
  long footprintBytes() {
    long n = 0;
    for (Bucket b : buckets.values()) {
      n += b.footprintBytes();
    }
    return n;
  }

  /** The most entries the cache will hold. */
  public long capacity() {
    return capacity;
  }

  /** Drops every bucket whose newest timestamp is more than the window before {@code now}. */
  private void sweep(long nowSeconds) {
    long last = lastSweep.get();
    if (nowSeconds <= last || !lastSweep.compareAndSet(last, nowSeconds)) {
      return;
    }
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      long newest = (b.index + 1) * BUCKET_SECONDS - 1;
      if (newest + windowSeconds < nowSeconds) {
        it.remove();
        entries.addAndGet(-b.size());
      }
    }
  }

  /** The first 8 bytes of SHA-256(salt, each field length-prefixed), never 0. */
  private long digest(String consumerKey, String token, long timestamp, String nonce) {
    MessageDigest md = sha256.get();
    md.reset();
    md.update(salt);
    update(md, consumerKey);
    update(md, token);
    md.update(ByteBuffer.allocate(8).putLong(0, timestamp));
    update(md, nonce);
    long d = ByteBuffer.wrap(md.digest()).getLong();
    return d == 0 ? 1 : d;
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(0, b.length));
    md.update(b);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** One time bucket: digests spread over lock stripes, each an open-addressing set of longs. */
  private static final class Bucket {
    final long index;
    final LongSet[] stripes = new LongSet[STRIPES];

    Bucket(long index) {
      this.index = index;
      for (int i = 0; i < STRIPES; i++) {
        stripes[i] = new LongSet();
      }
    }

    private LongSet stripe(long digest) {
      return stripes[(int) (digest >>> 60) & (STRIPES - 1)];
    }

    boolean contains(long digest) {
      LongSet s = stripe(digest);
      synchronized (s) {
        return s.contains(digest);
      }
    }

    boolean add(long digest) {
      LongSet s = stripe(digest);
      synchronized (s) {
        return s.add(digest);
      }
    }

    long footprintBytes() {
      long n = 0;
      for (LongSet s : stripes) {
        synchronized (s) {
          n += s.table.length * 8L;
        }
      }
      return n;
    }

    long size() {
      long n = 0;
      for (LongSet s : stripes) {
        synchronized (s) {
          n += s.size;
        }
      }
      return n;
    }
  }

  /** Linear probing over a power-of-two table; 0 marks an empty slot; grows at 3/4 full. */
  static final class LongSet {
    private long[] table = new long[16];
    int size;

    boolean contains(long key) {
      int mask = table.length - 1;
      for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
        long k = table[i];
        if (k == key) {
          return true;
        }
        if (k == 0) {
          return false;
        }
      }
    }

    boolean add(long key) {
      if ((size + 1) * 4L > table.length * 3L) {
        grow();
      }
      int mask = table.length - 1;
      for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
        long k = table[i];
        if (k == key) {
          return false;
        }
        if (k == 0) {
          table[i] = key;
          size++;
          return true;
        }
      }
    }

    private void grow() {
      long[] old = table;
      table = new long[old.length * 2];
      int mask = table.length - 1;
      for (long key : old) {
        if (key != 0) {
          int i = mix(key) & mask;
          while (table[i] != 0) {
            i = (i + 1) & mask;
          }
          table[i] = key;
        }
      }
    }

    private static int mix(long key) {
      // The digest is already uniform; fold the high bits in so every table size sees them.
      return (int) (key ^ (key >>> 32));
    }
  }
}
