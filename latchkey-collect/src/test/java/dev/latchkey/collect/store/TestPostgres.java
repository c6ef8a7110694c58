package dev.latchkey.collect.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latchkey.sandbox.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the test JVM ({@link LocalPostgres}, deleted at exit), and a fresh schema
 * of it per test so tests do not see each other's jobs. Tests skip with the reason when the server
 * binaries are not installed.
 */
public final class TestPostgres {
  private static LocalPostgres server;
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private TestPostgres() {}

  /** The server, started on first use; skips the calling test when it cannot run here. */
  public static synchronized LocalPostgres server() {
    var why = LocalPostgres.unavailable();
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    if (server == null) {
      server = LocalPostgres.start();
    }
    if (!server.running()) {
      server.restart();
    }
    return server;
  }

  /** A URL (without the password) of a schema no other test uses. */
  public static String freshUrl() {
    return server().url()
        + "?schema=t"
        + ProcessHandle.current().pid()
        + "_"
        + SCHEMAS.incrementAndGet();
  }

  /** The environment a worker reads the password from. */
  public static Map<String, String> env() {
    return Map.of("PGPASSWORD", server().password());
  }

  /** {@code url} parsed with the password from the environment. */
  public static PostgresLocation location(String url) throws StoreException {
    return PostgresLocation.parse(url, env(), Path.of("/nonexistent"), "nobody");
  }

  /** A plain JDBC connection to the server, for looking behind the store's back. */
  public static Connection jdbc(String schema) throws SQLException {
    Connection c =
        DriverManager.getConnection(server().jdbcUrl(), server().user(), server().password());
    if (schema != null) {
      c.createStatement().execute("SET search_path TO " + schema);
    }
    return c;
  }
}
