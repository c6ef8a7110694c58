package dev.latchkey.keychain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The encrypted store of every credential: named accounts per platform and a default account per
 * platform, in one age-encrypted file that the standard {@code age -d} can always open.
 *
 * <p>Reads come from the snapshot taken when the keychain was opened (or last written). Every
 * change is written at once, atomically, under an exclusive lock; a change made while another
 * process changed the file re-reads the file and applies itself again rather than overwrite.
 */
public final class Keychain {

  /** A set of changes applied together: all of them land, or none does. */
  @FunctionalInterface
  public interface Edit {
    void apply(Draft draft) throws KeychainException;
  }

  /** The mutable view an {@link Edit} works on. */
  public interface Draft {
    Optional<Account> get(AccountId id);

    List<Account> accounts();

    /** Adds or replaces the account. */
    void put(Account account);

    /** Removes the account; false when it did not exist. */
    boolean remove(AccountId id);

    Optional<AccountId> defaultAccount(String platform);

    /** Makes the account the default of its platform. */
    void setDefault(AccountId id) throws KeychainException;
  }

  private Keychain() {
    throw new UnsupportedOperationException("implemented by the keychain work");
  }

  /**
   * Opens (or, when allowed, creates) the keychain the options describe. Runs the KDF once.
   *
   * @throws KeychainException naming the file and the fix when it cannot be opened
   */
  public static Keychain open(KeychainOptions options) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * The keychain's default location: {@code $LATCHKEY_HOME/keychain.age}, else {@code
   * $XDG_DATA_HOME/latchkey/keychain.age}, else {@code ~/.local/share/latchkey/keychain.age}.
   */
  public static Path defaultLocation(Map<String, String> environment) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Where this keychain lives. */
  public Path path() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Every account, sorted by id. */
  public List<Account> accounts() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The accounts of one platform, sorted by name. */
  public List<Account> accounts(String platform) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public Optional<Account> get(AccountId id) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The default account of a platform, if one is set. */
  public Optional<AccountId> defaultAccount(String platform) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Adds or replaces an account. */
  public void put(Account account) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Adds an account; fails with {@code ACCOUNT_EXISTS} when the name is taken. */
  public void add(Account account) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Removes an account (and its default mark); false when it did not exist. */
  public boolean remove(AccountId id) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Renames an account within its platform or to another platform, keeping its default mark. */
  public void rename(AccountId from, AccountId to) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Makes an account the default of its platform. */
  public void setDefault(AccountId id) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Applies several changes atomically (import uses this: all or nothing). */
  public void edit(Edit edit) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Re-encrypts the keychain under a new passphrase. The array is not kept. */
  public void changePassphrase(char[] newPassphrase) throws KeychainException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
