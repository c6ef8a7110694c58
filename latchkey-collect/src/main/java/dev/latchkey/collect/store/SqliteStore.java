package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.store.StoreException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store: one SQLite database holding the job, its tasks and checkpoints, the budgets
 * and the runs; and the records either in its own tables ({@code --format sqlite}) or in a JSONL or
 * pages file beside which it lives as {@code FILE.latchkey-state}. For standard output it lives in
 * a temporary file, and nothing resumes.
 *
 * <p>A page is committed as: de-duplicate its records (a {@code seen} table, or the tables' primary
 * keys), append its lines, then write the checkpoint and the file's new length in one transaction.
 * Whatever a kill leaves past that length (a torn line, a page without its checkpoint) is cut when
 * the collection is opened again, so nothing is lost and nothing is written twice.
 */
public final class SqliteStore implements CollectionStore {
  /** The schema version this Latchkey writes; a newer one is refused. */
  public static final int SCHEMA_VERSION = 1;

  /** The suffix of the state file beside a JSONL or pages output. */
  public static final String STATE_SUFFIX = ".latchkey-state";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CONTROL = {
    "CREATE TABLE IF NOT EXISTS latchkey_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,"
        + " spec TEXT NOT NULL, command TEXT NOT NULL, created TEXT NOT NULL,"
        + " output_bytes INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS tasks (job INTEGER NOT NULL, idx INTEGER NOT NULL,"
        + " kind TEXT NOT NULL, targets TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',"
        + " worker TEXT, lease_expires INTEGER, cursor TEXT NOT NULL DEFAULT '{}',"
        + " pages INTEGER NOT NULL DEFAULT 0, records INTEGER NOT NULL DEFAULT 0,"
        + " errors INTEGER NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (job, idx))",
    "CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (job, state, idx)",
    "CREATE TABLE IF NOT EXISTS budgets (credential TEXT NOT NULL, family TEXT NOT NULL,"
        + " window TEXT NOT NULL, lim INTEGER NOT NULL, remaining INTEGER NOT NULL,"
        + " reset_ms INTEGER NOT NULL, approximate INTEGER NOT NULL,"
        + " PRIMARY KEY (credential, family, window))",
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL,"
        + " ended TEXT, account TEXT, version TEXT, outcome TEXT, records INTEGER)",
    "CREATE TABLE IF NOT EXISTS seen (type TEXT NOT NULL, id TEXT NOT NULL,"
        + " PRIMARY KEY (type, id)) WITHOUT ROWID",
  };

  private final OutputFormat format;
  private final Path output;
  private final Path database;
  private final boolean temporary;
  private final Connection db;
  private final Tables tables;
  private LineOutput lines;
  private final OutputStream standardOutput;
  private long jobId = 1;
  private long committedBytes;
  private final Set<Integer> givenBack = new HashSet<>();
  private PreparedStatement seenInsert;
  private PreparedStatement seenReturning;
  private PreparedStatement checkpointUpdate;
  private PreparedStatement bytesUpdate;

  private SqliteStore(
      OutputFormat format,
      Path output,
      Path database,
      boolean temporary,
      Connection db,
      OutputStream standardOutput)
      throws SQLException {
    this.format = format;
    this.output = output;
    this.database = database;
    this.temporary = temporary;
    this.db = db;
    this.standardOutput = standardOutput;
    try (Statement s = db.createStatement()) {
      for (String sql : CONTROL) {
        s.execute(sql);
      }
    }
    this.tables = format == OutputFormat.SQLITE ? new Tables(db) : null;
  }

