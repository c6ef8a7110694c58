package dev.latchkey.cli.session;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The keychain options, on the commands that open the keychain (and on {@code latchkey} itself);
 * {@code sandbox} and {@code demo} do not list them.
 */
public final class KeychainOption {
  @Option(
      names = "--keychain",
      paramLabel = "FILE",
      description = "The keychain file (default: keychain.age in $LATCHKEY_HOME).")
  Path keychain;

  @Option(
      names = "--insecure-storage",
      description = "Use keychain.json, unencrypted (warned about every time).")
  boolean insecureStorage;

  /** The file given, or null. */
  public Path keychain() {
    return keychain;
  }

  /** Whether the plain-text keychain was asked for. */
  public boolean insecureStorage() {
    return insecureStorage;
  }
}
