package dev.latchkey.cli.use;

import dev.latchkey.platform.CredentialKind;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --auth oauth1|oauth2|bearer|api-key} into a {@link CredentialKind}. */
public final class CredentialKindConverter implements ITypeConverter<CredentialKind> {
  /** The names {@code --auth} takes, for help. */
  public static final String NAMES = "oauth1|oauth2|bearer|api-key";

  @Override
  public CredentialKind convert(String value) {
    return CredentialKind.fromShortName(value)
        .filter(k -> k != CredentialKind.NONE)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'"
                        + value.replaceAll("\\p{Cntrl}", "?")
                        + "' is not a credential; use one of "
                        + Arrays.stream(CredentialKind.values())
                            .filter(k -> k != CredentialKind.NONE)
                            .map(CredentialKind::shortName)
                            .collect(Collectors.joining(", "))));
  }
}
