package dev.latchkey.cli.ui;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.PortConverter;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Browser;
import dev.latchkey.cli.terminal.InputRefused;
import dev.latchkey.dashboard.Dashboard;
import dev.latchkey.dashboard.DashboardOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey ui}: the credentials dashboard on {@code http://127.0.0.1:PORT}, opened in the
 * browser with a sign-in address that works once. Runs until Ctrl-C, or {@code q} typed at its
 * terminal; Enter prints a fresh sign-in address (for another browser, or after a restart of the
 * browser lost the session cookie).
 */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description = {
      "Open the credentials dashboard in the browser (on 127.0.0.1 only).",
      "Prints a sign-in address that works once and opens it; the browser then keeps",
      "a session cookie. Enter prints a new address, q or Ctrl-C stops."
    })
public final class UiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = PortConverter.class,
      description =
          "Port on 127.0.0.1 (default "
              + DashboardOptions.DEFAULT_PORT
              + "; 0 = any free port). The OAuth callback addresses use it.")
  Integer port;

  @Option(names = "--no-browser", description = "Print the sign-in address without opening it.")
  boolean noBrowser;

  @Option(
      names = "--idle-lock",
      paramLabel = "MINUTES",
      defaultValue = "15",
      description =
          "Forget the unlocked keychain after this long unused (default ${DEFAULT-VALUE}).")
  int idleMinutes;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    int p = port == null ? DashboardOptions.DEFAULT_PORT : port;
    if (idleMinutes < 1 || idleMinutes > 24 * 60) {
      throw CliException.usage("--idle-lock must be from 1 to 1440 minutes, not " + idleMinutes);
    }
    KeychainAccess access = session.keychain();
    DashboardOptions.Builder options =
        DashboardOptions.builder(access)
            .platforms(PlatformOptions.platforms(session))
            .port(p)
            .clock(session.context().clock())
            .idleLock(Duration.ofMinutes(idleMinutes));
    access
        .nonInteractiveSource()
        .ifPresent(preset -> options.presetPassphrase(access.nonInteractive(), preset));
    if (session.verbose()) {
      options.log(line -> session.notice("ui: " + line));
    }
    Dashboard dashboard;
    try {
      dashboard = Dashboard.start(options.build());
    } catch (IOException e) {
      throw new CliException(e.getMessage());
    }
    try (dashboard) {
      URI signIn = dashboard.signInUri();
      session.out().println("Latchkey dashboard at " + dashboard.baseUri());
      session.out().println("Sign in once with this address (it works once):");
      session.out().println();
      session.out().println("  " + signIn);
      session.out().println();
      session.out().flush();
      boolean browse = !noBrowser && session.context().env(Browser.NO_BROWSER) == null;
      Path redirect = browse ? redirectFile(session, signIn) : null;
      try {
        if (redirect != null
            && Browser.open(redirect.toUri(), true, session.context().environment())) {
          session.notice("opened it in your browser");
        }
        session.notice("Enter: a new sign-in address; q or Ctrl-C: stop");
        waitForStop(session, dashboard);
      } finally {
        if (redirect != null) {
          Files.deleteIfExists(redirect);
          Files.deleteIfExists(redirect.getParent());
        }
      }
    }
    session.notice("dashboard stopped");
    return ExitCode.OK;
  }

  /**
   * A private page (0600 in a new 0700 directory) that forwards to the sign-in address: the browser
   * opens this file, so the address never appears on its command line, where other users of the
   * machine could read it. Null when it cannot be written (the browser is then not opened).
   */
  private static Path redirectFile(Session session, URI signIn) {
    try {
      String runtime = session.context().env("XDG_RUNTIME_DIR");
      FileAttribute<?>[] privateDir =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
              }
              : new FileAttribute<?>[0];
      Path dir =
          runtime != null && Files.isDirectory(Path.of(runtime))
              ? Files.createTempDirectory(Path.of(runtime), "latchkey-ui-", privateDir)
              : Files.createTempDirectory("latchkey-ui-", privateDir);
      Path page = dir.resolve("sign-in.html");
      PrivateFile.write(page, Dashboard.redirectPage(signIn), false);
      return page;
    } catch (IOException e) {
      session.warn(
          "cannot write the sign-in page (" + e.getMessage() + "); open the address above");
      return null;
    }
  }

  /** Serves until q is typed or the process is stopped; Enter prints a new sign-in address. */
  private static void waitForStop(Session session, Dashboard dashboard)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(stopped::countDown, "latchkey-ui-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread keys =
        new Thread(
            () -> {
              String line;
              try {
                while ((line = session.terminal().readLine("", session.err())) != null) {
                  String typed = line.strip().toLowerCase(Locale.ROOT);
                  if (typed.equals("q") || typed.equals("quit")) {
                    break;
                  }
                  session.out().println("  " + dashboard.newSignInUri());
                  session.out().flush();
                }
              } catch (InputRefused e) {
                session.warn(e.getMessage() + "; no longer reading it: stop with Ctrl-C");
                return;
              }
              if (line != null) {
                stopped.countDown();
              }
            },
            "latchkey-ui-keys");
    keys.setDaemon(true);
    keys.start();
    try {
      stopped.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }
}
