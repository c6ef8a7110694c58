package dev.latchkey.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests, demos and benchmarks: the installed server's own
 * {@code initdb} and {@code pg_ctl} (Debian's {@code /usr/lib/postgresql/N/bin}) run a cluster in a
 * temporary directory on a free port of 127.0.0.1, with password ({@code scram-sha-256}) login for
 * one user, and everything is deleted on {@link #close()}.
 *
 * <p>{@code initdb} refuses to run as root, so as root (CI) the server runs as {@code nobody}
 * through {@code setpriv}, its directory owned by that user. Not a sandbox of a platform: the
 * collector's PostgreSQL store is tested against the real thing, never a mock.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.start()) {
 *   String url = pg.url(); // postgresql://latchkey@127.0.0.1:<port>/latchkey
 *   String password = pg.password();
 * }
 * }</pre>
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
  private static final String USER = "latchkey";
  private static final String DATABASE = "latchkey";

  private final Path bin;
  private final Path dir;
  private final String password;
  private final List<String> asServer;
  private int port;
  private boolean running;
  private final Thread cleanup;

  private LocalPostgres(Path bin, Path dir, String password, List<String> asServer) {
    this.bin = bin;
    this.dir = dir;
    this.password = password;
    this.asServer = asServer;
    this.cleanup = new Thread(this::closeQuietly, "latchkey-local-postgres-cleanup");
  }

  /**
   * The {@code bin} directory of the newest installed PostgreSQL ({@code LATCHKEY_PG_BIN}, else
   * {@code /usr/lib/postgresql/<newest>/bin}), or empty when there is none.
   */
  public static Optional<Path> binaries() {
    String forced = System.getenv("LATCHKEY_PG_BIN");
    if (forced != null && !forced.isBlank()) {
      Path p = Path.of(forced);
      return Files.isExecutable(p.resolve("initdb")) ? Optional.of(p) : Optional.empty();
    }
    if (!Files.isDirectory(DEBIAN)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("[0-9]+(\\.[0-9]+)?"))
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
          .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
          .map(v -> v.resolve("bin"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why {@link #start()} cannot work here, for a test's skip message; empty when it can. */
  public static Optional<String> unavailable() {
    if (binaries().isEmpty()) {
      return Optional.of(
          "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or"
              + " LATCHKEY_PG_BIN; install Debian's postgresql package (.ci/run does)");
    }
    if (isRoot() && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      return Optional.of(
          "running as root, and initdb refuses root: setpriv (util-linux) is needed to run the"
              + " server as nobody");
    }
    return Optional.empty();
  }

  /**
   * Creates a cluster in a new temporary directory and starts it.
   *
   * @throws IllegalStateException when the binaries are missing or the server does not start (with
   *     the server's log)
   */
  public static LocalPostgres start() {
    unavailable()
        .ifPresent(
            why -> {
              throw new IllegalStateException(why);
            });
    Path bin = binaries().orElseThrow();
    try {
      boolean root = isRoot();
      Path base = root ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
      Path dir =
          Files.createTempDirectory(
              base,
              "latchkey-pg-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      List<String> asServer = new ArrayList<>();
      if (root) {
        // initdb refuses root: the cluster belongs to nobody, which needs to enter the directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        view.setGroup(nogroup);
        asServer.addAll(
            List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
      }
      byte[] secret = new byte[18];
      new SecureRandom().nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      LocalPostgres pg = new LocalPostgres(bin, dir, password, asServer);
      Runtime.getRuntime().addShutdownHook(pg.cleanup);
      try {
        pg.initdb();
        pg.startServer(true);
        pg.run(
            List.of(
                bin.resolve("createdb").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(pg.port),
                "-U",
                USER,
                DATABASE),
            true);
      } catch (RuntimeException | IOException e) {
        pg.closeQuietly();
        throw e;
      }
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void initdb() throws IOException {
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    own(pwfile);
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-U",
            USER,
            "--pwfile=" + pwfile,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync"),
        false);
    Files.delete(pwfile);
  }

  private void startServer(boolean newPort) throws IOException {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (newPort || attempt > 0) {
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
      }
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "90",
                "-o",
                "-p "
                    + port
                    + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                    + dir
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                    + " -c shared_buffers=32MB -c max_connections=200",
                "start"),
            false);
        running = true;
        return;
      } catch (IllegalStateException e) {
        last = e; // most likely the port was taken meanwhile: try another
        if (!newPort) {
          break;
        }
      }
    }
    throw last;
  }

  private void own(Path file) throws IOException {
    if (asServer.isEmpty()) {
      return;
    }
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(file, users.lookupPrincipalByName("nobody"));
  }

  private String run(List<String> command, boolean withPassword) throws IOException {
    List<String> full = new ArrayList<>(asServer);
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(dir.toFile());
    if (withPassword) {
      pb.environment().put("PGPASSWORD", password);
    }
    pb.environment().remove("PGPASSFILE");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command.get(0));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          Path.of(command.get(0)).getFileName()
              + " failed (exit "
              + p.exitValue()
              + "): "
              + text.strip()
              + serverLog());
    }
    return text;
  }

  private String serverLog() {
    Path log = dir.resolve("server.log");
    try {
      if (Files.isReadable(log)) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\nserver log:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      }
    } catch (IOException ignored) {
      // no log to show
    }
    return "";
  }

  private static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** {@code postgresql://latchkey@127.0.0.1:PORT/latchkey}: no password in it. */
  public String url() {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  /** The JDBC URL of the same database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** The user's password (random per server). */
  public String password() {
    return password;
  }

  public String user() {
    return USER;
  }

  public String database() {
    return DATABASE;
  }

  public int port() {
    return port;
  }

  /** Whether the server is running (it is between {@link #stop()} and {@link #restart()} not). */
  public synchronized boolean running() {
    return running;
  }

  /**
   * Stops the server as an administrator would ({@code pg_ctl stop -m fast}: open connections are
   * closed); the data stays for {@link #restart()}.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "fast",
              "-w",
              "stop"),
          false);
      running = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server again on the same port after {@link #stop()}. */
  public synchronized void restart() {
    if (running) {
      return;
    }
    try {
      startServer(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server at once and deletes its directory. */
  @Override
  public void close() {
    closeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running
    }
  }

  private synchronized void closeQuietly() {
    if (running) {
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-m",
                "immediate",
                "-w",
                "stop"),
            false);
      } catch (IOException | RuntimeException ignored) {
        // deleting the directory below is all that is left to do
      }
      running = false;
    }
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException ignored) {
                    // best effort in a temporary directory
                  }
                });
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  @Override
  public String toString() {
    return "LocalPostgres[" + url() + "]";
  }
}
