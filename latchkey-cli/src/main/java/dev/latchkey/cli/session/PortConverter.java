package dev.latchkey.cli.session;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a TCP port option ({@code --port}, {@code --proxy-port}): 0 to 65535, 0 for any free port.
 * Checked where it is parsed, so a bad port is a usage error (exit 2) before anything runs.
 */
public final class PortConverter implements ITypeConverter<Integer> {
  /** The highest TCP port. */
  public static final int MAX_PORT = 65535;

  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > MAX_PORT) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a port: give a number from 0 to "
              + MAX_PORT
              + " (0 picks a free port)");
    }
    return port;
  }
}
