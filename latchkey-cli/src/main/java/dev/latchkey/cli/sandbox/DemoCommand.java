package dev.latchkey.cli.sandbox;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.RootCommand;
import dev.latchkey.cli.session.Session;
import dev.latchkey.sandbox.Sandbox;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey demo}: the README's first command. Runs the whole story, from pasting an app's
 * keys to the PIN and PKCE flows, against the embedded sandbox and a throwaway keychain, and says
 * at each step what a person would see with the real platform.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole story offline, step by step, and check that it works.",
      "",
      "Starts the sandbox, makes a throwaway keychain and runs the latchkey commands of the"
          + " story on them, in this process: adds an app's keys, authorizes a second account"
          + " with the PIN flow (approving the authorize page and typing the PIN as a person"
          + " would), checks every account, reads a timeline and a Tumblr blog, gets an app-only"
          + " bearer token and an OAuth 2 (PKCE) user token. Nothing leaves 127.0.0.1. Exit 0"
          + " only if every step worked. With --verbose every HTTP exchange is shown as one"
          + " status line."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the sandbox's users, keys and posts (default: 0).")
  long seed;

  @Option(
      names = "--keep",
      description =
          "Keep the throwaway keychain and its passphrase file, and print where they are.")
  boolean keep;

  /** Runs on the started sandbox before the first request; tests use it to break a step. */
  public Consumer<Sandbox> sandboxHook = sandbox -> {};

  /** Runs before each step with its name; tests use it to break one step. */
  public BiConsumer<String, Sandbox> beforeStep = (name, sandbox) -> {};

  /** Builds the command line each step runs; tests use it to break a command. */
  public Function<CliContext, CommandLine> commands;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    RootCommand root = session.root();
    if (root.keychainOption().keychain() != null || root.keychainOption().insecureStorage()) {
      throw CliException.usage(
          "latchkey demo uses a throwaway keychain of its own; leave out --keychain and"
              + " --insecure-storage");
    }
    Integer testWorkFactor = null;
    String weak = session.context().env(KeychainAccess.TEST_WORK_FACTOR);
    if (weak != null) {
      try {
        testWorkFactor = Integer.parseInt(weak.trim());
      } catch (NumberFormatException e) {
        throw new CliException(
            KeychainAccess.TEST_WORK_FACTOR + " must be a number like 10, not '" + weak + "'");
      }
      session.warn(
          KeychainAccess.TEST_WORK_FACTOR
              + "="
              + testWorkFactor
              + " weakens the demo keychain's encryption; use it for tests only");
    }
    Demo demo =
        new Demo(
            new Demo.Setup(
                session.out(),
                session.err(),
                session.verbose(),
                keep,
                seed,
                session.context(),
                commands != null ? commands : root::commandLine,
                sandboxHook,
                beforeStep,
                testWorkFactor));
    return demo.run();
  }
}
