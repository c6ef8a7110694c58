package dev.latchkey.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.scan.internal.Encodings;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a git pre-commit hook keeps so that it can recognise the keychain's secrets without the
 * keychain, its passphrase or the agent: for every form of every secret (see {@link
 * LeakScanner#formsOf}), an HMAC-SHA256 under a random salt of its last {@value #WINDOW} bytes,
 * plus 20 bits of a rolling hash of the same window to find candidate positions cheaply.
 *
 * <p>Why windows and not whole values: the hook must find a secret inside any text, and hashing
 * every substring of every length is not possible, while a fixed-length window can be hashed at
 * every position with a rolling hash. Why the last bytes: X access tokens begin with the user's
 * public id, so their first bytes are guessable; the last 16 characters of a random alphanumeric
 * secret carry about 95 bits, which no one brute-forces from a digest. The salt makes the digests
 * useless against any other file and any other machine. The file holds no secret, only which
 * account's which field each digest stands for.
 */
public final class SecretDigests {
  /** The window length in bytes; forms shorter than this are not recorded. */
  public static final int WINDOW = 16;

  private static final int PREFILTER_BITS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(byte[] digest, String account, String field, String encoding) {}

  private final byte[] salt;
  private final long base;
  private final Map<Integer, List<Entry>> byPrefilter;
  private final long basePowerWindow;
  private final int size;

  private SecretDigests(byte[] salt, long base, Map<Integer, List<Entry>> byPrefilter, int size) {
    this.salt = salt.clone();
    this.base = base;
    this.byPrefilter = byPrefilter;
    this.size = size;
    long p = 1;
    for (int i = 0; i < WINDOW; i++) {
      p *= base;
    }
    this.basePowerWindow = p;
  }

  /** Digests of every form of these secrets, under a fresh salt. */
  public static SecretDigests of(List<KnownSecret> secrets, SecureRandom random) {
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    long base = random.nextLong() | 1;
    SecretDigests empty = new SecretDigests(salt, base, new HashMap<>(), 0);
    Map<Integer, List<Entry>> map = new HashMap<>();
    int n = 0;
    for (KnownSecret s : secrets) {
      if (s.value().length() < LeakScanner.SHORTEST_SECRET) {
        continue;
      }
      for (Map.Entry<String, byte[]> e : Encodings.of(s.value().reveal()).entrySet()) {
        byte[] form = e.getValue();
        if (form.length < WINDOW) {
          continue;
        }
        int from = form.length - WINDOW;
        long h = empty.hash(form, from);
        map.computeIfAbsent(prefilter(h), k -> new ArrayList<>())
            .add(new Entry(empty.hmac(form, from), s.account().toString(), s.field(), e.getKey()));
        n++;
      }
    }
    return new SecretDigests(salt, base, map, n);
  }

  /** How many digests this holds. */
  public int size() {
    return size;
  }

  /**
   * Reports every window of {@code bytes[0, length)} that matches a recorded digest and starts
   * before {@code reportEnd}; line numbers count from {@code firstLine} at {@code bytes[0]}.
   */
  void scan(
      LeakScanner.Source source,
      byte[] bytes,
      int length,
      int reportEnd,
      long firstLine,
      Consumer<Finding> sink) {
    if (length < WINDOW || byPrefilter.isEmpty()) {
      return;
    }
    long h = hash(bytes, 0);
    long line = firstLine;
    int counted = 0;
    for (int start = 0; ; start++) {
      List<Entry> candidates = byPrefilter.get(prefilter(h));
      if (candidates != null && start < reportEnd) {
        byte[] digest = hmac(bytes, start);
        for (Entry e : candidates) {
          if (MessageDigest.isEqual(digest, e.digest())) {
            for (; counted < start; counted++) {
              if (bytes[counted] == '\n') {
                line++;
              }
            }
            sink.accept(
                new Finding(
                    source.place(),
                    source.commit(),
                    source.refs(),
                    source.path(),
                    line,
                    List.of(new Finding.Holder(AccountId.parse(e.account()), e.field())),
                    e.field(),
                    e.encoding() + ", last " + WINDOW + " characters",
                    "…"));
          }
        }
      }
      int end = start + WINDOW;
      if (end >= length) {
        return;
      }
      h = h * base - (bytes[start] & 0xff) * basePowerWindow + (bytes[end] & 0xff);
    }
  }

  private long hash(byte[] b, int from) {
    long h = 0;
    for (int i = from; i < from + WINDOW; i++) {
      h = h * base + (b[i] & 0xff);
    }
    return h;
  }

  private static int prefilter(long h) {
    return (int) ((h * 0x9E3779B97F4A7C15L) >>> (64 - PREFILTER_BITS));
  }

  private byte[] hmac(byte[] b, int from) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      mac.update(b, from, WINDOW);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
    }
  }

  /** The file form: JSON, version 1. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put(
        "about",
        "latchkey scan --install-hook: salted digests of the keychain's secrets; no secret is in"
            + " this file");
    root.put("window", WINDOW);
    root.put("salt", Base64.getEncoder().encodeToString(salt));
    root.put("base", HexFormat.of().toHexDigits(base));
    ArrayNode entries = root.putArray("digests");
    byPrefilter.forEach(
        (p, list) -> {
          for (Entry e : list) {
            ObjectNode n = entries.addObject();
            n.put("prefilter", p);
            n.put("digest", Base64.getEncoder().encodeToString(e.digest()));
            n.put("account", e.account());
            n.put("field", e.field());
            n.put("encoding", e.encoding());
          }
        });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the file form.
   *
   * @throws IllegalArgumentException when it is not a digests file of this version
   */
  public static SecretDigests fromJson(byte[] json) {
    Objects.requireNonNull(json);
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null
          || root.path("version").asInt() != 1
          || root.path("window").asInt() != WINDOW) {
        throw new IllegalArgumentException("not a version 1 digests file");
      }
      byte[] salt = Base64.getDecoder().decode(root.path("salt").asText());
      long base = HexFormat.fromHexDigitsToLong(root.path("base").asText());
      Map<Integer, List<Entry>> map = new HashMap<>();
      int n = 0;
      for (JsonNode e : root.path("digests")) {
        AccountId.parse(e.path("account").asText());
        map.computeIfAbsent(e.path("prefilter").asInt(), k -> new ArrayList<>())
            .add(
                new Entry(
                    Base64.getDecoder().decode(e.path("digest").asText()),
                    e.path("account").asText(),
                    e.path("field").asText(),
                    e.path("encoding").asText()));
        n++;
      }
      return new SecretDigests(salt, base, map, n);
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable digests file", null);
    }
  }
}
