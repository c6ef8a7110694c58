package dev.latchkey.dashboard.internal;

import dev.latchkey.dashboard.DashboardOptions;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.PassphraseSource;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The keychain while it is unlocked. It is opened once (one key derivation) and kept until the
 * person locks it, or until nobody used the dashboard for the idle time; then the keychain is
 * closed, which wipes its derived keys, and the next page asks to unlock again.
 *
 * <p>When the agent of {@code latchkey unlock} holds the keychain, unlocking takes it from the
 * agent (no passphrase, no key derivation); every use then reads the agent's current copy, and when
 * the agent has forgotten it (its own idle time, {@code latchkey lock}, a change to the file) the
 * dashboard locks too.
 */
final class Vault implements AutoCloseable {
  private final DashboardOptions options;
  private Keychain keychain;
  private Instant lastUse;
  private String unlockedBy;
  private String lockedBecause;
  private final List<Runnable> onLock = new CopyOnWriteArrayList<>();

  Vault(DashboardOptions options) {
    this.options = options;
  }

  /** Whether the keychain file exists yet (else unlocking creates it). */
  boolean keychainExists() {
    return Files.exists(options.keychainFile())
        || Files.exists(options.keychainFile().resolveSibling(Keychain.PLAINTEXT_FILE_NAME));
  }

  /** The unlocked keychain, marked as used now; empty when locked (or idle too long). */
  synchronized Optional<Keychain> keychain() {
    lockIfIdle();
    if (keychain != null && keychain.isHeldByAgent()) {
      try {
        keychain.reload();
      } catch (KeychainException e) {
        lock();
        lockedBecause =
            "The agent of latchkey unlock no longer holds the keychain (it forgot it after its idle"
                + " time, on latchkey lock, or when the file changed); unlock it again.";
      }
    }
    if (keychain != null) {
      lastUse = options.clock().instant();
    }
    return Optional.ofNullable(keychain);
  }

  /** Why the keychain locked, when not by the Lock button (to show on the unlock page), or null. */
  synchronized String lockedBecause() {
    return lockedBecause;
  }

  /** The agent of {@code latchkey unlock} that holds this keychain, when one runs. */
  Optional<KeychainAgent.Status> agent() {
    return options.keychain().agent();
  }

  /**
   * Takes the keychain from the agent of {@code latchkey unlock}.
   *
   * @throws KeychainException NO_PASSPHRASE when no agent holds it (any more)
   */
  void unlockThroughAgent() throws KeychainException {
    Optional<Keychain> held = options.keychain().fromAgent();
    if (held.isEmpty()) {
      throw new KeychainException(
          Reason.NO_PASSPHRASE,
          "the agent of latchkey unlock does not hold "
              + options.keychainFile()
              + " (any more); type the passphrase, or run latchkey unlock again");
    }
    install(held.get(), "the agent of latchkey unlock");
  }

  /** Tells the agent of {@code latchkey unlock} to forget the keychain; false when none ran. */
  boolean lockAgent() {
    return options.keychain().lockAgent();
  }

  synchronized boolean unlocked() {
    lockIfIdle();
    return keychain != null;
  }

  /** How the keychain was unlocked, in words; null when locked. */
  synchronized String unlockedBy() {
    return unlockedBy;
  }

  /**
   * Opens the keychain with {@code source}, creating it when {@code create}.
   *
   * @throws KeychainException the keychain's own message (wrong passphrase, damaged file, ...)
   */
  void unlock(PassphraseSource source, boolean create, String how) throws KeychainException {
    Keychain opened = options.keychain().open(source, create);
    if (create) {
      try {
        // Written now, so the passphrase just chosen is the one the next unlock asks for.
        opened.edit(draft -> {});
      } catch (KeychainException e) {
        opened.close();
        throw e;
      }
    }
    install(opened, how);
  }

  private synchronized void install(Keychain opened, String how) {
    if (keychain != null) {
      keychain.close();
    }
    keychain = opened;
    unlockedBy = how;
    lockedBecause = null;
    lastUse = options.clock().instant();
  }

  /** Whether the agent of {@code latchkey unlock} is what unlocked it. */
  synchronized boolean heldByAgent() {
    return keychain != null && keychain.isHeldByAgent();
  }

  /**
   * Checks a passphrase typed again (before a secret is shown or exported) by opening the keychain
   * file with it once more.
   *
   * @throws KeychainException WRONG_PASSPHRASE when it does not open the keychain
   */
  void confirm(char[] passphrase) throws KeychainException {
    try (Keychain again = options.keychain().open(PassphraseSource.of(passphrase), false)) {
      again.accounts();
    }
  }

  /** Whether showing a secret needs the passphrase typed again (not for a plaintext keychain). */
  synchronized boolean hasPassphrase() {
    return keychain != null && !keychain.isPlaintext();
  }

  /** Runs {@code action} whenever the keychain locks: what else holds secrets forgets them. */
  void onLock(Runnable action) {
    onLock.add(action);
  }

  synchronized void lock() {
    lockedBecause = null;
    if (keychain != null) {
      keychain.close();
      keychain = null;
      unlockedBy = null;
    }
    onLock.forEach(Runnable::run);
  }

  /** Locks when the idle time has passed since the last use; true when it did. */
  synchronized boolean lockIfIdle() {
    if (keychain == null || lastUse == null) {
      return false;
    }
    Duration idle = Duration.between(lastUse, options.clock().instant());
    if (idle.compareTo(options.idleLock()) >= 0) {
      lock();
      lockedBecause =
          "Locked after "
              + (options.idleLock().toMinutes() >= 1
                  ? options.idleLock().toMinutes() + " minutes"
                  : options.idleLock().toSeconds() + " seconds")
              + " without use: the keychain's keys are out of this dashboard's memory.";
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    lock();
  }
}
