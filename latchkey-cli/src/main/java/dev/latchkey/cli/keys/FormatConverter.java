package dev.latchkey.cli.keys;

import dev.latchkey.formats.CredentialFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --format NAME} by the names {@link CredentialFormat#cliName()} gives. */
public final class FormatConverter implements ITypeConverter<CredentialFormat> {
  @Override
  public CredentialFormat convert(String value) {
    return CredentialFormat.fromCliName(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "unknown format '" + value + "'; use one of " + CredentialFormat.cliNames()));
  }
}
