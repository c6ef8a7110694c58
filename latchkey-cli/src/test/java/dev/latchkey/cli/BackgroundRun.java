package dev.latchkey.cli;

import dev.latchkey.cli.session.CliContext;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs {@code latchkey} on another thread with standard input the test can type into while it runs,
 * and standard error it can watch, as a person at the terminal would.
 */
public final class BackgroundRun {
  private final PipedOutputStream typing = new PipedOutputStream();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> exit;

  BackgroundRun(Map<String, String> env, String... args) throws IOException {
    PipedInputStream in = new PipedInputStream(typing, 65536);
    CliContext context = CliContext.of(env, in, FakeKeyring.working());
    CommandLine commandLine = LatchkeyCommand.newCommandLine(context);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
  }

  /** Types one line. */
  void type(String line) throws IOException {
    typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    typing.flush();
  }

  /** Waits until standard error shows a URL containing {@code marker}, and returns it. */
  URI awaitUrl(String marker) throws InterruptedException {
    return awaitUrl(marker, 1);
  }

  /** Waits until standard error shows the {@code nth} URL containing {@code marker}. */
  URI awaitUrl(String marker, int nth) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(end)) {
      Optional<String> line =
          err.toString()
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith("http") && l.contains(marker))
              .skip(nth - 1)
              .findFirst();
      if (line.isPresent()) {
        return URI.create(line.get());
      }
      if (exit.isDone()) {
        throw new AssertionError("latchkey ended early: " + out + err);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no URL with " + marker + " in: " + err);
  }

  /** Waits until standard output shows a URL containing {@code marker}, and returns it. */
  URI awaitOutputUrl(String marker, int nth) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(end)) {
      Optional<String> line =
          out.toString()
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith("http") && l.contains(marker))
              .skip(nth)
              .findFirst();
      if (line.isPresent()) {
        return URI.create(line.get());
      }
      if (exit.isDone()) {
        throw new AssertionError("latchkey ended early: " + out + err);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no URL with " + marker + " in: " + out);
  }

  /** Waits until standard output shows {@code text}. */
  void awaitOut(String text) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (!out.toString().contains(text)) {
      if (exit.isDone() || Instant.now().isAfter(end)) {
        throw new AssertionError("no '" + text + "' in: " + out + err);
      }
      Thread.sleep(20);
    }
  }

  /** Waits for the end and returns what it printed. */
  Cli.Result finish() throws Exception {
    int code = exit.get(60, TimeUnit.SECONDS);
    typing.close();
    return new Cli.Result(code, out.toString(), err.toString());
  }
}
