package dev.latchkey.keychain;

import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.internal.AgeCodec;
import dev.latchkey.keychain.internal.Contents;
import dev.latchkey.keychain.internal.KeychainFormat;
import dev.latchkey.keychain.internal.KeychainJson;
import dev.latchkey.keychain.internal.KeychainLock;
import dev.latchkey.keychain.internal.ScryptRecipient;
import dev.latchkey.keychain.internal.SecureFiles;
import dev.latchkey.keychain.internal.SecureFiles.Backup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The encrypted store of every credential: named accounts per platform and a default account per
 * platform, in one age-encrypted file ({@code keychain.age}) that the standard {@code age -d} can
 * always open with the passphrase. The decrypted content is a JSON document, format version 1:
 * {@code {"version": 1, "defaults": {"twitter": "alice"}, "accounts": [{"id": "twitter/alice",
 * "label": ..., "app": {"consumer_key", "consumer_secret", "client_id", "client_secret"}, "oauth1":
 * {"token", "token_secret", "user_id", "screen_name", "access_level"}, "bearer": {"token",
 * "obtained_at"}, "oauth2": {"access_token", "refresh_token", "expires_at", "scopes",
 * "client_id"}}]}}, absent values omitted, followed by spaces that pad the file to a multiple of
 * 4096 bytes (so that truncation is detectable and the account count is hidden).
 *
 * <p>Reads come from the snapshot taken when the keychain was opened (or last written). Every
 * change is written at once, atomically, under an exclusive lock; a change made while another
 * process changed the file re-reads the file and applies itself again rather than overwrite.
 *
 * <p>Key derivation cost: opening runs scrypt once (none when creating). Each write picks a fresh
 * salt, as age requires (the stanza uses a zero nonce, so a wrap key must never wrap two file
 * keys), and therefore runs scrypt once; checking the written file reuses that derived key. A write
 * that finds the file changed by another process runs scrypt once more to read it. With {@link
 * KeychainOptions.Builder#prepareForWriting(boolean)} the first write's scrypt runs on a second
 * thread while the unlock's runs, so "open and change" takes about one scrypt's time.
 *
 * <p>Files: the keychain is 0600 in a 0700 directory; the lock is {@code keychain.age.lock}. The
 * backup {@code keychain.age.bak} is the previous version after a change that only added (accounts,
 * labels, defaults), and a copy of the new version after one that removed or replaced a credential
 * or changed the passphrase: no backup holds a secret the user removed or opens with an old
 * passphrase. A keychain or directory that others can read, or a keychain that is a symbolic link,
 * is refused. See <a href="https://github.com/C2SP/C2SP/blob/main/age.md">age v1</a>.
 */
public final class Keychain implements AutoCloseable {

  /** The name of the encrypted keychain file inside its directory. */
  public static final String FILE_NAME = "keychain.age";

  /** The name of the insecure plaintext keychain file inside its directory. */
  public static final String PLAINTEXT_FILE_NAME = "keychain.json";

  /** A set of changes applied together: all of them land, or none does. */
  @FunctionalInterface
  public interface Edit {
    /** Changes the draft; throwing leaves the keychain as it was. */
    void apply(Draft draft) throws KeychainException;
  }

  /** The mutable view an {@link Edit} works on. */
  public interface Draft {
    /** The account with this id in the working copy, if any. */
    Optional<Account> get(AccountId id);

    /** Every account in the working copy, sorted by id. */
    List<Account> accounts();

    /** Adds or replaces the account; the first account of a platform becomes its default. */
    void put(Account account);

    /** Removes the account (and its default mark); false when it did not exist. */
    boolean remove(AccountId id);

    /** The default account of a platform in the working copy, if one is set. */
    Optional<AccountId> defaultAccount(String platform);

    /** Makes the account the default of its platform; NO_SUCH_ACCOUNT when it does not exist. */
    void setDefault(AccountId id) throws KeychainException;
  }

  private final KeychainOptions options;
  private final Path path;
  private final SecureRandom random;
  private KeychainFormat format;
  private Contents contents;
  private SecureFiles.Fingerprint fingerprint;
  private int retiredDerivations;
  private final KeychainAgent.Remote remote; // non-null when an agent holds the keychain
  private long generation; // the agent's version of the contents this copy started from

  private Keychain(
      KeychainOptions options,
      Path path,
      KeychainFormat format,
      Contents contents,
      SecureFiles.Fingerprint fingerprint,
      SecureRandom random) {
    this.options = options;
    this.path = path;
    this.format = format;
    this.contents = contents;
    this.fingerprint = fingerprint;
    this.random = random;
    this.remote = null;
  }

  /** A keychain held by an agent: reads come from its snapshot, writes go through it. */
  Keychain(
      KeychainOptions options,
      Path path,
      KeychainAgent.Remote remote,
      Contents contents,
      long generation) {
    this.options = options;
    this.path = path;
    this.format = KeychainFormat.plaintext(); // never used to seal: the agent writes
    this.contents = contents;
    this.fingerprint = SecureFiles.Fingerprint.ABSENT;
    this.random = new SecureRandom();
    this.remote = remote;
    this.generation = generation;
  }

  /** True when an agent ({@code latchkey unlock}) holds this keychain and writes it. */
  public boolean isHeldByAgent() {
    return remote != null;
  }

  /**
   * Opens the keychain the options describe; when it does not exist and {@link
   * KeychainOptions#createIfMissing()} holds, starts an empty one that is written at the first
   * change. Asks the passphrase source once and runs scrypt at most once.
   *
   * @throws KeychainException naming the file and the fix when it cannot be opened
   */
  public static Keychain open(KeychainOptions options) throws KeychainException {
    Objects.requireNonNull(options, "options");
    Path path = fileFor(options);
    Path dir = path.getParent();
    if (!Files.exists(dir) && !options.createIfMissing()) {
      throw missing(path);
    }
    SecureFiles.ensurePrivateDirectory(dir);
    if (SecureFiles.hasStaleTemps(path)) {
      // Only a lock holder may delete them: another process may be mid-write right now.
      try (KeychainLock lock = KeychainLock.tryAcquire(path)) {
        if (lock != null) {
          SecureFiles.removeStaleTemps(path);
        }
      }
    }
    SecureRandom random = new SecureRandom();
    SecureFiles.Read read = readSettled(path);
    if (read == null && !options.createIfMissing()) {
      throw missing(path);
    }
    KeychainFormat format = format(options, path, read == null, random);
    if (options.prepareForWriting()) {
      format.prepareWrite();
    }
    if (read == null) {
      return new Keychain(
          options, path, format, Contents.empty(), SecureFiles.Fingerprint.ABSENT, random);
    }
    Contents contents;
    try {
      contents = KeychainJson.read(format.open(read.bytes()), path.toString());
    } catch (KeychainException e) {
      format.destroy();
      throw e;
    }
    return new Keychain(options, path, format, contents, read.fingerprint(), random);
  }

  private static Path fileFor(KeychainOptions options) {
    Path file = options.file().toAbsolutePath().normalize();
    if (options.insecurePlaintext() && file.getFileName().toString().equals(FILE_NAME)) {
      return file.resolveSibling(PLAINTEXT_FILE_NAME);
    }
    return file;
  }

  private static KeychainFormat format(
      KeychainOptions options, Path path, boolean creating, SecureRandom random)
      throws KeychainException {
    if (options.insecurePlaintext()) {
      return KeychainFormat.plaintext();
    }
    return KeychainFormat.age(
        recipient(options.passphrase().passphrase(creating), path, random),
        options.workFactor(),
        path.toString());
  }

  private static ScryptRecipient recipient(char[] passphrase, Path path, SecureRandom random)
      throws KeychainException {
    if (passphrase == null || passphrase.length == 0) {
      throw new KeychainException(
          Reason.NO_PASSPHRASE, "an empty passphrase cannot protect keychain " + path);
    }
    try {
      return ScryptRecipient.of(passphrase, random);
    } catch (IllegalArgumentException e) {
      throw new KeychainException(Reason.NO_PASSPHRASE, e.getMessage());
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  private static KeychainException missing(Path path) {
    return new KeychainException(
        Reason.IO,
        "no keychain at " + path + "; add an account to create it, or set LATCHKEY_HOME");
  }

  /**
   * The keychain's default location: {@code $LATCHKEY_HOME/keychain.age}, else {@code
   * $XDG_DATA_HOME/latchkey/keychain.age}, else {@code ~/.local/share/latchkey/keychain.age}.
   */
  public static Path defaultLocation(Map<String, String> environment) {
    String home = environment.get("LATCHKEY_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).resolve(FILE_NAME);
    }
    String xdg = environment.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "latchkey", FILE_NAME);
    }
    String userHome = environment.get("HOME");
    if (userHome == null || userHome.isBlank()) {
      userHome = System.getProperty("user.home");
    }
    return Path.of(userHome, ".local", "share", "latchkey", FILE_NAME);
  }

  /** Where this keychain lives (for a plaintext keychain, the {@code .json} file). */
  public Path path() {
    return path;
  }

  /** The options this keychain was opened with. */
  public KeychainOptions options() {
    return options;
  }

  /** True when this keychain is stored as plain JSON (insecure, opt-in). */
  public boolean isPlaintext() {
    return options.insecurePlaintext();
  }

  /** Every account, sorted by id. */
  public synchronized List<Account> accounts() {
    return List.copyOf(contents.accounts().values());
  }

  /** The accounts of one platform, sorted by name. */
  public synchronized List<Account> accounts(String platform) {
    return contents.accounts().values().stream()
        .filter(a -> a.id().platform().equals(platform))
        .toList();
  }

  /** The account with this id, if any. */
  /** The account with this id, if any. */
  public synchronized Optional<Account> get(AccountId id) {
    return Optional.ofNullable(contents.accounts().get(id));
  }

  /** The default account of a platform, if one is set. */
  public synchronized Optional<AccountId> defaultAccount(String platform) {
    return contents.defaultAccount(platform);
  }

  /** Adds or replaces an account. */
  public void put(Account account) throws KeychainException {
    Objects.requireNonNull(account, "account");
    edit(draft -> draft.put(account));
  }

  /** Adds an account; fails with {@code ACCOUNT_EXISTS} when the name is taken. */
  public void add(Account account) throws KeychainException {
    Objects.requireNonNull(account, "account");
    edit(
        draft -> {
          if (draft.get(account.id()).isPresent()) {
            throw exists(account.id());
          }
          draft.put(account);
        });
  }

  /** Removes an account (and its default mark); false when it did not exist. */
  public boolean remove(AccountId id) throws KeychainException {
    boolean[] removed = new boolean[1];
    edit(draft -> removed[0] = draft.remove(id));
    return removed[0];
  }

  /**
   * Renames an account within its platform or to another platform, keeping its default mark.
   *
   * @throws KeychainException NO_SUCH_ACCOUNT or ACCOUNT_EXISTS
   */
  public void rename(AccountId from, AccountId to) throws KeychainException {
    edit(
        draft -> {
          Account account = draft.get(from).orElseThrow(() -> noSuch(from));
          if (from.equals(to)) {
            return;
          }
          if (draft.get(to).isPresent()) {
            throw exists(to);
          }
          boolean wasDefault = draft.defaultAccount(from.platform()).equals(Optional.of(from));
          draft.remove(from);
          draft.put(account.withId(to));
          if (wasDefault) {
            draft.setDefault(to);
          }
        });
  }

  /** Makes an account the default of its platform; NO_SUCH_ACCOUNT when it does not exist. */
  public void setDefault(AccountId id) throws KeychainException {
    edit(draft -> draft.setDefault(id));
  }

  /**
   * Applies several changes atomically (import uses this: all or nothing). Under the lock, the edit
   * runs on the file's current contents (re-read when another process changed it); when it throws,
   * nothing is written.
   */
  @SuppressWarnings("try") // the lock is held for the block's duration
  public synchronized void edit(Edit edit) throws KeychainException {
    Objects.requireNonNull(edit, "edit");
    if (remote != null) {
      editThroughAgent(edit);
      return;
    }
    try (KeychainLock lock = KeychainLock.acquire(path, KeychainLock.Wait.of(options))) {
      refresh();
      DraftImpl draft = new DraftImpl(contents.copy());
      edit.apply(draft);
      Contents next = draft.state.freeze();
      if (next.equals(contents) && fingerprint != SecureFiles.Fingerprint.ABSENT) {
        return;
      }
      write(next, format, contents.isKeptWholeIn(next) ? Backup.PREVIOUS : Backup.CURRENT);
    }
  }

  /**
   * An edit made through the agent: applied to this copy and sent whole; when another client
   * changed the keychain since this copy was taken, the agent answers the current contents and the
   * edit is applied again to them (as a writer does with the file).
   */
  private void editThroughAgent(Edit edit) throws KeychainException {
    for (int attempt = 0; ; attempt++) {
      DraftImpl draft = new DraftImpl(contents.copy());
      edit.apply(draft);
      Contents next = draft.state.freeze();
      if (next.equals(contents)) {
        return;
      }
      KeychainAgent.Committed answer = remote.commit(generation, next);
      generation = answer.generation();
      if (answer.current() == null) {
        contents = next;
        return;
      }
      contents = answer.current();
      if (attempt >= 20) {
        throw new KeychainException(
            Reason.LOCKED, "keychain " + path + " kept changing under this edit; try again");
      }
    }
  }

  /**
   * Replaces the whole contents, under the lock, for the agent writing a client's edit. The file is
   * re-read first, as every writer does.
   */
  @SuppressWarnings("try") // the lock is held for the block's duration
  synchronized void replace(Contents next) throws KeychainException {
    try (KeychainLock lock = KeychainLock.acquire(path, KeychainLock.Wait.of(options))) {
      refresh();
      if (next.equals(contents) && fingerprint != SecureFiles.Fingerprint.ABSENT) {
        return;
      }
      write(next, format, contents.isKeptWholeIn(next) ? Backup.PREVIOUS : Backup.CURRENT);
    }
  }

  /** What this copy holds, for the agent to send. */
  synchronized Contents contents() {
    return contents;
  }

  /**
   * True when the file is no longer what this keychain last read or wrote: another process (or a
   * restored backup) changed it. An agent forgets its keychain then.
   */
  public synchronized boolean changedOnDisk() throws KeychainException {
    if (remote != null) {
      return false;
    }
    return !SecureFiles.currentFingerprint(path).sameAs(fingerprint);
  }

  /**
   * Re-encrypts the keychain under a new passphrase (one scrypt run). The array is not kept.
   *
   * @throws KeychainException IO for a plaintext keychain, which has no passphrase
   */
  @SuppressWarnings("try") // the lock is held for the block's duration
  public synchronized void changePassphrase(char[] newPassphrase) throws KeychainException {
    if (remote != null) {
      generation = remote.changePassphrase(newPassphrase);
      return;
    }
    if (isPlaintext()) {
      throw new KeychainException(
          Reason.IO,
          "keychain " + path + " is stored in plaintext and has no passphrase; encrypt it first");
    }
    KeychainFormat next =
        KeychainFormat.age(
            recipient(newPassphrase.clone(), path, random), options.workFactor(), path.toString());
    try (KeychainLock lock = KeychainLock.acquire(path, KeychainLock.Wait.of(options))) {
      refresh();
      write(contents, next, Backup.CURRENT); // nothing may still open with the old passphrase
    } catch (KeychainException e) {
      next.destroy();
      throw e;
    }
    retiredDerivations += format.derivations();
    format.destroy();
    format = next;
  }

  /**
   * Re-reads the file when another process changed it since this keychain last read or wrote it,
   * without taking the writers' lock (a write replaces the file atomically, so a read sees one
   * whole version). Costs one scrypt run when the file changed.
   */
  public synchronized void reload() throws KeychainException {
    if (remote != null) {
      KeychainAgent.Committed now = remote.snapshot();
      generation = now.generation();
      contents = now.current();
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        refresh();
        return;
      } catch (SecureFiles.ReplacedWhileReading e) {
        // A writer renamed its new version into place while we read: read that one.
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /** Forgets the passphrase and derived keys; the keychain cannot be changed afterwards. */
  @Override
  public synchronized void close() {
    format.destroy();
  }

  /** Scrypt runs so far (tests check the KDF budget). */
  synchronized int derivations() {
    return retiredDerivations + format.derivations();
  }

  /**
   * Reads the file outside the writers' lock, as opening does: when a writer renames its new
   * version into place during the read, the read is made again (four processes adding 25 accounts
   * each at once saw it once in a hundred opens).
   */
  private static SecureFiles.Read readSettled(Path path) throws KeychainException {
    for (int attempt = 1; ; attempt++) {
      try {
        return SecureFiles.readPrivate(path);
      } catch (SecureFiles.ReplacedWhileReading e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  private void refresh() throws KeychainException {
    SecureFiles.Fingerprint now = SecureFiles.currentFingerprint(path);
    if (now.sameAs(fingerprint)) {
      return;
    }
    SecureFiles.Read read = SecureFiles.readPrivate(path);
    if (read == null) {
      contents = Contents.empty();
      fingerprint = SecureFiles.Fingerprint.ABSENT;
      return;
    }
    contents = KeychainJson.read(format.open(read.bytes()), path.toString());
    fingerprint = read.fingerprint();
  }

  private void write(Contents next, KeychainFormat with, Backup backupHolds)
      throws KeychainException {
    byte[] json = KeychainJson.write(next);
    if (json.length > AgeCodec.MAX_FILE_SIZE) {
      Arrays.fill(json, (byte) 0);
      throw tooLarge();
    }
    byte[] sealed = with.seal(json);
    Arrays.fill(json, (byte) 0);
    if (sealed.length > AgeCodec.MAX_FILE_SIZE) {
      throw tooLarge();
    }
    Path backup = path.resolveSibling(path.getFileName() + ".bak");
    fingerprint =
        SecureFiles.replace(
            path,
            sealed,
            backup,
            backupHolds,
            written -> {
              Contents back = KeychainJson.read(with.open(written), path.toString());
              if (!back.equals(next)) {
                throw new KeychainException(
                    Reason.IO,
                    "the keychain written to " + path + " did not read back identically");
              }
            },
            random);
    contents = next;
  }

  /**
   * A change past what a reader accepts is refused before it is written, not blamed on the file.
   */
  private KeychainException tooLarge() {
    return new KeychainException(
        Reason.IO,
        "this change would make keychain "
            + path
            + " larger than "
            + (AgeCodec.MAX_FILE_SIZE >> 20)
            + " MiB, the most Latchkey reads; nothing was written (are the values you are adding"
            + " really credentials?)");
  }

  private static KeychainException exists(AccountId id) {
    return new KeychainException(
        Reason.ACCOUNT_EXISTS,
        "account " + id + " already exists; remove it first or choose another name");
  }

  private static KeychainException noSuch(AccountId id) {
    return new KeychainException(
        Reason.NO_SUCH_ACCOUNT, "no account " + id + " in the keychain; list them with keys list");
  }

  @Override
  public String toString() {
    return "Keychain[" + path + (isPlaintext() ? ", plaintext" : "") + "]";
  }

  private static final class DraftImpl implements Draft {
    private final Contents.Mutable state;

    DraftImpl(Contents.Mutable state) {
      this.state = state;
    }

    @Override
    public Optional<Account> get(AccountId id) {
      return Optional.ofNullable(state.accounts().get(id));
    }

    @Override
    public List<Account> accounts() {
      return new ArrayList<>(state.accounts().values());
    }

    @Override
    public void put(Account account) {
      Objects.requireNonNull(account, "account");
      state.accounts().put(account.id(), account);
      state.defaults().putIfAbsent(account.id().platform(), account.id().name());
    }

    @Override
    public boolean remove(AccountId id) {
      boolean removed = state.accounts().remove(id) != null;
      if (id.name().equals(state.defaults().get(id.platform()))) {
        state.defaults().remove(id.platform());
      }
      return removed;
    }

    @Override
    public Optional<AccountId> defaultAccount(String platform) {
      String name = state.defaults().get(platform);
      return name == null ? Optional.empty() : Optional.of(new AccountId(platform, name));
    }

    @Override
    public void setDefault(AccountId id) throws KeychainException {
      if (!state.accounts().containsKey(id)) {
        throw noSuch(id);
      }
      state.defaults().put(id.platform(), id.name());
    }
  }
}
