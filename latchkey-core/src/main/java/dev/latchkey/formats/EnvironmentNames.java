package dev.latchkey.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environment variable names programs read credentials from, for {@code latchkey exec} and
 * {@code latchkey env}; {@link CredentialExport#environment} gives an account's values under them.
 */
public enum EnvironmentNames {
  /**
   * {@code TWITTER_CONSUMER_KEY}, {@code TUMBLR_ACCESS_TOKEN}, ...: the platform's prefix and the
   * names the {@code dotenv} export writes.
   */
  GENERIC("generic"),
  /**
   * twarc2's: {@code CONSUMER_KEY}, {@code CONSUMER_SECRET}, {@code ACCESS_TOKEN}, {@code
   * ACCESS_TOKEN_SECRET}, {@code BEARER_TOKEN}, without a prefix.
   */
  TWARC("twarc"),
  /**
   * The developer portal's labels, as tweepy's users name them: {@code API_KEY}, {@code
   * API_KEY_SECRET}, {@code ACCESS_TOKEN}, {@code ACCESS_TOKEN_SECRET}, {@code BEARER_TOKEN},
   * {@code CLIENT_ID}, {@code CLIENT_SECRET}.
   */
  TWEEPY("tweepy");

  private final String cliName;

  EnvironmentNames(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Finds a naming by its CLI name, ignoring case. */
  public static Optional<EnvironmentNames> fromCliName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(n -> n.cliName.equals(wanted)).findFirst();
  }

  /** Every CLI name, comma-separated. */
  public static String cliNames() {
    return Arrays.stream(values()).map(EnvironmentNames::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }

  /** The name of one part under this naming, or null when it has none for that part. */
  String name(String platform, Slot slot) {
    return switch (this) {
      case GENERIC -> Dotenv.prefix(platform) + Dotenv.CANONICAL.get(slot);
      case TWARC ->
          switch (slot) {
            case CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, BEARER ->
                Dotenv.CANONICAL.get(slot);
            default -> null;
          };
      case TWEEPY ->
          switch (slot) {
            case CONSUMER_KEY -> "API_KEY";
            case CONSUMER_SECRET -> "API_KEY_SECRET";
            case SCREEN_NAME, USER_ID -> null;
            default -> Dotenv.CANONICAL.get(slot);
          };
    };
  }
}
