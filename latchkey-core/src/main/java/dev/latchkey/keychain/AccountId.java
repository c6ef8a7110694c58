package dev.latchkey.keychain;

import dev.latchkey.io.SafeText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of an account in the keychain, written {@code platform/name} (for example {@code
 * twitter/alice}).
 *
 * <p>Platforms are lower case; names keep their case but compare as written. Both are limited to
 * characters that are safe in file names, shell words and environment variable values.
 */
public record AccountId(String platform, String name) implements Comparable<AccountId> {
  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");

  /** Validates both parts; the message names the part and the characters allowed. */
  public AccountId {
    if (platform == null || !PLATFORM.matcher(platform).matches()) {
      throw new IllegalArgumentException(
          "platform '"
              + SafeText.forMessage(platform)
              + "' is not valid: use lower-case letters, digits and '-', like 'twitter'");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "account name '"
              + SafeText.forMessage(name)
              + "' is not valid: use letters, digits, '_', '.', '@' and '-' (at most 64)");
    }
  }

  /** Parses {@code platform/name}; the platform part is lower-cased. */
  public static AccountId parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "account '"
              + SafeText.forMessage(text)
              + "' is not of the form PLATFORM/NAME, like twitter/alice");
    }
    return new AccountId(
        text.substring(0, slash).toLowerCase(Locale.ROOT), text.substring(slash + 1));
  }

  @Override
  public int compareTo(AccountId other) {
    int byPlatform = platform.compareTo(other.platform);
    return byPlatform != 0 ? byPlatform : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return platform + "/" + name;
  }
}
