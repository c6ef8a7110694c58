package dev.latchkey.account;

import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.LockWaitListener;
import dev.latchkey.keychain.PassphraseSource;
import dev.latchkey.keychain.PassphraseSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds and unlocks the keychain: the passphrase chain every Latchkey front end uses. The
 * passphrase comes from, in order: the file named by {@code LATCHKEY_PASSPHRASE_FILE}, the variable
 * {@code LATCHKEY_PASSPHRASE} (least safe: child processes and {@code /proc} can see it), the OS
 * keyring when the person opted in ({@link #recordKeyringOptIn()}), and else the caller's {@link
 * PassphrasePrompt} (asked twice when creating). It is asked for once, so the KDF runs once.
 *
 * <pre>{@code
 * KeychainAccess access = KeychainAccess.builder(System.getenv()).prompt(myPrompt).build();
 * try (Keychain keychain = access.open(false)) { ... }
 * }</pre>
 */
public final class KeychainAccess {
  /** Names a file holding the new passphrase for {@code keys passwd}. */
  public static final String NEW_PASSPHRASE_FILE = "LATCHKEY_NEW_PASSPHRASE_FILE";

  /** When set, the OS keyring is never asked. */
  public static final String NO_KEYRING = "LATCHKEY_NO_KEYRING";

  /** When set, the agent of {@code latchkey unlock} ({@link KeychainAgent}) is not used. */
  public static final String NO_AGENT = "LATCHKEY_NO_AGENT";

  /**
   * The scrypt work factor new keychain writes use, from {@value
   * KeychainOptions#MINIMUM_WORK_FACTOR} to {@value KeychainOptions#MAXIMUM_WORK_FACTOR} (default
   * {@value KeychainOptions#DEFAULT_WORK_FACTOR}).
   */
  public static final String WORK_FACTOR = "LATCHKEY_WORK_FACTOR";

  /** Weakens the keychain's work factor, for tests only (a warning is given every time). */
  public static final String TEST_WORK_FACTOR = "LATCHKEY_INSECURE_TEST_WORK_FACTOR";

  /** How long a keyring may take before it is given up, as the GitHub CLI waits. */
  public static final Duration KEYRING_TIMEOUT = Duration.ofSeconds(3);

  private static final int PROMPT_ATTEMPTS = 3;

  /** Where the passphrase that unlocked the keychain came from. */
  public enum Source {
    FILE,
    ENVIRONMENT,
    KEYRING,
    PROMPT,
    AGENT,
    NONE
  }

  private final Map<String, String> environment;
  private final Path path;
  private final boolean plaintext;
  private final Keyring keyring;
  private final PassphrasePrompt prompt;
  private final Consumer<String> warnings;
  private final Consumer<String> notices;
  private final Clock clock;
  private final LockWaitListener lockWaitListener;
  private final String holderDescription;
  private Source source = Source.NONE;
  private char[] kept;
  private boolean forWriting;

  private KeychainAccess(Builder b) {
    this.environment = Map.copyOf(b.environment);
    this.plaintext = b.plaintext;
    this.keyring = b.keyring.withTimeout(b.keyringTimeout);
    this.prompt = b.prompt;
    this.warnings = b.warnings;
    this.notices = b.notices;
    this.clock = b.clock;
    this.lockWaitListener = b.lockWaitListener;
    this.holderDescription = b.holderDescription;
    Path file =
        (b.keychain != null ? b.keychain : Keychain.defaultLocation(environment))
            .toAbsolutePath()
            .normalize();
    this.path =
        plaintext && file.getFileName().toString().equals(Keychain.FILE_NAME)
            ? file.resolveSibling(Keychain.PLAINTEXT_FILE_NAME)
            : file;
  }

  /** Access to the keychain the environment names ({@code LATCHKEY_HOME}, XDG, home). */
  public static Builder builder(Map<String, String> environment) {
    return new Builder(environment);
  }

  /** The keychain file. */
  public Path path() {
    return path;
  }

  /** Whether the keychain file exists yet. */
  public boolean exists() {
    return Files.exists(path);
  }

  /** Whether the keychain is the plain-text one ({@code --insecure-storage}). */
  public boolean isPlaintext() {
    return plaintext;
  }

  /** Where the passphrase came from, once {@link #open} has run. */
  public Source source() {
    return source;
  }

  /** The OS keyring, every call bounded in time. */
  public Keyring keyring() {
    return keyring;
  }

  /**
   * The file whose presence records that the person opted in to the OS keyring, beside the keychain
   * ({@code keychain.age.keyring-opt-in}). It holds no secret; without it the keyring is never
   * asked, so a headless machine sees no keyring notice.
   */
  public Path keyringOptIn() {
    return path.resolveSibling(path.getFileName() + ".keyring-opt-in");
  }

  /** Whether the person opted in to the OS keyring for this keychain. */
  public boolean keyringOptedIn() {
    return Files.exists(keyringOptIn());
  }

  /** Records the opt-in (mode 0600, no secret inside). */
  public void recordKeyringOptIn() throws IOException {
    Path file = keyringOptIn();
    String text =
        "The passphrase of "
            + path.getFileName()
            + " is remembered in the OS keyring (latchkey keys remember).\n"
            + "Nothing secret is in this file; latchkey keys forget removes it.\n";
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // rewritten below
    }
    Files.writeString(
        file,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Removes the opt-in record; true when there was one. */
  public boolean removeKeyringOptIn() throws IOException {
    return Files.deleteIfExists(keyringOptIn());
  }

  /**
   * Opens the keychain, asking for the passphrase at most once.
   *
   * @param create whether to create the keychain when it does not exist; when false a missing
   *     keychain is reported with the command that creates one
   */
  public Keychain open(boolean create) throws KeychainException {
    return open(create, false);
  }

  /**
   * Opens the keychain and keeps a copy of the passphrase that unlocked it (for remembering it in
   * the keyring); take it with {@link #takePassphrase()}.
   */
  public Keychain openKeepingPassphrase() throws KeychainException {
    return open(false, true);
  }

  /** The passphrase kept by {@link #openKeepingPassphrase()}; the caller wipes it. */
  public char[] takePassphrase() {
    char[] p = kept;
    kept = null;
    return p;
  }

  /**
   * For front ends that open the keychain in order to change it: the first write's key derivation
   * then runs on a second thread during the unlock's ({@link
   * KeychainOptions.Builder#prepareForWriting}), so unlock-and-write costs about one scrypt.
   */
  public KeychainAccess forWriting() {
    this.forWriting = true;
    return this;
  }

  private Keychain open(boolean create, boolean keep) throws KeychainException {
    if (!create && !exists()) {
      throw new KeychainException(
          Reason.IO,
          "no keychain at "
              + path
              + " yet; add an account first with: latchkey keys add twitter/NAME");
    }
    KeychainOptions.Builder options =
        options(keep ? keeping(this::passphrase) : this::passphrase)
            .createIfMissing(create)
            .prepareForWriting(forWriting);
    if (!keep) {
      // An unlocked keychain held by the agent needs no passphrase and no key derivation.
      Optional<Keychain> held = held(options.build());
      if (held.isPresent()) {
        return held.get();
      }
    }
    try {
      return Keychain.open(options.build());
    } catch (KeychainException e) {
      if (e.reason() == Reason.WRONG_PASSPHRASE && source == Source.KEYRING) {
        throw new KeychainException(
            Reason.WRONG_PASSPHRASE,
            "the passphrase remembered in the OS keyring does not unlock "
                + path
                + "; run 'latchkey keys forget' and try again");
      }
      throw e;
    }
  }

  /** The keychain as the agent holds it, unless there is none or it is not to be used. */
  private Optional<Keychain> held(KeychainOptions options) {
    if (plaintext || !exists() || env(NO_AGENT) != null) {
      return Optional.empty();
    }
    Optional<Keychain> held = KeychainAgent.connect(options, environment);
    if (held.isPresent()) {
      source = Source.AGENT;
    }
    return held;
  }

  /**
   * The keychain as the agent of {@code latchkey unlock} holds it, for a front end that unlocks on
   * request (the dashboard); empty when no agent holds this keychain, or {@value #NO_AGENT} is set.
   * No passphrase is asked and no key is derived.
   */
  public Optional<Keychain> fromAgent() throws KeychainException {
    PassphraseSource none =
        creating -> {
          throw new KeychainException(
              Reason.NO_PASSPHRASE, "the agent holds " + path + "; no passphrase is needed");
        };
    return held(options(none).createIfMissing(false).build());
  }

  /**
   * The agent of {@code latchkey unlock} that holds this keychain, when one runs (and {@value
   * #NO_AGENT} is not set).
   */
  public Optional<KeychainAgent.Status> agent() {
    if (plaintext || env(NO_AGENT) != null) {
      return Optional.empty();
    }
    return KeychainAgent.status(path, environment);
  }

  /** Tells the agent holding this keychain to forget it ({@code latchkey lock}); false if none. */
  public boolean lockAgent() {
    return KeychainAgent.lock(path, environment);
  }

  /**
   * Opens the keychain with a passphrase from elsewhere, such as one typed into the dashboard's
   * unlock page, and with this access's file, work factor and plain-text mode; neither the agent
   * nor the passphrase chain is asked.
   *
   * @param create whether to create the keychain when it does not exist
   */
  public Keychain open(PassphraseSource passphrase, boolean create) throws KeychainException {
    return Keychain.open(
        options(passphrase).createIfMissing(create).prepareForWriting(forWriting).build());
  }

  /**
   * The options to open the keychain with: its file, clock, plain-text mode, work factor, and how
   * its writers wait for each other.
   */
  private KeychainOptions.Builder options(PassphraseSource passphrase) throws KeychainException {
    KeychainOptions.Builder options =
        KeychainOptions.builder(path, passphrase)
            .clock(clock)
            .lockWaitListener(lockWaitListener)
            .holderDescription(holderDescription);
    if (plaintext) {
      warnings.accept(
          "--insecure-storage: credentials are kept in plain text, readable by anyone who can read "
              + path);
      options.insecurePlaintext(true);
    }
    String chosen = env(WORK_FACTOR);
    if (chosen != null) {
      try {
        options.workFactor(Integer.parseInt(chosen.strip()));
      } catch (IllegalArgumentException e) {
        throw new KeychainException(
            Reason.UNREADABLE,
            WORK_FACTOR
                + " must be a number from "
                + KeychainOptions.MINIMUM_WORK_FACTOR
                + " to "
                + KeychainOptions.MAXIMUM_WORK_FACTOR
                + ", not '"
                + chosen
                + "'");
      }
    }
    Optional<Integer> weak = testWorkFactor();
    if (weak.isPresent()) {
      options.weakWorkFactorForTesting(weak.get());
    }
    return options;
  }

  /**
   * Where a passphrase that needs no typing comes from: {@code LATCHKEY_PASSPHRASE_FILE}, {@code
   * LATCHKEY_PASSPHRASE}, or the OS keyring after the opt-in; empty when the only way is to type
   * it. A front end that unlocks later (the dashboard) offers this source first.
   */
  public Optional<String> nonInteractiveSource() {
    if (env(PassphraseSources.PASSPHRASE_FILE_ENV) != null) {
      return Optional.of(PassphraseSources.PASSPHRASE_FILE_ENV);
    }
    if (env(PassphraseSources.PASSPHRASE_ENV) != null) {
      return Optional.of(PassphraseSources.PASSPHRASE_ENV);
    }
    if (env(NO_KEYRING) == null && keyringOptedIn()) {
      return Optional.of("the passphrase remembered in the OS keyring");
    }
    return Optional.empty();
  }

  /** The passphrase from {@link #nonInteractiveSource()}, never a prompt. */
  public PassphraseSource nonInteractive() {
    return creating -> {
      String file = env(PassphraseSources.PASSPHRASE_FILE_ENV);
      if (file != null) {
        return readPassphraseFile(file);
      }
      String value = env(PassphraseSources.PASSPHRASE_ENV);
      if (value != null) {
        return value.toCharArray();
      }
      return remembered()
          .orElseThrow(
              () ->
                  new KeychainException(
                      Reason.NO_PASSPHRASE,
                      "the OS keyring has no passphrase for " + path + "; type it instead"));
    };
  }

  /**
   * The passphrase of the existing keychain from the usual chain (file, variable, keyring, prompt),
   * for a front end that hands it on, such as {@code latchkey unlock} to its agent. The caller
   * wipes it.
   */
  public char[] passphraseOfExisting() throws KeychainException {
    return passphrase(false);
  }

  /**
   * The weakened work factor {@value #TEST_WORK_FACTOR} asks for, warning that it is for tests
   * only; empty when unset.
   *
   * @throws KeychainException when the value is not a work factor
   */
  public Optional<Integer> testWorkFactor() throws KeychainException {
    String text = env(TEST_WORK_FACTOR);
    if (text == null) {
      return Optional.empty();
    }
    int workFactor;
    try {
      workFactor = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      workFactor = 0;
    }
    if (workFactor < 1 || workFactor > KeychainOptions.MAXIMUM_WORK_FACTOR) {
      throw new KeychainException(
          Reason.UNREADABLE,
          TEST_WORK_FACTOR
              + " must be a number from 1 to "
              + KeychainOptions.MAXIMUM_WORK_FACTOR
              + ", like 10, not '"
              + text
              + "'; unset it outside tests");
    }
    warnings.accept(
        TEST_WORK_FACTOR
            + "="
            + workFactor
            + " weakens the keychain's encryption; use it for tests only");
    return Optional.of(workFactor);
  }

  private PassphraseSource keeping(PassphraseSource inner) {
    return creating -> {
      char[] p = inner.passphrase(creating);
      wipe(kept);
      kept = p.clone();
      return p;
    };
  }

  /** The passphrase, from the first source that has one. */
  private char[] passphrase(boolean creating) throws KeychainException {
    String file = env(PassphraseSources.PASSPHRASE_FILE_ENV);
    if (file != null) {
      source = Source.FILE;
      return readPassphraseFile(file);
    }
    String value = env(PassphraseSources.PASSPHRASE_ENV);
    if (value != null) {
      source = Source.ENVIRONMENT;
      return value.toCharArray();
    }
    if (!creating) {
      Optional<char[]> remembered = remembered();
      if (remembered.isPresent()) {
        source = Source.KEYRING;
        return remembered.get();
      }
    }
    source = Source.PROMPT;
    return creating
        ? newPassphrase("Choose a passphrase for the new keychain at " + path)
        : promptExisting();
  }

  /** The passphrase remembered in the OS keyring, if the person opted in and a keyring answers. */
  private Optional<char[]> remembered() {
    if (env(NO_KEYRING) != null || !keyringOptedIn()) {
      return Optional.empty();
    }
    try {
      return keyring.get(path.toString()).map(String::toCharArray);
    } catch (Keyring.Unavailable e) {
      notices.accept(
          "no OS keyring available (" + e.getMessage() + "); using the passphrase prompt");
      return Optional.empty();
    }
  }

  private char[] promptExisting() throws KeychainException {
    char[] p = prompt.readSecret("Passphrase for " + path + ": ");
    if (p == null) {
      throw noPassphrase();
    }
    return p;
  }

  /**
   * Asks for a new passphrase twice until both match (three tries): for a new keychain, and for
   * {@code keys passwd}.
   *
   * @param why the line shown before asking
   */
  public char[] newPassphrase(String why) throws KeychainException {
    prompt.tell(why);
    for (int attempt = 0; attempt < PROMPT_ATTEMPTS; attempt++) {
      char[] first = prompt.readSecret("New passphrase: ");
      if (first == null) {
        throw noPassphrase();
      }
      if (first.length == 0) {
        prompt.tell("the passphrase cannot be empty; try again");
        continue;
      }
      char[] second = prompt.readSecret("Repeat the passphrase: ");
      if (second == null) {
        wipe(first);
        throw noPassphrase();
      }
      boolean same = Arrays.equals(first, second);
      wipe(second);
      if (same) {
        return first;
      }
      wipe(first);
      prompt.tell("the passphrases do not match; try again");
    }
    throw new KeychainException(
        Reason.NO_PASSPHRASE,
        "the passphrases did not match " + PROMPT_ATTEMPTS + " times; nothing was changed");
  }

  /** The first line of a passphrase file, warning when others can read it. */
  public char[] readPassphraseFile(String file) throws KeychainException {
    return readPassphraseFile(file, PassphraseSources.PASSPHRASE_FILE_ENV);
  }

  /**
   * The first line of a passphrase file the variable {@code variable} named (such as {@value
   * #NEW_PASSPHRASE_FILE}), whose name the messages give.
   */
  public char[] readPassphraseFile(String file, String variable) throws KeychainException {
    return PassphraseSources.fromFile(Path.of(file), warnings, variable).passphrase(false);
  }

  private KeychainException noPassphrase() {
    return new KeychainException(
        Reason.NO_PASSPHRASE,
        "no passphrase for the keychain at "
            + path
            + ": set "
            + PassphraseSources.PASSPHRASE_FILE_ENV
            + " to a file holding it, run latchkey in a terminal to be asked, or set "
            + PassphraseSources.PASSPHRASE_ENV
            + " (least safe)");
  }

  private String env(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** Overwrites a secret the caller no longer needs. */
  public static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }

  /** Builds {@link KeychainAccess}. */
  public static final class Builder {
    private final Map<String, String> environment;
    private Path keychain;
    private boolean plaintext;
    private Keyring keyring = Keyring.none();
    private Duration keyringTimeout = KEYRING_TIMEOUT;
    private PassphrasePrompt prompt = PassphrasePrompt.none();
    private Consumer<String> warnings = w -> {};
    private Consumer<String> notices = n -> {};
    private Clock clock = Clock.systemUTC();
    private LockWaitListener lockWaitListener = LockWaitListener.SILENT;
    private String holderDescription = "Latchkey";

    private Builder(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The keychain file, instead of the default location ({@code --keychain}). */
    public Builder keychain(Path file) {
      this.keychain = file;
      return this;
    }

    /** The plain-text keychain ({@code --insecure-storage}); a warning is given every time. */
    public Builder insecurePlaintext(boolean value) {
      this.plaintext = value;
      return this;
    }

    /** The OS keyring, asked only after the opt-in (default: none). */
    public Builder keyring(Keyring value) {
      this.keyring = Objects.requireNonNull(value, "keyring");
      return this;
    }

    /** How long a keyring call may take (default 3 s). */
    public Builder keyringTimeout(Duration value) {
      this.keyringTimeout = Objects.requireNonNull(value, "keyringTimeout");
      return this;
    }

    /** How to ask a person (default: nobody can be asked). */
    public Builder prompt(PassphrasePrompt value) {
      this.prompt = Objects.requireNonNull(value, "prompt");
      return this;
    }

    /** Where warnings go (a passphrase file others can read, plain-text storage). */
    public Builder warnings(Consumer<String> value) {
      this.warnings = Objects.requireNonNull(value, "warnings");
      return this;
    }

    /** Where notices go (no keyring answered). */
    public Builder notices(Consumer<String> value) {
      this.notices = Objects.requireNonNull(value, "notices");
      return this;
    }

    /** The keychain's clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Who hears, once per wait and after about a second, that a write waits for another process's
     * lock, and whom for (a command prints {@code waiting for pid 1234 (latchkey keys add)}).
     */
    public Builder lockWaitListener(LockWaitListener value) {
      this.lockWaitListener = Objects.requireNonNull(value, "lockWaitListener");
      return this;
    }

    /**
     * What processes waiting for this one's lock are told it is doing, like {@code latchkey keys
     * add} (default {@code Latchkey}).
     */
    public Builder holderDescription(String value) {
      this.holderDescription = Objects.requireNonNull(value, "holderDescription");
      return this;
    }

    /** The access, ready to open. */
    public KeychainAccess build() {
      return new KeychainAccess(this);
    }
  }
}
