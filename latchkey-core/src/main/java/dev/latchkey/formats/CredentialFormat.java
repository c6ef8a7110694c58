package dev.latchkey.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The credential files other tools keep, which Latchkey imports and exports, each with the name the
 * CLI's {@code --format} takes.
 */
public enum CredentialFormat {
  /**
   * The common {@code tw.json}: a JSON object with {@code consumer_key}, {@code consumer_secret},
   * {@code access_token}, {@code access_token_secret} and optionally {@code bearer_token}.
   */
  TW_JSON("tw-json"),
  /**
   * A smapy token dict: like {@code tw.json} but with {@code access_secret}; also a JSON object of
   * such dicts keyed by network ({@code tw}) or name.
   */
  SMAPY("smapy"),
  /**
   * twurl's {@code ~/.twurlrc} YAML: profiles per user and consumer key, default, bearer tokens.
   */
  TWURLRC("twurlrc"),
  /** twarc 1's {@code ~/.twarc} INI file: one {@code [profile]} section per account. */
  TWARC("twarc"),
  /** twarc2's {@code ~/.config/twarc/config}: flat {@code key = 'value'} lines (configobj). */
  TWARC2("twarc2"),
  /** MassMine's {@code ~/.config/massmine/twitter_cred} or {@code tumblr_cred}: a Scheme alist. */
  MASSMINE("massmine"),
  /**
   * A {@code .env} file: {@code TWITTER_CONSUMER_KEY=...}, {@code TUMBLR_...}, or twarc's bare
   * {@code CONSUMER_KEY=...} names.
   */
  DOTENV("dotenv");

  private final String cliName;

  CredentialFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line, like {@code tw-json}. */
  public String cliName() {
    return cliName;
  }

  /** Finds a format by its CLI name, ignoring case. */
  public static Optional<CredentialFormat> fromCliName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.cliName.equals(wanted)).findFirst();
  }

  /** Every CLI name, comma-separated, for help texts and error messages. */
  public static String cliNames() {
    return Arrays.stream(values()).map(CredentialFormat::cliName).collect(Collectors.joining(", "));
  }

  /** The CLI name, so that help texts and messages show what the user types. */
  @Override
  public String toString() {
    return cliName;
  }
}
