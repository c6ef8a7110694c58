package dev.latchkey.cli.session;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a time limit in whole seconds ({@code --timeout}): at least 1, at most a day. Checked
 * where it is parsed, so {@code --timeout -1} or {@code 0} is a usage error (exit 2).
 */
public final class SecondsConverter implements ITypeConverter<Integer> {
  /** The longest time limit accepted: a day. */
  public static final int MAX_SECONDS = 86_400;

  @Override
  public Integer convert(String value) {
    int seconds;
    try {
      seconds = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw new TypeConversionException(
          "'" + value + "' is not a time limit: give whole seconds from 1 to " + MAX_SECONDS);
    }
    return seconds;
  }
}
