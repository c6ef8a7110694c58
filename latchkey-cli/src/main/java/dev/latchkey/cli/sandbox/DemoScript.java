package dev.latchkey.cli.sandbox;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.terminal.Browser;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainOptions;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Platforms;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * How {@code latchkey demo} runs: numbered steps, each shown as a title and then {@code $ latchkey
 * ...} for each command it runs in-process, {@code …} for what the person does and {@code ✓} or
 * {@code ✗} for the outcome; the first failing step stops the story and the clean-up always runs.
 * It owns the sandbox, the throwaway keychain and the environment the commands run in. The story
 * itself is {@link Demo}.
 */
abstract class DemoScript {

  /** A step's work; any exception it throws fails the step with the exception's message. */
  interface Body {
    void run() throws Exception;
  }

  record Step(String name, String title, Body body) {}

  /** What one command run printed, and how it ended. */
  record Run(int exitCode, String out, Transcript err) {
    /** This run, or the command's own one-line error as the step's failure. */
    Run requireOk() {
      if (exitCode != ExitCode.OK) {
        String why = err.lastError();
        throw new DemoFailure(why != null ? why : "the command ended with exit code " + exitCode);
      }
      return this;
    }
  }

  final PrintWriter out;
  final PrintWriter err;
  final boolean verbose;
  final boolean keep;
  final long seed;
  final CliContext context;
  final Function<CliContext, CommandLine> commands;
  final Consumer<Sandbox> sandboxHook;
  final BiConsumer<String, Sandbox> beforeStep;
  final Integer testWorkFactor;
  final List<Step> steps = new ArrayList<>();

  /**
   * The sandbox's rate-limit window (X's 15 minutes, scaled down) and how many calls a window the
   * timeline endpoint takes, so that collecting a timeline waits within seconds.
   */
  static final java.time.Duration COLLECT_WINDOW = java.time.Duration.ofSeconds(4);

  static final int COLLECT_CALLS = 2;

  int step;
  int done;
  int commandsRun;
  String failedName;
  String failure;

  Sandbox sandbox;
  DemoHttp http;
  DemoBrowser browser;
  Path directory;
  char[] passphrase;
  Platforms platforms;

  /**
   * What a demo run is given.
   *
   * @param out where the story goes
   * @param err where the one-line failure and, with {@code verbose}, stack traces go
   * @param verbose show every HTTP exchange and stack traces
   * @param keep keep the throwaway keychain and write its passphrase file
   * @param seed the sandbox's seed
   * @param context the command's context; the demo's commands get its environment, terminal and
   *     HTTP client replaced
   * @param commands makes the command line the commands run on (tests pass a broken one)
   * @param sandboxHook given the sandbox once it runs (tests)
   * @param beforeStep given each step's name and the sandbox before the step runs (tests)
   * @param testWorkFactor a weakened scrypt work factor for tests, or null
   */
  record Setup(
      PrintWriter out,
      PrintWriter err,
      boolean verbose,
      boolean keep,
      long seed,
      CliContext context,
      Function<CliContext, CommandLine> commands,
      Consumer<Sandbox> sandboxHook,
      BiConsumer<String, Sandbox> beforeStep,
      Integer testWorkFactor) {}

  DemoScript(Setup setup) {
    this.out = setup.out();
    this.err = setup.err();
    this.verbose = setup.verbose();
    this.keep = setup.keep();
    this.seed = setup.seed();
    this.context = setup.context();
    this.commands = setup.commands();
    this.sandboxHook = setup.sandboxHook();
    this.beforeStep = setup.beforeStep();
    this.testWorkFactor = setup.testWorkFactor();
  }

  /** Adds the story's steps with {@link #step}; called once, before {@link #run()}. */
  abstract void story();

  /** Adds a step to the story; steps run in the order added. */
  void step(String name, String title, Body body) {
    steps.add(new Step(name, title, body));
  }

  /** How many steps the story has, the clean-up included. */
  int stepCount() {
    return steps.size() + 1;
  }

