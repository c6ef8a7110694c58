package dev.latchkey.cli.sandbox;

import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.session.PortConverter;
import dev.latchkey.keychain.Secret;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import dev.latchkey.sandbox.SandboxUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latchkey sandbox}: runs the offline Twitter and Tumblr emulator in the foreground. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the offline Twitter (X) and Tumblr emulator on 127.0.0.1 until Ctrl-C.",
      "Prints its base URL and the pre-registered app's keys (masked unless --reveal)."
    })
public final class SandboxCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILURE = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = PortConverter.class,
      description = "Port on 127.0.0.1 (default: 0, a free port).")
  int port;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the users, keys and posts (default: 0). Same seed, same keys.")
  long seed;

  @Option(
      names = "--timestamp-window",
      paramLabel = "SECONDS",
      description = "How far oauth_timestamp may drift before error 135 (default: 300).")
  long timestampWindow = 300;

  @Option(
      names = "--users",
      paramLabel = "N",
      description =
          "Users per platform, generated as they are asked for (default: 200000; 100 to 2000000).")
  int users = 200_000;

  @Option(
      names = "--rate-window",
      paramLabel = "SECONDS",
      description =
          "Length of X's 15-minute rate-limit window (default: 900); every window scales with it.")
  long rateWindow = 900;

  @Option(
      names = "--rate-limit",
      paramLabel = "PATH=N",
      description =
          "Set an endpoint's limit per window, PATH as the docs write it, e.g."
              + " /2/users/:id/tweets=5; tumblr/hour=N, tumblr/day=N; PATH#24h=N for a 24-hour"
              + " cap. Repeatable.")
  Map<String, Integer> rateLimits = new LinkedHashMap<>();

  @Option(
      names = "--print-keys",
      paramLabel = "FILE",
      description =
          "Write the keys of both platforms as JSON to FILE (mode 0600); an existing FILE (or a"
              + " symbolic link) is refused unless --force.")
  Path printKeys;

  @Option(names = "--force", description = "With --print-keys: replace FILE if it exists.")
  boolean force;

  @Option(names = "--reveal", description = "Print the keys in full instead of masked.")
  boolean reveal;

  @Option(
      names = "--proxy-port",
      paramLabel = "N",
      converter = PortConverter.class,
      description =
          "Also run an HTTPS proxy on 127.0.0.1:N (0: a free port) that answers for the real"
              + " hosts (api.x.com, api.tumblr.com, ...) from the sandbox. Needs --ca-cert.")
  Integer proxyPort;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description =
          "Write the proxy's CA certificate (PEM, made at start) to FILE for clients to trust.")
  Path caCert;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description =
          "Break a seeded share of requests, e.g. 500=0.05,503=0.02,reset=0.01,slow=0.05:2s,"
              + "truncate=0.01,retry-after=30,stream-disconnect=60s.")
  String faults;

  private final Consumer<Sandbox> waiter;

  /** Runs until the process is interrupted (Ctrl-C). */
  SandboxCommand() {
    this(SandboxCommand::awaitShutdown);
  }

  /** For tests: {@code waiter} decides when the running sandbox stops. */
  SandboxCommand(Consumer<Sandbox> waiter) {
    this.waiter = waiter;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxOptions options;
    try {
      SandboxOptions.Builder builder =
          SandboxOptions.builder()
              .port(port)
              .seed(seed)
              .timestampWindow(Duration.ofSeconds(timestampWindow))
              .users(users)
              .rateWindow(Duration.ofSeconds(rateWindow));
      rateLimits.forEach(builder::rateLimit);
      if (proxyPort != null || caCert != null) {
        if (proxyPort == null || caCert == null) {
          throw new IllegalArgumentException(
              "--proxy-port and --ca-cert go together: the proxy's clients must trust its CA,"
                  + " e.g. --proxy-port 8080 --ca-cert sandbox-ca.pem");
        }
        builder.proxyPort(proxyPort).caCertificate(caCert);
      }
      if (faults != null) {
        builder.faults(faults);
      }
      options = builder.build();
    } catch (IllegalArgumentException e) {
      err.println("latchkey sandbox: " + e.getMessage());
      return 2;
    }
    if (printKeys != null && !force && Files.exists(printKeys, LinkOption.NOFOLLOW_LINKS)) {
      err.println("latchkey sandbox: " + printKeys + " exists; add --force to replace it");
      return FAILURE;
    }
    Sandbox started;
    try {
      started = Sandbox.start(options);
    } catch (IllegalArgumentException e) {
      err.println("latchkey sandbox: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("latchkey sandbox: " + e.getMessage());
      return FAILURE;
    }
    try (Sandbox sandbox = started) {
      if (printKeys != null) {
        writeKeys(printKeys, sandbox.printKeysJson(), force);
      }
      describe(sandbox, out);
      out.flush();
      waiter.accept(sandbox);
      return OK;
    } catch (IllegalStateException | IOException e) {
      err.println("latchkey sandbox: " + e.getMessage());
      return FAILURE;
    }
  }

  private void describe(Sandbox sandbox, PrintWriter out) {
    out.println("Latchkey sandbox running at " + sandbox.baseUri() + " (Ctrl-C to stop)");
    out.println("Seed " + seed + ", OAuth timestamp window " + timestampWindow + " s.");
    out.println(
        users
            + " users per platform; rate-limit window "
            + rateWindow
            + " s"
            + (rateLimits.isEmpty() ? "" : ", limits " + rateLimits)
            + ".");
    for (SandboxPlatform p : SandboxPlatform.values()) {
      SandboxKeys k = sandbox.keys(p);
      out.println();
      out.println(
          p.displayName()
              + "  "
              + sandbox.base(p)
              + "  (stands in for "
              + String.join(" and ", p.realOrigins())
              + ")");
      out.println("  consumer_key         " + show(k.consumerKey()));
      out.println("  consumer_secret      " + show(k.consumerSecret()));
      out.println("  access_token         " + show(k.accessToken()));
      out.println("  access_token_secret  " + show(k.accessTokenSecret()));
      List<SandboxUser> named = sandbox.users(p);
      StringBuilder names = new StringBuilder("  users:");
      for (int i = 0; i < named.size(); i++) {
        names.append(i == 0 ? " " : ", ").append(named.get(i).screenName());
        if (i == 0) {
          names.append(" (owner of the app)");
        }
      }
      out.println(names + "; the parts they play: " + sandbox.baseUri() + "/sandbox/");
    }
    out.println();
    if (printKeys != null) {
      out.println("Keys written to " + printKeys + " (mode 0600).");
    } else if (!reveal) {
      out.println("Keys are masked: use --reveal to print them or --print-keys FILE to save them.");
    }
    out.println("Point Latchkey at it:  export LATCHKEY_SANDBOX=" + sandbox.baseUri());
    out.println(
        "Other tools: use "
            + sandbox.twitterBase()
            + " where they expect https://api.x.com (or api.twitter.com) and "
            + sandbox.tumblrBase()
            + " for https://api.tumblr.com;");
    out.println(
        "  signatures made for the real hosts are accepted too, so a transport that rewrites"
            + " URLs works.");
    sandbox
        .proxyUri()
        .ifPresent(
            proxy -> {
              out.println(
                  "Proxy: "
                      + proxy
                      + " answers for "
                      + String.join(", ", sandbox.proxiedHosts())
                      + "; CA certificate in "
                      + caCert
                      + ".");
              out.println(
                  "  Unchanged clients: HTTPS_PROXY="
                      + proxy
                      + " REQUESTS_CA_BUNDLE="
                      + caCert
                      + " NODE_EXTRA_CA_CERTS="
                      + caCert
                      + " (see the sandbox README for Java).");
            });
    if (faults != null && !faults.isBlank()) {
      out.println("Faults: " + faults.trim() + " (the control API is never faulted).");
    }
    out.println(
        "Control: "
            + sandbox.baseUri()
            + "/sandbox/ (index, POST /sandbox/apps, POST /sandbox/apps/regenerate,"
            + " POST /sandbox/revoke)");
  }

  private String show(String value) {
    return Secret.of(value).display(reveal);
  }

  /**
   * Writes {@code json} to {@code file} as {@code keys export} writes: owner-only from its
   * creation, never through a symbolic link, and over an existing file only when {@code replace}
   * (by an atomic rename, so the link itself is replaced rather than followed).
   */
  static void writeKeys(Path file, String json, boolean replace) throws IOException {
    try {
      PrivateFile.write(file, json + "\n", replace);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " exists; add --force to replace it");
    } catch (IOException e) {
      throw new IOException(
          "cannot write "
              + file.toAbsolutePath()
              + " ("
              + e.getClass().getSimpleName()
              + "); check the directory exists and is writable");
    }
  }

  private static void awaitShutdown(Sandbox sandbox) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(stopped::countDown, "latchkey-sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
