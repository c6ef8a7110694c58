package dev.latchkey.sandbox.internal.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to break and how often, parsed from the compact form of {@code latchkey sandbox --faults}:
 * comma-separated {@code NAME=VALUE} parts.
 *
 * <pre>
 * 500=P 502=P 503=P 504=P   share of requests answered with that status, P in 0..1 or N%
 * reset=P                    share whose connection is closed without an answer
 * truncate=P                 share whose body is cut in the middle (Content-Length stays whole)
 * slow=P:DURATION            share answered only after DURATION (as 2s, 500ms, 1m)
 * retry-after=SECONDS        Retry-After on every injected 5xx
 * stream-disconnect=DURATION every stream connection is cut after DURATION
 * seed=N                     the seed of the draws (default: the sandbox's seed)
 * </pre>
 *
 * The shares of 5xx, reset and truncate exclude one another and add up to at most 1; {@code slow}
 * is drawn on its own and combines with them.
 */
public record FaultSpec(
    double internalError,
    double badGateway,
    double overCapacity,
    double gatewayTimeout,
    double reset,
    double truncate,
    double slow,
    Duration slowBy,
    OptionalLong retryAfterSeconds,
    Duration streamDisconnect,
    OptionalLong seed) {

  /** No faults at all. */
  public static final FaultSpec NONE =
      new FaultSpec(
          0, 0, 0, 0, 0, 0, 0, Duration.ZERO, OptionalLong.empty(), null, OptionalLong.empty());

  static final int MAX_LENGTH = 1000;
  private static final Duration MAX_DELAY = Duration.ofHours(1);
  private static final long MAX_RETRY_AFTER = 86_400;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
  private static final String EXAMPLE =
      "e.g. 500=0.05,503=0.02,reset=0.01,slow=0.05:2s,truncate=0.01,retry-after=30,"
          + "stream-disconnect=60s";

  /** True when at least one fault is configured. */
  public boolean any() {
    return exclusiveShare() > 0 || slow > 0 || streamDisconnect != null;
  }

  /** The share of requests that get one of the exclusive faults (5xx, reset, truncate). */
  double exclusiveShare() {
    return internalError + badGateway + overCapacity + gatewayTimeout + reset + truncate;
  }

  /**
   * Parses the compact form; an empty or blank string means no faults.
   *
   * @throws IllegalArgumentException naming the bad part and showing a good spec
   */
  public static FaultSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    if (spec.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the fault spec is longer than " + MAX_LENGTH + " characters; " + EXAMPLE);
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String raw : spec.split(",", -1)) {
      String part = raw.trim();
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(part, "expected NAME=VALUE");
      }
      String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (parts.put(name, part.substring(eq + 1).trim()) != null) {
        throw bad(part, "'" + name + "' is given twice");
      }
    }
    double[] shares = new double[6];
    String[] shareNames = {"500", "502", "503", "504", "reset", "truncate"};
    double slow = 0;
    Duration slowBy = Duration.ZERO;
    OptionalLong retryAfter = OptionalLong.empty();
    Duration streamDisconnect = null;
    OptionalLong seed = OptionalLong.empty();
    for (Map.Entry<String, String> e : parts.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      String part = name + "=" + value;
      int index = indexOf(shareNames, name);
      if (index >= 0) {
        shares[index] = share(part, value);
      } else if (name.equals("slow")) {
        int colon = value.indexOf(':');
        if (colon < 0) {
          throw bad(part, "slow needs a share and a delay, as slow=0.05:2s");
        }
        slow = share(part, value.substring(0, colon));
        slowBy = duration(part, value.substring(colon + 1));
      } else if (name.equals("retry-after")) {
        long seconds =
            value.matches("\\d{1,9}") ? Long.parseLong(value) : duration(part, value).toSeconds();
        if (seconds > MAX_RETRY_AFTER) {
          throw bad(part, "retry-after is at most " + MAX_RETRY_AFTER + " seconds");
        }
        retryAfter = OptionalLong.of(seconds);
      } else if (name.equals("stream-disconnect")) {
        streamDisconnect = duration(part, value);
        if (streamDisconnect.isZero()) {
          throw bad(part, "stream-disconnect must be longer than 0");
        }
      } else if (name.equals("seed")) {
        try {
          seed = OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException ex) {
          throw bad(part, "the seed must be a whole number");
        }
      } else {
        throw bad(
            part,
            "unknown fault '"
                + name
                + "'; use 500, 502, 503, 504, reset, truncate, slow, retry-after,"
                + " stream-disconnect or seed");
      }
    }
    FaultSpec parsed =
        new FaultSpec(
            shares[0],
            shares[1],
            shares[2],
            shares[3],
            shares[4],
            shares[5],
            slow,
            slowBy,
            retryAfter,
            streamDisconnect,
            seed);
    if (parsed.exclusiveShare() > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "bad fault spec '"
              + spec.trim()
              + "': the shares of 500, 502, 503, 504, reset and truncate add up to more than 1");
    }
    return parsed;
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static double share(String part, String value) {
    boolean percent = value.endsWith("%");
    String number = percent ? value.substring(0, value.length() - 1) : value;
    if (!number.matches("\\d{1,3}(\\.\\d{1,9})?|\\.\\d{1,9}")) {
      throw bad(part, "a share is a number from 0 to 1, or a percentage as 5%");
    }
    double d = Double.parseDouble(number) / (percent ? 100 : 1);
    if (d > 1) {
      throw bad(part, "a share is at most 1 (100%)");
    }
    return d;
  }

  private static Duration duration(String part, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw bad(part, "a duration is a whole number with ms, s, m or h, as 2s or 500ms");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(Math.min(n, 1_000_000));
          case "h" -> Duration.ofHours(Math.min(n, 1_000_000));
          default -> Duration.ofSeconds(n);
        };
    if (d.compareTo(MAX_DELAY) > 0) {
      throw bad(part, "a duration is at most 1h");
    }
    return d;
  }

  private static IllegalArgumentException bad(String part, String why) {
    return new IllegalArgumentException("bad fault '" + part + "': " + why + "; " + EXAMPLE);
  }
}