  /** Runs every step and returns the exit code. */
  int run() {
    long started = System.nanoTime();
    out.println(
        "latchkey demo: the whole story against the offline sandbox; nothing leaves 127.0.0.1.");
    out.println();
    try {
      for (Step s : steps) {
        run(s);
      }
    } finally {
      cleanUp();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println();
    if (failure == null) {
      out.printf(
          Locale.ROOT,
          "✓ All %d steps worked in %.1f s: %d latchkey commands, on a keychain encrypted at"
              + " scrypt 2^%d.%n",
          stepCount(),
          seconds,
          commandsRun,
          workFactor());
      out.println(
          "  With your own keys: latchkey keys add twitter, then latchkey auth twitter and"
              + " latchkey status.");
      out.flush();
      return ExitCode.OK;
    }
    out.printf(
        Locale.ROOT,
        "✗ %d of %d steps worked; step %d failed, the steps after it did not run.%n",
        done,
        stepCount(),
        step);
    out.flush();
    err.println("latchkey: demo step " + step + " (" + failedName + ") failed: " + failure);
    err.flush();
    return ExitCode.FAILURE;
  }

  void run(Step s) {
    if (failure != null) {
      return;
    }
    step++;
    out.printf(Locale.ROOT, "%2d. %s%n", step, s.title());
    out.flush();
    try {
      if (sandbox != null) {
        beforeStep.accept(s.name(), sandbox);
      }
      s.body().run();
      done++;
    } catch (Exception e) {
      failedName = s.name();
      failure = describe(e);
      line("✗ " + failure);
      if (verbose && !(e instanceof DemoFailure)) {
        e.printStackTrace(err);
        err.flush();
      }
    }
  }

  /** One line an exception is allowed to show: Latchkey's messages never hold secrets. */
  private static String describe(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    boolean ours =
        e instanceof DemoFailure
            || e instanceof IOException
            || e.getClass().getPackageName().startsWith("dev.latchkey.");
    if (ours) {
      String m = e.getMessage();
      return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().get();
    }
    return "unexpected error ("
        + e.getClass().getSimpleName()
        + "); run with --verbose for details";
  }

  // ---- running the commands -------------------------------------------------------------------

  int workFactor() {
    return testWorkFactor != null ? testWorkFactor : KeychainOptions.MINIMUM_WORK_FACTOR;
  }

  /** The environment of the commands the demo runs: its keychain, its sandbox, nothing else. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("LATCHKEY_HOME", directory.toString());
    env.put("LATCHKEY_PASSPHRASE", new String(passphrase));
    env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    env.put(KeychainAccess.NO_KEYRING, "1");
    env.put(Browser.NO_BROWSER, "1");
    if (testWorkFactor != null) {
      env.put(KeychainAccess.TEST_WORK_FACTOR, Integer.toString(testWorkFactor));
    } else {
      env.put(KeychainAccess.WORK_FACTOR, Integer.toString(KeychainOptions.MINIMUM_WORK_FACTOR));
    }
    return env;
  }

  /** Runs {@code latchkey args} in-process; prompts are answered by {@code typist}. */
  Run latchkey(Terminal.Typist typist, String... args) {
    line("$ latchkey " + String.join(" ", args));
    return execute(new Transcript(), typist, args);
  }

  Run execute(Transcript transcript, Terminal.Typist typist, String... args) {
    CliContext ctx =
        context
            .withEnvironment(environment())
            .withTerminal(Terminal.typedBy(typist))
            .withHttp(http);
    CommandLine commandLine = commands.apply(ctx);
    StringWriter stdout = new StringWriter();
    commandLine.setOut(new PrintWriter(stdout, true));
    commandLine.setErr(new PrintWriter(transcript, true));
    commandsRun++;
    int code = commandLine.execute(args);
    return new Run(code, stdout.toString(), transcript);
  }

  Run latchkey(String... args) {
    return latchkey(
        (prompt, hidden) -> {
          throw new DemoFailure("the command asked \"" + prompt.strip() + "\" unexpectedly");
        },
        args);
  }

  // ---- 1. sandbox -------------------------------------------------------------------------------

  void startSandbox() {
    sandbox =
        Sandbox.start(
            SandboxOptions.builder()
                .port(0)
                .seed(seed)
                .random(new Random(seed))
                .rateWindow(COLLECT_WINDOW)
                .rateLimit("/2/users/:id/tweets", COLLECT_CALLS)
                .build());
    sandboxHook.accept(sandbox);
    http = new DemoHttp(verbose ? out : null);
    browser = new DemoBrowser(http);
    ok("sandbox running at " + sandbox.baseUri() + " (seed " + seed + ")");
    line("  X (Twitter) at " + sandbox.twitterBase() + ", Tumblr at " + sandbox.tumblrBase());
  }

  // ---- 2. keychain ------------------------------------------------------------------------------

  void createKeychain() throws IOException {
    directory =
        Files.createTempDirectory(
            "latchkey-demo-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    Arrays.fill(random, (byte) 0);
    platforms =
        Platforms.configured(Map.of("LATCHKEY_SANDBOX", sandbox.baseUri().toString()), null);
    ok(
        "created "
            + directory.resolve(Keychain.FILE_NAME)
            + " (directory mode 0700), encrypted with a passphrase made from 24 random bytes");
    line(
        "  age scrypt work factor 2^"
            + workFactor()
            + (testWorkFactor != null
                ? " (weakened for tests)"
                : ", the least Latchkey writes, to keep the demo quick (your own keychain: 2^"
                    + KeychainOptions.DEFAULT_WORK_FACTOR
                    + ")"));
    line("  the commands below run in this process, on this keychain and the sandbox only");
  }

  void field(String name, String value) {
    line(String.format(Locale.ROOT, "  %-30s %s", name, Secret.of(value).masked()));
  }

  // ---- clean up ---------------------------------------------------------------------------------

  void cleanUp() {
    if (failure == null) {
      step++;
      out.printf(Locale.ROOT, "%2d. Clean up%n", step);
    } else {
      out.println("    Clean up"); // the failed step keeps its number in the summary
    }
    List<String> problems = new ArrayList<>();
    if (directory != null) {
      if (keep) {
        try {
          Path file = directory.resolve("passphrase");
          Files.writeString(
              file,
              new String(passphrase) + "\n",
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          ok("kept " + directory + " (--keep); the sandbox's tokens stop working with it");
          line(
              "  look inside: LATCHKEY_PASSPHRASE_FILE="
                  + file
                  + " latchkey --keychain "
                  + directory.resolve(Keychain.FILE_NAME)
                  + " keys list");
        } catch (IOException e) {
          problems.add("cannot write the passphrase file in " + directory);
        }
      } else {
        try {
          deleteTree(directory);
          ok("deleted the keychain, its directory and the passphrase (it was only in memory)");
        } catch (IOException e) {
          problems.add("cannot delete " + directory + "; remove it by hand");
        }
      }
    }
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
    if (sandbox != null) {
      sandbox.close();
      ok("stopped the sandbox");
    }
    if (problems.isEmpty()) {
      if (failure == null) {
        done++;
      }
    } else {
      for (String p : problems) {
        line("✗ " + p);
      }
      if (failure == null) {
        failedName = "clean up";
        failure = String.join("; ", problems);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  void ok(String text) {
    line("✓ " + text);
  }

  void act(String text) {
    line("… " + text);
  }

  void line(String text) {
    out.println("    " + text);
    out.flush();
  }
}