  /**
   * Opens the store for {@code output} in {@code format}; {@code output} null means standard output
   * ({@code stdout}), which is never resumed.
   *
   * @throws StoreException when the output exists and is not a Latchkey collection, belongs to a
   *     newer Latchkey, or is in use
   */
  public static SqliteStore open(OutputFormat format, Path output, OutputStream stdout)
      throws StoreException {
    Path database;
    boolean temporary = false;
    try {
      if (output == null) {
        if (format == OutputFormat.SQLITE) {
          throw new StoreException(
              Reason.NOT_OURS, "--format sqlite needs --output FILE (a database is not a stream)");
        }
        database = Files.createTempFile("latchkey-collect-", ".state");
        temporary = true;
      } else if (format == OutputFormat.SQLITE) {
        database = output;
        if (Files.isRegularFile(output) && Files.size(output) > 0 && !isSqlite(output)) {
          throw notOurs(output);
        }
      } else {
        database = Path.of(output + STATE_SUFFIX);
        boolean hasOutput = Files.isRegularFile(output) && Files.size(output) > 0;
        if (hasOutput && !Files.exists(database)) {
          throw notOurs(output);
        }
      }
    } catch (IOException e) {
      throw new StoreException(
          Reason.WRITE_FAILED, "cannot use " + output + ": " + e.getMessage() + "; check the path");
    }
    Connection db;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + database);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA busy_timeout = 2000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute(
            "PRAGMA synchronous = " + System.getProperty("latchkey.sqlite.synchronous", "NORMAL"));
        if (!temporary) {
          s.execute("PRAGMA locking_mode = EXCLUSIVE");
          s.execute("BEGIN IMMEDIATE");
          s.execute("COMMIT");
        }
      }
    } catch (SQLException e) {
      throw sqlFailure(database, e);
    }
    try {
      SqliteStore store = new SqliteStore(format, output, database, temporary, db, stdout);
      store.checkMeta();
      return store;
    } catch (SQLException e) {
      close(db);
      throw sqlFailure(database, e);
    } catch (StoreException e) {
      close(db);
      throw e;
    }
  }

  private static boolean isSqlite(Path file) throws IOException {
    byte[] head = new byte[16];
    try (var in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 16);
      return n == 16
          && new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)
              .equals("SQLite format 3");
    }
  }

  private static StoreException notOurs(Path output) {
    return new StoreException(
        Reason.NOT_OURS,
        output
            + " exists and is not a Latchkey collection; choose another --output (Latchkey never"
            + " overwrites a file it did not write)");
  }

  private void checkMeta() throws SQLException, StoreException {
    Map<String, String> meta = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT key, value FROM latchkey_meta")) {
      while (r.next()) {
        meta.put(r.getString(1), r.getString(2));
      }
    }
    if (meta.isEmpty()) {
      try (PreparedStatement p = db.prepareStatement("INSERT INTO latchkey_meta VALUES (?, ?)")) {
        p.setString(1, "schema_version");
        p.setString(2, Integer.toString(SCHEMA_VERSION));
        p.executeUpdate();
        p.setString(1, "format");
        p.setString(2, format.name().toLowerCase(java.util.Locale.ROOT));
        p.executeUpdate();
      }
      return;
    }
    int version = Integer.parseInt(meta.getOrDefault("schema_version", "0"));
    if (version > SCHEMA_VERSION) {
      throw new StoreException(
          Reason.NEWER_SCHEMA,
          where()
              + " was written by a newer Latchkey (schema "
              + version
              + ", this one knows "
              + SCHEMA_VERSION
              + "); upgrade latchkey to resume it");
    }
    String had = meta.getOrDefault("format", "");
    if (!had.equalsIgnoreCase(format.name())) {
      throw new StoreException(
          Reason.DIFFERENT_JOB,
          where()
              + " holds --format "
              + had
              + " output; run with --format "
              + had
              + " to resume it, or choose another --output");
    }
  }

  private String where() {
    return output == null ? "the collection" : output.toString();
  }

  @Override
  public synchronized void open(Job job, boolean restart) throws StoreException {
    try {
      String fingerprint = job.fingerprint();
      String existing = null;
      String command = null;
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery("SELECT fingerprint, command FROM jobs WHERE id = 1")) {
        if (r.next()) {
          existing = r.getString(1);
          command = r.getString(2);
        }
      }
      if (existing != null && !existing.equals(fingerprint) && !restart) {
        throw new StoreException(
            Reason.DIFFERENT_JOB,
            where()
                + " holds another collection (latchkey collect "
                + command
                + "); run that command to resume it, add --restart to replace it with this one,"
                + " or choose another --output");
      }
      boolean fresh = existing == null || restart;
      if (output != null && format != OutputFormat.SQLITE && !fresh && !Files.exists(output)) {
        throw new StoreException(
            Reason.NOT_OURS,
            output
                + " is gone but its checkpoint "
                + database.getFileName()
                + " is there; add --restart to start over");
      }
      openLines();
      db.setAutoCommit(false);
      if (fresh) {
        try (Statement s = db.createStatement()) {
          s.execute("DELETE FROM jobs");
          s.execute("DELETE FROM tasks");
          s.execute("DELETE FROM seen");
          s.execute("DELETE FROM runs");
          if (tables != null) {
            for (String t : Tables.NAMES) {
              s.execute("DELETE FROM " + t);
            }
          }
        }
        try (PreparedStatement p =
            db.prepareStatement("INSERT INTO jobs VALUES (1, ?, ?, ?, ?, 0)")) {
          p.setString(1, fingerprint);
          p.setString(2, job.canonical().toString());
          p.setString(3, job.describe());
          p.setString(4, Instant.now().toString());
          p.executeUpdate();
        }
        try (PreparedStatement p =
            db.prepareStatement(
                "INSERT INTO tasks (job, idx, kind, targets) VALUES (1, ?, ?, ?)")) {
          for (TaskSpec t : job.tasks()) {
            ArrayNode targets = JSON.createArrayNode();
            t.targets().forEach(targets::add);
            p.setInt(1, t.index());
            p.setString(2, t.kind().command());
            p.setString(3, targets.toString());
            p.addBatch();
          }
          p.executeBatch();
        }
        if (lines != null) {
          lines.truncate(0);
        }
        committedBytes = 0;
      } else {
        try (Statement s = db.createStatement()) {
          // Leases of a run that was killed: this process holds the store alone (locked).
          s.execute(
              "UPDATE tasks SET state = 'pending', worker = NULL, lease_expires = NULL"
                  + " WHERE state IN ('running', 'failed')");
          try (ResultSet r = s.executeQuery("SELECT output_bytes FROM jobs WHERE id = 1")) {
            r.next();
            committedBytes = r.getLong(1);
          }
        }
        if (lines != null && output != null) {
          long size = lines.position();
          if (size < committedBytes) {
            throw new StoreException(
                Reason.NOT_OURS,
                output
                    + " is shorter ("
                    + size
                    + " bytes) than its checkpoint says ("
                    + committedBytes
                    + "): it was changed outside Latchkey; add --restart to start over");
          }
          if (size > committedBytes) {
            lines.truncate(committedBytes); // a torn line or a page whose checkpoint never landed
          }
        }
      }
      db.commit();
      prepare();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    } catch (IOException e) {
      rollback();
      throw new StoreException(
          Reason.WRITE_FAILED, "cannot write " + output + ": " + e.getMessage());
    }
  }

  private void openLines() throws IOException, StoreException {
    if (format == OutputFormat.SQLITE || lines != null) {
      return;
    }
    lines = output == null ? LineOutput.stream(standardOutput) : LineOutput.file(output);
  }

  private void prepare() throws SQLException {
    seenInsert =
        db.prepareStatement(
            "INSERT OR IGNORE INTO seen (type, id) SELECT ?1, value FROM json_each(?2)");
    seenReturning =
        db.prepareStatement(
            "INSERT OR IGNORE INTO seen (type, id) SELECT ?1, value FROM json_each(?2)"
                + " RETURNING id");
    checkpointUpdate =
        db.prepareStatement(
            "UPDATE tasks SET cursor = ?, state = ?, pages = ?, records = ?, errors = ?,"
                + " lease_expires = ?, last_error = NULL WHERE job = ? AND idx = ?");
    bytesUpdate = db.prepareStatement("UPDATE jobs SET output_bytes = ? WHERE id = ?");
  }

  @Override
  public synchronized Optional<Lease> claim(String worker, Instant now, Duration lease)
      throws StoreException {
    try {
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT idx, kind, targets, cursor, pages, records, errors FROM tasks"
                  + " WHERE job = ? AND (state = 'pending'"
                  + " OR (state = 'running' AND lease_expires < ?)) ORDER BY idx")) {
        p.setLong(1, jobId);
        p.setLong(2, now.toEpochMilli());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            int idx = r.getInt(1);
            if (givenBack.contains(idx)) {
              continue;
            }
            TaskKind kind = TaskKind.ofCommand(r.getString(2)).orElseThrow();
            List<String> targets = new ArrayList<>();
            JSON.readTree(r.getString(3)).forEach(n -> targets.add(n.asText()));
            Checkpoint cp =
                new Checkpoint(
                    (ObjectNode) JSON.readTree(r.getString(4)),
                    false,
                    r.getLong(5),
                    r.getLong(6),
                    r.getLong(7));
            Instant expires = now.plus(lease);
            try (PreparedStatement u =
                db.prepareStatement(
                    "UPDATE tasks SET state = 'running', worker = ?, lease_expires = ?"
                        + " WHERE job = ? AND idx = ?")) {
              u.setString(1, worker);
              u.setLong(2, expires.toEpochMilli());
              u.setLong(3, jobId);
              u.setInt(4, idx);
              u.executeUpdate();
            }
            db.commit();
            return Optional.of(new Lease(new TaskSpec(idx, kind, targets), cp, worker, expires));
          }
        }
      }
      db.commit();
      return Optional.empty();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    } catch (IOException e) {
      throw new StoreException(Reason.NOT_OURS, where() + " has a damaged task list: " + e);
    }
  }

  @Override
  public boolean keepsPages() {
    return format == OutputFormat.PAGES;
  }

  /**
   * Commits a page. Its lines are rendered first, outside the lock, so that workers format their
   * pages side by side; de-duplicating, appending and the checkpoint then happen under it.
   */
  @Override
  public List<CollectedRecord> commit(Lease lease, Page page, Instant now, Duration renewal)
      throws StoreException {
    RecordLines.Rendered records = null;
    ByteArrayOutputStream pages = null;
    try {
      if (format == OutputFormat.PAGES) {
        pages = new ByteArrayOutputStream(1 << 16);
        for (var raw : page.raw()) {
          RecordLines.page(raw, page.provenance(), pages);
        }
      } else if (format == OutputFormat.JSONL) {
        records = RecordLines.records(page.records(), page.source());
      }
    } catch (IOException e) {
      throw new StoreException(Reason.WRITE_FAILED, "cannot render a page: " + e.getMessage());
    }
    synchronized (this) {
      return commitRendered(lease, page, now, renewal, records, pages);
    }
  }

  private List<CollectedRecord> commitRendered(
      Lease lease,
      Page page,
      Instant now,
      Duration renewal,
      RecordLines.Rendered records,
      ByteArrayOutputStream pages)
      throws StoreException {
    long before = committedBytes;
    boolean wrote = false;
    try {
      List<CollectedRecord> kept = new ArrayList<>();
      boolean[] keep = tables == null ? unseen(page.records()) : null;
      if (keep == null) {
        keep = new boolean[page.records().size()];
        for (int i = 0; i < keep.length; i++) {
          keep[i] = tables.insert(page.records().get(i));
        }
      }
      for (int i = 0; i < keep.length; i++) {
        if (keep[i]) {
          kept.add(page.records().get(i));
        }
      }
      if (lines != null) {
        byte[] out;
        int length;
        if (pages != null) {
          out = pages.toByteArray();
          length = out.length;
        } else if (records != null && kept.size() == keep.length) {
          out = records.bytes(); // the usual page: every record new
          length = records.length();
        } else if (records != null) {
          ByteArrayOutputStream some = new ByteArrayOutputStream(records.length());
          records.writeKept(keep, some);
          out = some.toByteArray();
          length = out.length;
        } else {
          out = new byte[0];
          length = 0;
        }
        if (length > 0) {
          wrote = true;
          lines.write(out, length);
          committedBytes = before + length;
        }
      }
      Checkpoint next = page.next();
      checkpointUpdate.setString(1, next.cursor().toString());
      checkpointUpdate.setString(2, next.done() ? "done" : "running");
      checkpointUpdate.setLong(3, next.pages());
      checkpointUpdate.setLong(4, next.records());
      checkpointUpdate.setLong(5, next.errors());
      checkpointUpdate.setLong(6, now.plus(renewal).toEpochMilli());
      checkpointUpdate.setLong(7, jobId);
      checkpointUpdate.setInt(8, lease.task().index());
      checkpointUpdate.executeUpdate();
      bytesUpdate.setLong(1, committedBytes);
      bytesUpdate.setLong(2, jobId);
      bytesUpdate.executeUpdate();
      db.commit();
      return kept;
    } catch (SQLException | IOException e) {
      rollback();
      committedBytes = before;
      if (wrote && output != null) {
        try {
          lines.truncate(before);
        } catch (IOException cut) {
          // the next open cuts it back to the checkpoint anyway
        }
      }
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      boolean full =
          what.contains("No space left")
              || what.contains("SQLITE_FULL")
              || what.contains("database or disk is full");
      throw new StoreException(
          Reason.WRITE_FAILED,
          (full ? "the disk is full" : "cannot write")
              + " ("
              + (output == null ? "state" : output)
              + ": "
              + what.lines().findFirst().orElse("")
              + "); the checkpoint is consistent: "
              + (full ? "free some space and " : "")
              + "run the same command again to resume");
    }
  }

  /**
   * Which records are new (errors always are), adding their ids to {@code seen}: one statement per
   * type on the page (the ids passed as one JSON array), not one per record. When it adds as many
   * ids as the page has (the usual page: all new), the first record of each id is new; otherwise it
   * is undone to a savepoint and done again with {@code RETURNING}, which names the ids that were
   * not there (reading those back costs more than the insert, so only then).
   */
  private boolean[] unseen(List<CollectedRecord> records) throws SQLException, IOException {
    boolean[] keep = new boolean[records.size()];
    Map<RecordType, Set<String>> ids = new java.util.EnumMap<>(RecordType.class);
    for (int i = 0; i < keep.length; i++) {
      CollectedRecord r = records.get(i);
      if (r.type() == RecordType.ERROR || r.id() == null) {
        keep[i] = true;
      } else {
        ids.computeIfAbsent(r.type(), t -> new java.util.LinkedHashSet<>()).add(r.id());
      }
    }
    for (Map.Entry<RecordType, Set<String>> e : ids.entrySet()) {
      String array = JSON.writeValueAsString(e.getValue());
      Set<String> added;
      java.sql.Savepoint before = db.setSavepoint();
      seenInsert.setString(1, e.getKey().name());
      seenInsert.setString(2, array);
      if (seenInsert.executeUpdate() == e.getValue().size()) {
        db.releaseSavepoint(before);
        added = new HashSet<>(e.getValue());
      } else {
        db.rollback(before);
        added = new HashSet<>();
        seenReturning.setString(1, e.getKey().name());
        seenReturning.setString(2, array);
        try (ResultSet r = seenReturning.executeQuery()) {
          while (r.next()) {
            added.add(r.getString(1));
          }
        }
        db.releaseSavepoint(before);
      }
      for (int i = 0; i < keep.length; i++) {
        CollectedRecord r = records.get(i);
        // remove: a second record of the page with the same id is not new
        if (r.type() == e.getKey() && r.id() != null && added.remove(r.id())) {
          keep[i] = true;
        }
      }
    }
    return keep;
  }

  @Override
  public synchronized void release(Lease lease, String why) throws StoreException {
    givenBack.add(lease.task().index());
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE tasks SET state = ?, worker = NULL, lease_expires = NULL, last_error = ?"
                + " WHERE job = ? AND idx = ? AND state <> 'done'")) {
      p.setString(1, why == null ? "pending" : "failed");
      p.setString(2, why);
      p.setLong(3, jobId);
      p.setInt(4, lease.task().index());
      p.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  /** Keeps the tasks {@code worker} holds its own while it waits (on a rate limit, say). */
  @Override
  public synchronized void renew(String worker, Instant now, Duration lease) throws StoreException {
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE tasks SET lease_expires = ? WHERE job = ? AND worker = ? AND state = 'running'")) {
      p.setLong(1, now.plus(lease).toEpochMilli());
      p.setLong(2, jobId);
      p.setString(3, worker);
      p.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  @Override
  public synchronized List<WindowReading> budget(String credential, String family)
      throws StoreException {
    List<WindowReading> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT window, lim, remaining, reset_ms, approximate FROM budgets"
                + " WHERE credential = ? AND family = ?")) {
      p.setString(1, credential);
      p.setString(2, family);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new WindowReading(
                  r.getString(1),
                  r.getLong(2),
                  r.getLong(3),
                  Instant.ofEpochMilli(r.getLong(4)),
                  r.getInt(5) == 1));
        }
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  @Override
  public synchronized void saveBudget(String credential, String family, List<WindowReading> windows)
      throws StoreException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO budgets VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credential, family,"
                + " window) DO UPDATE SET lim = excluded.lim, remaining = excluded.remaining,"
                + " reset_ms = excluded.reset_ms, approximate = excluded.approximate")) {
      for (WindowReading w : windows) {
        p.setString(1, credential);
        p.setString(2, family);
        p.setString(3, w.window());
        p.setLong(4, w.limit());
        p.setLong(5, w.remaining());
        p.setLong(6, w.reset().toEpochMilli());
        p.setInt(7, w.approximate() ? 1 : 0);
        p.addBatch();
      }
      p.executeBatch();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  @Override
  public synchronized long startRun(String account, String version, Instant now)
      throws StoreException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO runs (started, account, version) VALUES (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, now.toString());
      p.setString(2, account);
      p.setString(3, version);
      p.executeUpdate();
      long id;
      try (ResultSet k = p.getGeneratedKeys()) {
        k.next();
        id = k.getLong(1);
      }
      db.commit();
      return id;
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  @Override
  public synchronized void endRun(long run, String outcome, long records, Instant now)
      throws StoreException {
    try (PreparedStatement p =
        db.prepareStatement("UPDATE runs SET ended = ?, outcome = ?, records = ? WHERE id = ?")) {
      p.setString(1, now.toString());
      p.setString(2, outcome);
      p.setLong(3, records);
      p.setLong(4, run);
      p.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    }
  }

  @Override
  public synchronized CollectionStatus status() throws StoreException {
    try (Statement s = db.createStatement()) {
      String command = null;
      Instant created = null;
      long bytes = -1;
      try (ResultSet r = s.executeQuery("SELECT command, created, output_bytes FROM jobs")) {
        if (r.next()) {
          command = r.getString(1);
          created = Instant.parse(r.getString(2));
          bytes = format == OutputFormat.SQLITE ? -1 : r.getLong(3);
        }
      }
      TaskCounts counts;
      try (ResultSet r = s.executeQuery("SELECT state, COUNT(*) FROM tasks GROUP BY state")) {
        counts = TaskCounts.of(r);
      }
      Map<String, Long> records = new LinkedHashMap<>();
      if (tables != null) {
        for (String t : Tables.NAMES) {
          try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
            r.next();
            if (r.getLong(1) > 0) {
              records.put(t, r.getLong(1));
            }
          }
        }
      } else {
        try (ResultSet r = s.executeQuery("SELECT type, COUNT(*) FROM seen GROUP BY type")) {
          while (r.next()) {
            records.put(RecordType.valueOf(r.getString(1)).table(), r.getLong(2));
          }
        }
        try (ResultSet r = s.executeQuery("SELECT COALESCE(SUM(errors), 0) FROM tasks")) {
          r.next();
          if (r.getLong(1) > 0) {
            records.put("errors", r.getLong(1));
          }
        }
      }
      List<CollectionStatus.Run> runs = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT started, ended, account, outcome, records FROM runs ORDER BY id")) {
        while (r.next()) {
          runs.add(
              new CollectionStatus.Run(
                  Instant.parse(r.getString(1)),
                  r.getString(2) == null ? null : Instant.parse(r.getString(2)),
                  r.getString(3),
                  r.getString(4),
                  r.getLong(5)));
        }
      }
      List<CollectionStatus.Budget> budgets;
      try (ResultSet r =
          s.executeQuery(
              "SELECT credential, family, window, lim, remaining, reset_ms FROM budgets"
                  + " ORDER BY credential, family, window")) {
        budgets = CollectionStatus.Budget.readAll(r);
      }
      List<String> next = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT kind, targets, pages, records, last_error FROM tasks WHERE state <> 'done'"
                  + " ORDER BY idx LIMIT 5")) {
        while (r.next()) {
          List<String> targets = new ArrayList<>();
          JSON.readTree(r.getString(2)).forEach(n -> targets.add(n.asText()));
          String what =
              new TaskSpec(0, TaskKind.ofCommand(r.getString(1)).orElseThrow(), targets).describe();
          String progress =
              r.getLong(3) == 0
                  ? "not started"
                  : r.getLong(4) + " records in " + r.getLong(3) + " pages so far";
          next.add(
              what
                  + ": "
                  + progress
                  + (r.getString(5) == null ? "" : " (last run: " + r.getString(5) + ")"));
        }
      }
      db.commit();
      return new CollectionStatus(
          command,
          created,
          counts.tasks(),
          counts.done(),
          counts.failed(),
          records,
          bytes,
          runs,
          budgets,
          next);
    } catch (SQLException e) {
      rollback();
      throw sqlFailure(database, e);
    } catch (IOException e) {
      throw new StoreException(Reason.NOT_OURS, where() + " has a damaged task list: " + e);
    }
  }

  /**
   * Reads what a collection holds without joining it: {@code latchkey collect status FILE}.
   *
   * @throws StoreException when FILE is not a Latchkey collection
   */
  public static CollectionStatus statusOf(Path output) throws StoreException {
    try {
      Path database;
      OutputFormat format;
      if (Files.isRegularFile(Path.of(output + STATE_SUFFIX))) {
        database = Path.of(output + STATE_SUFFIX);
        format = null;
      } else if (Files.isRegularFile(output) && isSqlite(output)) {
        database = output;
        format = OutputFormat.SQLITE;
      } else {
        throw new StoreException(
            Reason.NOT_OURS,
            output
                + " is not a Latchkey collection (no "
                + output.getFileName()
                + STATE_SUFFIX
                + " beside it, and not a Latchkey SQLite file); give the --output of a collection");
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database)) {
        String had = null;
        try (Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT value FROM latchkey_meta WHERE key = 'format'")) {
          if (r.next()) {
            had = r.getString(1);
          }
        } catch (SQLException e) {
          throw new StoreException(Reason.NOT_OURS, output + " is not a Latchkey collection");
        }
        if (had == null) {
          throw new StoreException(Reason.NOT_OURS, output + " is not a Latchkey collection");
        }
        format = OutputFormat.parse(had);
      }
      try (SqliteStore store =
          new SqliteStore(
              format,
              output,
              database,
              false,
              DriverManager.getConnection("jdbc:sqlite:" + database),
              null)) {
        store.db.setAutoCommit(false);
        store.checkMeta();
        return store.status();
      }
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("BUSY") || m.contains("locked")) {
        throw new StoreException(
            Reason.IN_USE,
            output + " is being collected right now; run status again when that run ends");
      }
      throw new StoreException(Reason.NOT_OURS, output + " cannot be read: " + m);
    } catch (IOException e) {
      throw new StoreException(Reason.NOT_OURS, output + " cannot be read: " + e.getMessage());
    }
  }

  private void rollback() {
    try {
      if (!db.getAutoCommit()) {
        db.rollback();
      }
    } catch (SQLException ignored) {
      // nothing more to undo
    }
  }

  private static StoreException sqlFailure(Path database, SQLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
      return new StoreException(
          Reason.IN_USE,
          database
              + " is being written by another collection; wait for it to end, or choose another"
              + " --output");
    }
    if (m.contains("SQLITE_FULL") || m.contains("disk is full")) {
      return new StoreException(
          Reason.WRITE_FAILED,
          "the disk is full (" + database + "); free some space and run the same command again");
    }
    if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
      return new StoreException(
          Reason.NOT_OURS, database + " is not a Latchkey collection; choose another --output");
    }
    return new StoreException(
        Reason.WRITE_FAILED, "cannot use " + database + ": " + m.lines().findFirst().orElse(m));
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing after a failure
    }
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      if (lines != null) {
        lines.close();
      }
    } catch (IOException e) {
      throw new StoreException(Reason.WRITE_FAILED, "cannot close " + output + ": " + e);
    } finally {
      close(db);
      if (temporary) {
        try {
          Files.deleteIfExists(database);
          Files.deleteIfExists(Path.of(database + "-wal"));
          Files.deleteIfExists(Path.of(database + "-shm"));
        } catch (IOException ignored) {
          // a temporary file left in the temp directory
        }
      }
    }
  }
}
