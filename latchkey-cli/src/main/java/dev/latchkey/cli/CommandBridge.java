package dev.latchkey.cli;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.platform.Platform;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What commands in other packages ({@code cli.collect}) need from the root package while its
 * session, keychain access and errors are package-private: the account to use, the platform with
 * its configured hosts, and the command's errors. Goes away when the account layer gives the CLI
 * public packages.
 */
public final class CommandBridge {
  private CommandBridge() {}

  /**
   * The stored account named {@code ref} ({@code twitter/ada}, or {@code twitter} for the
   * platform's default), unlocked from the keychain the global options select.
   */
  public static Account account(CommandSpec spec, String ref, String platform)
      throws KeychainException {
    AccountRef wanted = AccountRef.parse(ref == null ? platform : ref);
    if (!wanted.platform().equals(platform)) {
      throw CliException.usage(
          "--account "
              + ref
              + " is a "
              + wanted.platform()
              + " account; this collection needs a "
              + platform
              + " account");
    }
    Session session = Session.of(spec);
    try (Keychain keychain = session.keychain().open(false)) {
      return wanted.find(keychain);
    }
  }

  /** The platform called {@code name}, with hosts from the config file and the environment. */
  public static Platform platform(CommandSpec spec, String name) {
    try {
      return PlatformOptions.platforms(Session.of(spec)).get(name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The environment the command runs in. */
  public static Map<String, String> environment(CommandSpec spec) {
    return Session.of(spec).context().environment();
  }

  /** Whether {@code --verbose} was given. */
  public static boolean verbose(CommandSpec spec) {
    return Session.of(spec).verbose();
  }

  /** A mistake on the command line: one line, exit 2. */
  public static RuntimeException usage(String message) {
    return CliException.usage(message);
  }

  /** A failure: one line, exit 1. */
  public static RuntimeException failure(String message) {
    return new CliException(message);
  }

  /** A failure with its own exit code (130 for an interrupted run). */
  public static RuntimeException failure(int exitCode, String message) {
    return new CliException(exitCode, message);
  }

  /** The version of this Latchkey. */
  public static String version() {
    try {
      return new LatchkeyCommand.Version().getVersion()[0].replace("latchkey ", "");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
