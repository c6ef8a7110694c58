package dev.latchkey.cli.session;

import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The one {@code --account ACCOUNT} option: {@code PLATFORM/NAME}, {@code NAME} alone where the
 * command's platform or the keychain makes it unambiguous, or {@code PLATFORM} for its default
 * account. Positional {@code ACCOUNT} parameters use the same {@link Converter} and {@link
 * #DESCRIPTION}, so the word means one thing everywhere.
 */
public final class AccountOption {
  /** How every ACCOUNT is described in help. */
  public static final String DESCRIPTION =
      "PLATFORM/NAME (twitter/alice), NAME alone when only one platform has it, or PLATFORM for"
          + " its default account.";

  /** The platform names an ACCOUNT may start with, or be. */
  static final List<String> PLATFORMS =
      Platforms.builtIn().all().stream().map(Platform::name).toList();

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      converter = Converter.class,
      description = "The account: " + DESCRIPTION)
  AccountReference account;

  /** The reference given, if any. */
  public Optional<AccountReference> reference() {
    return Optional.ofNullable(account);
  }

  /**
   * The stored account given; with none given, the default account of {@code platform}.
   *
   * @param platform the command's platform, or null
   */
  public AccountId resolve(Keychain keychain, String platform) throws AccountException {
    if (account != null
        && account.platform() != null
        && platform != null
        && !account.platform().equals(platform)) {
      throw CliException.usage(
          "--account "
              + account
              + " is a "
              + account.platform()
              + " account; this command needs a "
              + platform
              + " account, like "
              + platform
              + "/NAME");
    }
    AccountReference ref =
        account != null ? account : AccountReference.parse(require(platform), PLATFORMS);
    return ref.resolve(keychain, platform);
  }

  /**
   * The account to store into: the one given (its platform must be {@code platform}), or null when
   * none was given.
   *
   * @throws CliException (usage) when the account is on another platform
   */
  public AccountId target(String platform, String defaultName) {
    if (account == null) {
      return null;
    }
    return target(account, platform, defaultName);
  }

  /** {@code ref} as the account to store into on {@code platform}. */
  public static AccountId target(AccountReference ref, String platform, String defaultName) {
    try {
      return ref.target(platform, defaultName);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private static String require(String platform) {
    if (platform == null) {
      throw CliException.usage("name the account with --account PLATFORM/NAME");
    }
    return platform;
  }

  /** Lets picocli parse ACCOUNT; a bad one is a usage error (exit 2) on one line. */
  public static final class Converter implements ITypeConverter<AccountReference> {
    @Override
    public AccountReference convert(String value) {
      try {
        return AccountReference.parse(value, PLATFORMS);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
