package dev.latchkey.cli;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An account as the user names it on the command line: {@code platform/name}, or {@code platform}
 * alone meaning that platform's default account.
 *
 * @param platform the platform, lower case
 * @param id the account, or null when only the platform was given
 */
public record AccountRef(String platform, AccountId id) {

  /** Parses {@code platform/name} or {@code platform}. */
  public static AccountRef parse(String text) {
    try {
      if (text.indexOf('/') >= 0) {
        AccountId id = AccountId.parse(text);
        return new AccountRef(id.platform(), id);
      }
      String platform = text.toLowerCase(Locale.ROOT);
      new AccountId(platform, "default"); // validates the platform part
      return new AccountRef(platform, null);
    } catch (IllegalArgumentException e) {
      // The message quotes the argument; keep the error on one line whatever was typed.
      throw new TypeConversionException(e.getMessage().replaceAll("\\p{Cntrl}", "?"));
    }
  }

  /** The account meant: the one named, or the platform's default. */
  public AccountId resolve(Keychain keychain) {
    if (id != null) {
      if (keychain.get(id).isEmpty()) {
        throw noSuchAccount(id);
      }
      return id;
    }
    return keychain
        .defaultAccount(platform)
        .orElseThrow(
            () ->
                new CliException(
                    keychain.accounts(platform).isEmpty()
                        ? "there is no "
                            + platform
                            + " account; add one with: latchkey keys add "
                            + platform
                            + "/NAME"
                        : platform
                            + " has no default account; name one, like "
                            + keychain.accounts(platform).get(0).id()
                            + ", or set it with: latchkey keys default "
                            + platform
                            + "/NAME"));
  }

  /** The account meant, as stored. */
  public Account find(Keychain keychain) {
    AccountId resolved = resolve(keychain);
    return keychain.get(resolved).orElseThrow(() -> noSuchAccount(resolved));
  }

  /** The account named, with {@code default} as the name when only the platform was given. */
  public AccountId orDefaultName() {
    return id != null ? id : new AccountId(platform, "default");
  }

  public static CliException noSuchAccount(AccountId id) {
    return new CliException("there is no account " + id + "; see: latchkey keys list");
  }

  @Override
  public String toString() {
    return id != null ? id.toString() : platform;
  }

  /** Lets picocli parse {@code ACCOUNT} parameters; a bad one is a usage error (exit 2). */
  public static final class Converter implements ITypeConverter<AccountRef> {
    @Override
    public AccountRef convert(String value) {
      return parse(value);
    }
  }
}
