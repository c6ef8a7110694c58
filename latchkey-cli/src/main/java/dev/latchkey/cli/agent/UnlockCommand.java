package dev.latchkey.cli.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.PassphraseSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey unlock [--ttl DURATION]}: takes the passphrase once (file, environment, keyring,
 * prompt) and starts the agent ({@link KeychainAgent}) that keeps the keychain unlocked; every
 * command then uses it instead of asking again, as with ssh-agent.
 */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "Unlock the keychain once for this session: the passphrase is asked for (or",
      "taken from LATCHKEY_PASSPHRASE_FILE, LATCHKEY_PASSPHRASE or the keyring) and",
      "a background agent keeps the keychain unlocked. Every latchkey command uses",
      "it, with no variable to export. It forgets the keychain after --ttl without",
      "use, after --max-lifetime, on latchkey lock, and when the keychain file is",
      "changed by anything else. LATCHKEY_NO_AGENT=1 makes a command ignore it."
    })
public final class UnlockCommand implements Callable<Integer> {
  static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
  static final Duration DEFAULT_MAXIMUM = Duration.ofHours(8);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @Spec CommandSpec spec;

  @Mixin KeychainOption keychainOption;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      converter = AgentDurations.class,
      description = "Forget after this long without use, like 30m (default 15m).")
  Duration ttl;

  @Option(
      names = "--max-lifetime",
      paramLabel = "DURATION",
      converter = AgentDurations.class,
      description = "Forget this long after unlocking at the latest (default 8h).")
  Duration maximum;

  @Option(
      names = "--status",
      description = "Only say whether an agent holds the keychain (exit 1 if none).")
  boolean status;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    KeychainAccess access = session.keychain();
    Path path = access.path();
    Map<String, String> env = session.context().environment();
    Optional<KeychainAgent.Status> running = KeychainAgent.status(path, env);
    if (status) {
      if (running.isEmpty()) {
        session.out().println("locked: no agent holds " + path);
        session.out().flush();
        return ExitCode.FAILURE;
      }
      describe(session, running.get(), "unlocked");
      return ExitCode.OK;
    }
    if (running.isPresent()) {
      describe(session, running.get(), "already unlocked");
      return ExitCode.OK;
    }
    if (session.insecureStorage()) {
      throw CliException.usage(
          "--insecure-storage keeps no passphrase, so there is nothing to unlock");
    }
    if (!access.exists()) {
      throw new CliException(
          "no keychain at "
              + path
              + " yet; add an account first with: latchkey keys add twitter/NAME");
    }
    Duration idle = ttl != null ? ttl : DEFAULT_TTL;
    Duration max = maximum != null ? maximum : DEFAULT_MAXIMUM;
    if (idle.compareTo(max) > 0) {
      throw CliException.usage(
          "--ttl "
              + AgentDurations.describe(idle)
              + " is longer than --max-lifetime "
              + AgentDurations.describe(max)
              + "; shorten --ttl or lengthen --max-lifetime");
    }
    char[] passphrase = access.passphraseOfExisting();
    JsonNode answer;
    try {
      answer = start(session, path, idle, max, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    if (!answer.path("ok").asBoolean()) {
      throw new CliException(answer.path("message").asText("the agent could not start"));
    }
    Optional<KeychainAgent.Status> now = KeychainAgent.status(path, env);
    if (now.isEmpty()) {
      throw new CliException("the agent started but does not answer on its socket; try again");
    }
    describe(session, now.get(), "unlocked");
    return ExitCode.OK;
  }

  private static void describe(Session session, KeychainAgent.Status s, String state) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    Instant now = session.context().clock().instant();
    session
        .out()
        .println(
            state
                + " "
                + s.keychain()
                + " in agent pid "
                + s.pid()
                + "; it forgets it "
                + (s.forgetsAt().isBefore(s.expiresAt())
                    ? "after "
                        + AgentDurations.describe(
                            Duration.between(now, s.forgetsAt()).plusSeconds(1).withNanos(0))
                        + " without use, and "
                    : "")
                + "at "
                + time.format(s.expiresAt())
                + " at the latest; latchkey lock forgets it now");
    session.out().flush();
  }

  /** Starts the agent process, hands it the settings and the passphrase on standard input. */
  private static JsonNode start(
      Session session, Path path, Duration idle, Duration max, char[] passphrase)
      throws IOException {
    List<String> command = new ArrayList<>();
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString()); // its own session: closing the terminal does not end it
    }
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // A small heap that gives back what it no longer needs, at once rather than in steps:
    // scrypt's 256 MiB at the unlock, the garbage of the commands the agent runs
    // (RelayedCommands). Without these, an agent kept 450 MB of RSS after 60 api calls.
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Xms32m",
            "-Xmn24m",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-XX:-ShrinkHeapInSteps",
            // The JVM's own warnings go to standard error: standard output is the agent's answer.
            "-Xlog:all=warning:stderr"));
    command.add("-cp");
    command.add(classPath());
    command.add(session.root().agentMainClass().getName());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .directory(Path.of("/").toFile());
    pb.environment().remove(PassphraseSources.PASSPHRASE_ENV);
    pb.environment().remove(PassphraseSources.PASSPHRASE_FILE_ENV);
    pb.environment().remove(KeychainAccess.NEW_PASSPHRASE_FILE);
    Process agent = pb.start();
    ObjectNode settings = Session.jsonObject();
    settings.put("keychain", path.toString());
    settings.put("idleSeconds", idle.toSeconds());
    settings.put("maximumSeconds", max.toSeconds());
    String runtime = session.context().env("XDG_RUNTIME_DIR");
    if (runtime != null) {
      settings.put("runtimeDir", runtime);
    }
    String weak = session.context().env(KeychainAccess.TEST_WORK_FACTOR);
    if (weak != null) {
      settings.put("workFactor", Integer.parseInt(weak.trim()));
    }
    try (OutputStream in = agent.getOutputStream()) {
      in.write(settings.toString().getBytes(StandardCharsets.UTF_8)); // one line
      in.write('\n');
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      in.write(b);
      in.write('\n');
      Arrays.fill(b, (byte) 0);
      Arrays.fill(bytes.array(), (byte) 0);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String answer;
    try {
      answer = line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      agent.destroy();
      throw new CliException(
          "the agent did not unlock the keychain within " + START_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      agent.destroy();
      throw new CliException("interrupted while the agent started");
    } finally {
      out.close();
    }
    if (answer == null) {
      throw new CliException(
          "the agent exited before unlocking the keychain; run latchkey unlock --verbose again");
    }
    return Session.json().readTree(answer);
  }

  /** The jar this runs from, else the class path (tests, IDEs). */
  private static String classPath() {
    try {
      Path location =
          Path.of(KeychainAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)
          && location.equals(
              Path.of(
                  UnlockCommand.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI()))) {
        return location.toString(); // the shaded jar holds everything the agent needs
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall back to the class path
    }
    return System.getProperty("java.class.path");
  }
}
