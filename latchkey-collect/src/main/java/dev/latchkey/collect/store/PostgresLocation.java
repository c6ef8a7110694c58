package dev.latchkey.collect.store;

import dev.latchkey.collect.store.StoreException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where a shared collection lives: a PostgreSQL database named by {@code
 * postgresql://[user[:password]@]host[:port]/db[?schema=NAME&sslmode=MODE]} (issue 11). The
 * password comes from the URL, else {@code PGPASSWORD}, else the password file ({@code PGPASSFILE},
 * default {@code ~/.pgpass}), read as {@code psql} reads it: lines {@code
 * host:port:database:user:password}, {@code *} matching anything, {@code \:} and {@code \\}
 * escaped, the first match winning, and the file refused unless only its owner can read it.
 *
 * <p>The password never leaves this class but to the driver: {@link #toString()} and {@link
 * #describe()} show {@code user@host:port/db}.
 */
public final class PostgresLocation {
  /** The longest URL accepted. */
  public static final int MAX_URL = 2048;

  /** The largest password file read. */
  static final long MAX_PGPASS = 1 << 20;

  private static final int DEFAULT_PORT = 5432;

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final String schema;
  private final String sslmode;

  private PostgresLocation(
      String host,
      int port,
      String database,
      String user,
      String password,
      String schema,
      String sslmode) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.sslmode = sslmode;
  }

  /**
   * Whether {@code text} names a PostgreSQL store ({@code postgresql://} or {@code postgres://}).
   */
  public static boolean isUrl(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("postgresql://") || t.startsWith("postgres://");
  }

  /**
   * Parses {@code url}, taking a missing password from {@code env} ({@code PGPASSWORD}, {@code
   * PGPASSFILE}) or {@code home}'s {@code .pgpass}, and a missing user from {@code PGUSER} or
   * {@code osUser}.
   *
   * @throws IllegalArgumentException when the URL is malformed (the message never quotes a
   *     password)
   * @throws StoreException when the password file is readable by others or unreadable
   */
  public static PostgresLocation parse(
      String url, Map<String, String> env, Path home, String osUser) throws StoreException {
    Objects.requireNonNull(url, "url");
    String shape = "postgresql://[user[:password]@]host[:port]/database";
    if (url.length() > MAX_URL) {
      throw new IllegalArgumentException(
          "--store is longer than " + MAX_URL + " characters; give " + shape);
    }
    if (!isUrl(url)) {
      throw new IllegalArgumentException("--store takes " + shape + ", not " + safe(url));
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--store is not a valid URL ("
              + e.getReason()
              + "); give "
              + shape
              + ", with characters like @ : / in the password written as %40 %3A %2F");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("--store names no host; give " + shape);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    if (user == null || user.isEmpty()) {
      user = env.getOrDefault("PGUSER", osUser);
    }
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException("--store names no database after the host; give " + shape);
    }
    String schema = null;
    String sslmode = null;
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (key) {
          case "schema", "currentSchema" -> {
            if (!value.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
              throw new IllegalArgumentException(
                  "--store ?schema= takes a plain name (letters, digits, _), not " + safe(value));
            }
            schema = value;
          }
          case "sslmode" -> {
            if (!Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                .contains(value)) {
              throw new IllegalArgumentException(
                  "--store ?sslmode= takes disable, allow, prefer, require, verify-ca or"
                      + " verify-full, not "
                      + safe(value));
            }
            sslmode = value;
          }
          default ->
              throw new IllegalArgumentException(
                  "--store knows the parameters schema and sslmode, not " + safe(key));
        }
      }
    }
    if (password == null) {
      password = env.get("PGPASSWORD");
    }
    if (password == null) {
      Path file =
          env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
      password = fromPassFile(file, host, port, database, user).orElse(null);
    }
    return new PostgresLocation(host, port, database, user, password, schema, sslmode);
  }

  /**
   * The password of the first line of {@code file} that matches, as {@code psql} reads it.
   *
   * @throws StoreException when the file can be read by its group or others (the fix: chmod 600)
   */
  static Optional<String> fromPassFile(
      Path file, String host, int port, String database, String user) throws StoreException {
    List<String> lines;
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        Set<PosixFilePermission> mode =
            Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission p : mode) {
          if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
            throw new StoreException(
                Reason.ACCESS_DENIED,
                file
                    + " can be read by others (it holds passwords); run chmod 600 "
                    + file
                    + ", as psql requires");
          }
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: psql does not check there either
      }
      if (Files.size(file) > MAX_PGPASS) {
        throw new StoreException(
            Reason.ACCESS_DENIED, file + " is larger than 1 MB; it is not a password file");
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException(
          Reason.ACCESS_DENIED, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() < 5) {
        continue;
      }
      if (matches(fields.get(0), host)
          && matches(fields.get(1), Integer.toString(port))
          && matches(fields.get(2), database)
          && matches(fields.get(3), user)) {
        return Optional.of(fields.get(4));
      }
    }
    return Optional.empty();
  }

  /** Splits a password file line on unescaped colons; the last field keeps the rest. */
  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--store has a bad %-escape in its user, password or parameters");
    }
  }

  private static String safe(String text) {
    String t = text.replaceAll("//[^@/]*@", "//…@");
    return "'" + (t.length() > 80 ? t.substring(0, 80) + "…" : t) + "'";
  }

  /** The JDBC URL (no user, no password). */
  String jdbcUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** What the driver is given: user, password, schema, timeouts. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    if (schema != null) {
      p.setProperty("currentSchema", schema);
    }
    if (sslmode != null) {
      p.setProperty("sslmode", sslmode);
    }
    p.setProperty("ApplicationName", "latchkey collect");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "120");
    p.setProperty("tcpKeepAlive", "true");
    return p;
  }

  /** The schema the tables go in, when the URL names one. */
  Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /** Whether a password was found (in the URL, the environment or the password file). */
  public boolean hasPassword() {
    return password != null;
  }

  public String user() {
    return user;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  /** {@code user@host:port/db}, never the password. */
  public String describe() {
    return user
        + "@"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + database
        + (schema == null ? "" : "?schema=" + schema);
  }

  @Override
  public String toString() {
    return "postgresql://" + describe();
  }
}
