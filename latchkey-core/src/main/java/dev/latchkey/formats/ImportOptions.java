package dev.latchkey.formats;

import dev.latchkey.keychain.AccountId;
import java.util.Optional;

/**
 * What the caller knows about a file to import: its format (otherwise detected from the content and
 * the file name), the account name to give it, and the platform it belongs to. Immutable; start
 * from {@link #detect()}.
 */
public final class ImportOptions {
  private static final ImportOptions DETECT = new ImportOptions(null, null, null);

  private final CredentialFormat format;
  private final String accountName;
  private final String platform;

  private ImportOptions(CredentialFormat format, String accountName, String platform) {
    this.format = format;
    this.accountName = accountName;
    this.platform = platform;
  }

  /** No format, name or platform given: everything is detected. */
  public static ImportOptions detect() {
    return DETECT;
  }

  /** Reads the file as this format instead of detecting it. */
  public ImportOptions format(CredentialFormat newFormat) {
    return new ImportOptions(newFormat, accountName, platform);
  }

  /**
   * Names the imported account. For a file that holds several accounts, it picks the one with this
   * name instead.
   *
   * @throws IllegalArgumentException when the name is not a valid account name
   */
  public ImportOptions accountName(String name) {
    if (name != null) {
      new AccountId("twitter", name); // validates; the message names the allowed characters
    }
    return new ImportOptions(format, name, platform);
  }

  /**
   * Says which platform the credentials are for, when the file does not (MassMine's alist, a {@code
   * tw.json} holding Tumblr keys). For a {@code .env} file it picks that platform's lines.
   *
   * @throws IllegalArgumentException when the platform is not a valid platform name
   */
  public ImportOptions platform(String newPlatform) {
    if (newPlatform != null) {
      new AccountId(newPlatform, "x"); // validates
    }
    return new ImportOptions(format, accountName, newPlatform);
  }

  /** The format to read the file as; empty means detect it. */
  public Optional<CredentialFormat> format() {
    return Optional.ofNullable(format);
  }

  /** The name for the imported account, or the one to pick; empty means the file's own names. */
  public Optional<String> accountName() {
    return Optional.ofNullable(accountName);
  }

  /** The platform the credentials are for; empty means the file's, else Twitter. */
  public Optional<String> platform() {
    return Optional.ofNullable(platform);
  }

  @Override
  public String toString() {
    return "ImportOptions[format="
        + format
        + ", accountName="
        + accountName
        + ", platform="
        + platform
        + "]";
  }
}
