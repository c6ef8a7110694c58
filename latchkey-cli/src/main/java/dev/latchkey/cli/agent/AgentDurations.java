package dev.latchkey.cli.agent;

import dev.latchkey.cli.scan.ScanCommand;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them for the agent: {@code 15m}, {@code 90s}, {@code 8h}, {@code 1h30m},
 * or plain seconds; from one second to a week.
 */
public final class AgentDurations implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d{1,7})([smhd]?)");
  static final Duration LONGEST = Duration.ofDays(7);

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
              });
      at = m.end();
    }
    if (text.isEmpty() || at != text.length() || total.isZero() || total.compareTo(LONGEST) > 0) {
      throw new TypeConversionException(
          "'"
              + ScanCommand.shorten(value)
              + "' is not a duration from 1s to 7d; write it like 15m, 90s, 8h or 1h30m");
    }
    return total;
  }

  /** {@code 15 min}, {@code 8 h}, {@code 1 h 30 min}, {@code 45 s}. */
  static String describe(Duration d) {
    long s = d.toSeconds();
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append(" h");
      s %= 3600;
    }
    if (s >= 60) {
      out.append(out.length() > 0 ? " " : "").append(s / 60).append(" min");
      s %= 60;
    }
    if (s > 0 || out.length() == 0) {
      out.append(out.length() > 0 ? " " : "").append(s).append(" s");
    }
    return out.toString();
  }
}
