package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskKind;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.collect.governor.SharedBudget;
import dev.latchkey.collect.governor.WindowReading;
import dev.latchkey.collect.store.StoreException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A collection shared by workers on many machines through one PostgreSQL database (issue 11): jobs
 * by name, their tasks claimed with expiring leases ({@code FOR UPDATE SKIP LOCKED}), each page's
 * records upserted by id in the same transaction as the task's checkpoint (fenced: a worker whose
 * task was taken over commits nothing), and one rate-limit budget per credential and endpoint
 * family, changed under a row lock by every request of every worker ({@link #ledger()}).
 *
 * <p>Records go to tables {@code tweets}, {@code users}, {@code follows}, {@code posts}, {@code
 * blogs} and {@code errors} (the columns of {@code --format sqlite}, the platform's JSON as {@code
 * jsonb} beside them, keyed by job and id), and the raw pages to {@code pages}, so that {@link
 * #export} can write either format. The schema is created and migrated by Latchkey under an
 * advisory lock, so workers starting at once do not race; a newer schema is refused. Nothing secret
 * is written: accounts and credentials by name only.
 *
 * <p>Every call is one transaction; a connection that fails is dropped, and the failure is {@link
 * Reason#UNAVAILABLE} so that the collector waits and tries again. A commit whose answer was lost
 * is recognised when it is tried again (the checkpoint is already there).
 */
public final class PostgresStore implements CollectionStore {
  /** The schema version this Latchkey writes; a newer one is refused. */
  public static final int SCHEMA_VERSION = 2;

  /** The longest job name. */
  public static final int MAX_JOB_NAME = 100;

  private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The advisory lock key that serialises schema changes ("latchkey" in ASCII). */
  private static final long SCHEMA_LOCK = 0x6c617463686b6579L;

  /** How long a worker's count of requests in flight lasts without news (a killed worker's). */
  private static final String FLIGHT_TTL = "120 seconds";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a post's tags (a JSON array) are among {@link Tables#columns}. */
  private static final int POST_TAGS = 5;

  /** Version 1 of the schema, created in one transaction. */
  private static final String[] V1 = {
    "CREATE TABLE IF NOT EXISTS jobs (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
        + " fingerprint TEXT NOT NULL, spec JSONB NOT NULL, command TEXT NOT NULL,"
        + " created TIMESTAMPTZ NOT NULL DEFAULT now())",
    "CREATE TABLE IF NOT EXISTS tasks (job BIGINT NOT NULL REFERENCES jobs ON DELETE CASCADE,"
        + " idx INTEGER NOT NULL, kind TEXT NOT NULL, targets JSONB NOT NULL,"
        + " state TEXT NOT NULL DEFAULT 'pending', worker TEXT, lease_expires TIMESTAMPTZ,"
        + " cursor JSONB NOT NULL DEFAULT '{}', pages BIGINT NOT NULL DEFAULT 0,"
        + " records BIGINT NOT NULL DEFAULT 0, errors BIGINT NOT NULL DEFAULT 0,"
        + " last_error TEXT, PRIMARY KEY (job, idx))",
    "CREATE INDEX IF NOT EXISTS tasks_open ON tasks (job, idx) WHERE state <> 'done'",
    "CREATE TABLE IF NOT EXISTS runs (id BIGSERIAL PRIMARY KEY,"
        + " job BIGINT NOT NULL REFERENCES jobs ON DELETE CASCADE, worker TEXT,"
        + " started TIMESTAMPTZ NOT NULL, ended TIMESTAMPTZ, account TEXT, version TEXT,"
        + " outcome TEXT, records BIGINT)",
    "CREATE TABLE IF NOT EXISTS budget_keys (credential TEXT NOT NULL, family TEXT NOT NULL,"
        + " answered BOOLEAN NOT NULL DEFAULT false, PRIMARY KEY (credential, family))",
    "CREATE TABLE IF NOT EXISTS budgets (credential TEXT NOT NULL, family TEXT NOT NULL,"
        + " window_name TEXT NOT NULL, lim BIGINT NOT NULL, remaining BIGINT NOT NULL,"
        + " reset_ms BIGINT NOT NULL, approximate BOOLEAN NOT NULL, fresh BOOLEAN NOT NULL,"
        + " tickets INTEGER NOT NULL, PRIMARY KEY (credential, family, window_name))",
    "CREATE TABLE IF NOT EXISTS budget_flight (credential TEXT NOT NULL, family TEXT NOT NULL,"
        + " worker TEXT NOT NULL, in_flight INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL,"
        + " PRIMARY KEY (credential, family, worker))",
    "CREATE TABLE IF NOT EXISTS tweets (job BIGINT NOT NULL, id TEXT NOT NULL, author_id TEXT,"
        + " created_at TEXT, text TEXT, lang TEXT, conversation_id TEXT,"
        + " in_reply_to_user_id TEXT, retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL,"
        + " task_idx INTEGER NOT NULL, page BIGINT NOT NULL, pos INTEGER NOT NULL,"
        + " latchkey JSONB NOT NULL, json JSONB NOT NULL, PRIMARY KEY (job, id))",
    "CREATE TABLE IF NOT EXISTS users (job BIGINT NOT NULL, id TEXT NOT NULL, username TEXT,"
        + " name TEXT, created_at TEXT, followers_count BIGINT, following_count BIGINT,"
        + " tweet_count BIGINT, protected INTEGER, verified INTEGER,"
        + " retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL, task_idx INTEGER NOT NULL,"
        + " page BIGINT NOT NULL, pos INTEGER NOT NULL, latchkey JSONB NOT NULL,"
        + " json JSONB NOT NULL, PRIMARY KEY (job, id))",
    // A follow is a record of its own (json set) or implied by a follower's profile (json null).
    "CREATE TABLE IF NOT EXISTS follows (job BIGINT NOT NULL, source_id TEXT NOT NULL,"
        + " target_id TEXT NOT NULL, retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL,"
        + " task_idx INTEGER NOT NULL, page BIGINT NOT NULL, pos INTEGER NOT NULL,"
        + " latchkey JSONB, json JSONB, PRIMARY KEY (job, source_id, target_id))",
    "CREATE TABLE IF NOT EXISTS posts (job BIGINT NOT NULL, id TEXT NOT NULL, blog_name TEXT,"
        + " type TEXT, timestamp BIGINT, post_url TEXT, tags JSONB, note_count BIGINT,"
        + " retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL, task_idx INTEGER NOT NULL,"
        + " page BIGINT NOT NULL, pos INTEGER NOT NULL, latchkey JSONB NOT NULL,"
        + " json JSONB NOT NULL, PRIMARY KEY (job, id))",
    "CREATE TABLE IF NOT EXISTS blogs (job BIGINT NOT NULL, name TEXT NOT NULL, uuid TEXT,"
        + " title TEXT, posts BIGINT, updated BIGINT, url TEXT,"
        + " retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL, task_idx INTEGER NOT NULL,"
        + " page BIGINT NOT NULL, pos INTEGER NOT NULL, latchkey JSONB NOT NULL,"
        + " json JSONB NOT NULL, PRIMARY KEY (job, name))",
    "CREATE TABLE IF NOT EXISTS errors (job BIGINT NOT NULL, seq BIGSERIAL, target TEXT,"
        + " status BIGINT, code TEXT, title TEXT, message TEXT,"
        + " retrieved_at TIMESTAMPTZ NOT NULL, task TEXT NOT NULL, task_idx INTEGER NOT NULL,"
        + " page BIGINT NOT NULL, pos INTEGER NOT NULL, latchkey JSONB NOT NULL,"
        + " json JSONB NOT NULL, PRIMARY KEY (job, seq))",
    // Pages as the platform sent them: json (text, checked) keeps their order and costs less.
    "CREATE TABLE IF NOT EXISTS pages (job BIGINT NOT NULL, task_idx INTEGER NOT NULL,"
        + " page BIGINT NOT NULL, pos INTEGER NOT NULL, latchkey JSONB NOT NULL,"
        + " json JSON NOT NULL, PRIMARY KEY (job, task_idx, page, pos))",
  };

  /**
   * Version 2: a record's exact JSON when its {@code json} column could not hold it ({@link
   * PostgresText}: a U+0000 that jsonb refuses); null otherwise.
   */
  private static final String[] V2 = {
    "ALTER TABLE tweets ADD COLUMN raw TEXT",
    "ALTER TABLE users ADD COLUMN raw TEXT",
    "ALTER TABLE follows ADD COLUMN raw TEXT",
    "ALTER TABLE posts ADD COLUMN raw TEXT",
    "ALTER TABLE blogs ADD COLUMN raw TEXT",
    "ALTER TABLE errors ADD COLUMN raw TEXT",
  };

  /** The migrations, in order: entry {@code n} takes the schema from version n to n + 1. */
  private static final List<String[]> MIGRATIONS = List.<String[]>of(V1, V2);

  /** Record tables, for counts, export and restart. */
  private static final List<String> RECORD_TABLES =
      List.of("tweets", "users", "follows", "posts", "blogs", "errors");

  /** The insert of each record type: job, the columns of {@link Tables#columns}, then ours. */
  private static final Map<RecordType, String> INSERT = new EnumMap<>(RecordType.class);

  static {
    String tail = "retrieved_at, task, task_idx, page, pos, latchkey, json, raw";
    INSERT.put(
        RecordType.TWEET,
        insert(
            "tweets",
            "id, author_id, created_at, text, lang, conversation_id, in_reply_to_user_id",
            7,
            tail,
            "(job, id)"));
    INSERT.put(
        RecordType.USER,
        insert(
            "users",
            "id, username, name, created_at, followers_count, following_count, tweet_count,"
                + " protected, verified",
            9,
            tail,
            "(job, id)"));
    INSERT.put(
        RecordType.FOLLOW,
        insert("follows", "source_id, target_id", 2, tail, "(job, source_id, target_id)"));
    INSERT.put(
        RecordType.POST,
        insert(
            "posts",
            "id, blog_name, type, timestamp, post_url, tags, note_count",
            7,
            tail,
            "(job, id)"));
    INSERT.put(
        RecordType.BLOG,
        insert("blogs", "name, uuid, title, posts, updated, url", 6, tail, "(job, name)"));
    INSERT.put(
        RecordType.ERROR, insert("errors", "target, status, code, title, message", 5, tail, null));
  }

  private static String insert(String table, String columns, int n, String tail, String key) {
    return "INSERT INTO "
        + table
        + " (job, "
        + columns
        + ", "
        + tail
        + ") VALUES (?"
        + ", ?".repeat(n)
        + ", ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?)"
        + (key == null ? "" : " ON CONFLICT " + key + " DO NOTHING");
  }

  private final PostgresLocation location;
  private final String jobName;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final List<Connection> all = new ArrayList<>();
  private final Set<String> knownBudgets = ConcurrentHashMap.newKeySet();
  private volatile long jobId = -1;
  private volatile boolean closed;

  private PostgresStore(PostgresLocation location, String jobName) {
    this.location = location;
    this.jobName = jobName;
  }

  /**
   * Connects to {@code location} for job {@code jobName}, creating or migrating the schema.
   *
   * @throws IllegalArgumentException when the job name is not a plain name
   * @throws StoreException when the database cannot be reached or logged into (with the fix), or
   *     holds a newer Latchkey's schema or tables Latchkey did not make
   */
  /** Where the records go, for people: {@code job NAME in user@host:port/db}, no password. */
  public String describe() {
    return "job " + jobName + " in " + location.describe();
  }

  public static PostgresStore connect(PostgresLocation location, String jobName)
      throws StoreException {
    checkJobName(jobName);
    PostgresStore store = new PostgresStore(location, jobName);
    try {
      store.migrate();
      store.findJob();
    } catch (StoreException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Checks a {@code --job} name: letters, digits, {@code . _ -}, at most 100. */
  public static void checkJobName(String name) {
    if (name == null || !JOB_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "--job takes a name of letters, digits, '.', '_' and '-' (at most "
              + MAX_JOB_NAME
              + ", starting with a letter or digit), like --job mps-2026");
    }
  }

  /** Where the store is ({@code user@host:port/db}, never the password). */
  public PostgresLocation location() {
    return location;
  }

  private String where() {
    return "job " + jobName + " in " + location.describe();
  }

  // ---- schema

  private void migrate() throws StoreException {
    transaction(
        db -> {
          try (Statement s = db.createStatement()) {
            // Workers starting at once: one creates or migrates, the others wait, then see it done.
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            if (location.schema().isPresent()) {
              s.execute("CREATE SCHEMA IF NOT EXISTS " + location.schema().get());
            }
            boolean hasMeta;
            try (ResultSet r = s.executeQuery("SELECT to_regclass('latchkey_meta') IS NOT NULL")) {
              r.next();
              hasMeta = r.getBoolean(1);
            }
            int version = 0;
            if (hasMeta) {
              try (ResultSet r =
                  s.executeQuery("SELECT value FROM latchkey_meta WHERE key = 'schema_version'")) {
                version = r.next() ? Integer.parseInt(r.getString(1)) : 0;
              }
            } else {
              try (ResultSet r =
                  s.executeQuery(
                      "SELECT string_agg(t, ', ') FROM unnest(ARRAY['jobs', 'tasks', 'tweets',"
                          + " 'users', 'posts']) t WHERE to_regclass(t) IS NOT NULL")) {
                r.next();
                if (r.getString(1) != null) {
                  throw new StoreException(
                      Reason.NOT_OURS,
                      location.describe()
                          + " has tables ("
                          + r.getString(1)
                          + ") that Latchkey did not make; give another database, or a schema"
                          + " of its own: --store postgresql://…/"
                          + location.database()
                          + "?schema=latchkey");
                }
              }
              s.execute("CREATE TABLE latchkey_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            if (version > SCHEMA_VERSION) {
              throw new StoreException(
                  Reason.NEWER_SCHEMA,
                  location.describe()
                      + " holds collections of a newer Latchkey (schema "
                      + version
                      + ", this one knows "
                      + SCHEMA_VERSION
                      + "); upgrade latchkey on this machine: every worker of a job must run a"
                      + " Latchkey that knows its schema");
            }
            for (int v = version; v < SCHEMA_VERSION; v++) {
              for (String sql : MIGRATIONS.get(v)) {
                s.execute(sql);
              }
            }
            s.execute(
                "INSERT INTO latchkey_meta VALUES ('schema_version', '"
                    + SCHEMA_VERSION
                    + "') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
          }
          return null;
        });
  }

  private void findJob() throws StoreException {
    Long id =
        transaction(
            db -> {
              try (PreparedStatement p =
                  db.prepareStatement("SELECT id FROM jobs WHERE name = ?")) {
                p.setString(1, jobName);
                try (ResultSet r = p.executeQuery()) {
                  return r.next() ? r.getLong(1) : null;
                }
              }
            });
    jobId = id == null ? -1 : id;
  }

  private long job() throws StoreException {
    if (jobId < 0) {
      List<String> names =
          transaction(
              db -> {
                List<String> out = new ArrayList<>();
                try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT name FROM jobs ORDER BY name LIMIT 20")) {
                  while (r.next()) {
                    out.add(r.getString(1));
                  }
                }
                return out;
              });
      throw new StoreException(
          Reason.NOT_OURS,
          "there is no job "
              + jobName
              + " in "
              + location.describe()
              + (names.isEmpty()
                  ? " (no job at all yet); start it with latchkey collect TASK … --job " + jobName
                  : "; its jobs: " + String.join(", ", names)));
    }
    return jobId;
  }

  // ---- the job

  @Override
  public void open(Job job, boolean restart) throws StoreException {
    String fingerprint = job.fingerprint();
    jobId =
        transaction(
            db -> {
              try (PreparedStatement lock =
                  db.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "latchkey job " + jobName);
                lock.execute();
              }
              Long id = null;
              try (PreparedStatement p =
                  db.prepareStatement("SELECT id, fingerprint, command FROM jobs WHERE name = ?")) {
                p.setString(1, jobName);
                try (ResultSet r = p.executeQuery()) {
                  if (r.next()) {
                    if (!r.getString(2).equals(fingerprint) && !restart) {
                      throw new StoreException(
                          Reason.DIFFERENT_JOB,
                          where()
                              + " is another collection (latchkey collect "
                              + r.getString(3)
                              + "); run that command (with the same files) to join it, choose"
                              + " another --job, or add --restart to replace it");
                    }
                    id = r.getLong(1);
                  }
                }
              }
              if (id != null && restart) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                  p.setLong(1, id);
                  p.executeUpdate();
                }
                deleteRecords(db, id);
                id = null;
              }
              if (id != null) {
                // A task a worker gave up on earlier is tried again by whoever joins.
                try (PreparedStatement p =
                    db.prepareStatement(
                        "UPDATE tasks SET state = 'pending', worker = NULL, lease_expires = NULL"
                            + " WHERE job = ? AND state = 'failed'")) {
                  p.setLong(1, id);
                  p.executeUpdate();
                }
                return id;
              }
              try (PreparedStatement p =
                  db.prepareStatement(
                      "INSERT INTO jobs (name, fingerprint, spec, command) VALUES (?, ?,"
                          + " CAST(? AS jsonb), ?) RETURNING id")) {
                p.setString(1, jobName);
                p.setString(2, fingerprint);
                p.setString(3, job.canonical().toString());
                p.setString(4, job.describe());
                try (ResultSet r = p.executeQuery()) {
                  r.next();
                  id = r.getLong(1);
                }
              }
              try (PreparedStatement p =
                  db.prepareStatement(
                      "INSERT INTO tasks (job, idx, kind, targets) VALUES (?, ?, ?,"
                          + " CAST(? AS jsonb))")) {
                int n = 0;
                for (TaskSpec t : job.tasks()) {
                  ArrayNode targets = JSON.createArrayNode();
                  t.targets().forEach(targets::add);
                  p.setLong(1, id);
                  p.setInt(2, t.index());
                  p.setString(3, t.kind().command());
                  p.setString(4, targets.toString());
                  p.addBatch();
                  if (++n % 1000 == 0) {
                    p.executeBatch();
                  }
                }
                p.executeBatch();
              }
              return id;
            });
  }

  private static void deleteRecords(Connection db, long id) throws SQLException {
    for (String t : RECORD_TABLES) {
      try (PreparedStatement p = db.prepareStatement("DELETE FROM " + t + " WHERE job = ?")) {
        p.setLong(1, id);
        p.executeUpdate();
      }
    }
    try (PreparedStatement p = db.prepareStatement("DELETE FROM pages WHERE job = ?")) {
      p.setLong(1, id);
      p.executeUpdate();
    }
  }

  @Override
  public Optional<Lease> claim(String worker, Instant now, Duration lease) throws StoreException {
    long job = job();
    return transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE tasks SET state = 'running', worker = ?, lease_expires = now() + ?"
                      + " * interval '1 millisecond' WHERE job = ? AND idx = (SELECT idx FROM"
                      + " tasks WHERE job = ? AND (state = 'pending' OR (state = 'running' AND"
                      + " lease_expires < now())) ORDER BY idx LIMIT 1 FOR UPDATE SKIP LOCKED)"
                      + " RETURNING idx, kind, targets::text, cursor::text, pages, records,"
                      + " errors, lease_expires")) {
            p.setString(1, worker);
            p.setLong(2, lease.toMillis());
            p.setLong(3, job);
            p.setLong(4, job);
            try (ResultSet r = p.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              String kindName = r.getString(2);
              TaskKind kind =
                  TaskKind.ofCommand(kindName)
                      .orElseThrow(
                          () ->
                              new StoreException(
                                  Reason.NEWER_SCHEMA,
                                  where()
                                      + " has a task ("
                                      + kindName
                                      + ") this Latchkey does not know; upgrade latchkey"));
              List<String> targets = new ArrayList<>();
              JsonNode t = parse(r.getString(3));
              t.forEach(n -> targets.add(n.asText()));
              Checkpoint cp =
                  new Checkpoint(
                      (ObjectNode) parse(r.getString(4)),
                      false,
                      r.getLong(5),
                      r.getLong(6),
                      r.getLong(7));
              Instant expires = r.getTimestamp(8).toInstant();
              return Optional.of(
                  new Lease(new TaskSpec(r.getInt(1), kind, targets), cp, worker, expires));
            }
          }
        });
  }

  @Override
  public List<CollectedRecord> commit(Lease lease, Page page, Instant now, Duration renewal)
      throws StoreException {
    long job = job();
    Checkpoint next = page.next();
    int idx = lease.task().index();
    String cursor = next.cursor().toString();
    return transaction(
        db -> {
          // The fence: only the holder of the lease, from the checkpoint it started this page at.
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE tasks SET cursor = CAST(? AS jsonb), state = ?, pages = ?,"
                      + " records = ?, errors = ?, lease_expires = now() + ? * interval '1"
                      + " millisecond', last_error = NULL WHERE job = ? AND idx = ? AND worker"
                      + " = ? AND state = 'running' AND pages = ?")) {
            p.setString(1, cursor);
            p.setString(2, next.done() ? "done" : "running");
            p.setLong(3, next.pages());
            p.setLong(4, next.records());
            p.setLong(5, next.errors());
            p.setLong(6, renewal.toMillis());
            p.setLong(7, job);
            p.setInt(8, idx);
            p.setString(9, lease.worker());
            p.setLong(10, next.pages() - 1);
            if (p.executeUpdate() == 0) {
              return alreadyCommitted(db, job, lease, next, cursor, page);
            }
          }
          List<CollectedRecord> kept = insertRecords(db, job, idx, next.pages(), page);
          insertPages(db, job, idx, next.pages(), page);
          return kept;
        });
  }

  /**
   * The fence refused a commit: either it did land before and its answer was lost (the task stands
   * at this page's checkpoint, with this worker), or the task is another worker's now.
   */
  private List<CollectedRecord> alreadyCommitted(
      Connection db, long job, Lease lease, Checkpoint next, String cursor, Page page)
      throws SQLException, StoreException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT worker, pages, cursor = CAST(? AS jsonb), state FROM tasks WHERE job = ? AND"
                + " idx = ?")) {
      p.setString(1, cursor);
      p.setLong(2, job);
      p.setInt(3, lease.task().index());
      try (ResultSet r = p.executeQuery()) {
        if (r.next()
            && lease.worker().equals(r.getString(1))
            && r.getLong(2) == next.pages()
            && r.getBoolean(3)) {
          return page.records(); // landed before; nothing is written twice
        }
        String holder = r.getString(1) == null ? "no worker" : "worker " + r.getString(1);
        throw new StoreException(
            Reason.LEASE_LOST,
            lease.task().describe()
                + " was taken over by "
                + holder
                + " (this worker's lease lapsed); it goes on from its checkpoint there, and"
                + " this worker's page is dropped");
      }
    }
  }

  private List<CollectedRecord> insertRecords(
      Connection db, long job, int idx, long pageNo, Page page) throws SQLException {
    Map<RecordType, PreparedStatement> statements = new EnumMap<>(RecordType.class);
    Map<RecordType, List<CollectedRecord>> batched = new EnumMap<>(RecordType.class);
    PreparedStatement derived = null;
    try {
      int pos = 0;
      for (CollectedRecord r : page.records()) {
        PreparedStatement p = statements.get(r.type());
        if (p == null) {
          p = db.prepareStatement(INSERT.get(r.type()));
          statements.put(r.type(), p);
          batched.put(r.type(), new ArrayList<>());
        }
        Object[] columns = Tables.columns(r);
        bind(p, job, columns, r, idx, pageNo, pos, true);
        p.addBatch();
        batched.get(r.type()).add(r);
        String[] edge = Tables.derivedFollow(r);
        if (edge != null) {
          if (derived == null) {
            derived = db.prepareStatement(INSERT.get(RecordType.FOLLOW));
          }
          bind(derived, job, new Object[] {edge[0], edge[1]}, r, idx, pageNo, pos, false);
          derived.addBatch();
        }
        pos++;
      }
      List<CollectedRecord> kept = new ArrayList<>();
      Map<CollectedRecord, Boolean> isNew = new java.util.IdentityHashMap<>();
      for (Map.Entry<RecordType, PreparedStatement> e : statements.entrySet()) {
        int[] counts = e.getValue().executeBatch();
        List<CollectedRecord> rs = batched.get(e.getKey());
        for (int i = 0; i < rs.size(); i++) {
          isNew.put(rs.get(i), counts[i] != 0);
        }
      }
      if (derived != null) {
        derived.executeBatch();
      }
      for (CollectedRecord r : page.records()) {
        if (Boolean.TRUE.equals(isNew.get(r))) {
          kept.add(r);
        }
      }
      return kept;
    } finally {
      for (PreparedStatement p : statements.values()) {
        p.close();
      }
      if (derived != null) {
        derived.close();
      }
    }
  }

  private static void bind(
      PreparedStatement p,
      long job,
      Object[] columns,
      CollectedRecord r,
      int idx,
      long pageNo,
      int pos,
      boolean withJson)
      throws SQLException {
    int i = 1;
    p.setLong(i++, job);
    for (int k = 0; k < columns.length; k++) {
      Object v = columns[k];
      if (v == null) {
        p.setNull(i++, java.sql.Types.NULL);
      } else if (v instanceof Long l) {
        p.setLong(i++, l);
      } else if (r.type() == RecordType.POST && withJson && k == POST_TAGS) {
        p.setObject(i++, jsonb(PostgresText.forJsonb(v.toString()))); // a JSON array
      } else {
        p.setString(i++, PostgresText.text(v.toString()));
      }
    }
    p.setTimestamp(i++, Timestamp.from(r.provenance().retrievedAt()));
    p.setString(i++, r.provenance().task());
    p.setInt(i++, idx);
    p.setLong(i++, pageNo);
    p.setInt(i++, pos);
    if (withJson) {
      p.setString(
          i++,
          RecordLines.latchkey(r.provenance(), r.type().name().toLowerCase(java.util.Locale.ROOT))
              .toString());
      String json = r.json().toString();
      boolean nul = PostgresText.hasNul(json);
      p.setString(i++, nul ? PostgresText.forJsonb(json) : json);
      p.setString(i, nul ? json : null);
    } else {
      p.setNull(i++, java.sql.Types.VARCHAR);
      p.setNull(i++, java.sql.Types.VARCHAR);
      p.setNull(i, java.sql.Types.VARCHAR);
    }
  }

  private static org.postgresql.util.PGobject jsonb(String text) throws SQLException {
    org.postgresql.util.PGobject o = new org.postgresql.util.PGobject();
    o.setType("jsonb");
    o.setValue(text);
    return o;
  }

  private static void insertPages(Connection db, long job, int idx, long pageNo, Page page)
      throws SQLException {
    if (page.raw().isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO pages VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS json)) ON CONFLICT"
                + " DO NOTHING")) {
      String latchkey = RecordLines.latchkey(page.provenance(), "page").toString();
      int pos = 0;
      for (JsonNode raw : page.raw()) {
        p.setLong(1, job);
        p.setInt(2, idx);
        p.setLong(3, pageNo);
        p.setInt(4, pos++);
        p.setString(5, latchkey);
        p.setString(6, raw.toString());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @Override
  public void release(Lease lease, String why) throws StoreException {
    long job = job();
    transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE tasks SET state = ?, worker = NULL, lease_expires = NULL, last_error = ?"
                      + " WHERE job = ? AND idx = ? AND worker = ? AND state = 'running'")) {
            p.setString(1, why == null ? "pending" : "failed");
            p.setString(2, why);
            p.setLong(3, job);
            p.setInt(4, lease.task().index());
            p.setString(5, lease.worker());
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void renew(String worker, Instant now, Duration lease) throws StoreException {
    long job = job();
    transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE tasks SET lease_expires = now() + ? * interval '1 millisecond' WHERE"
                      + " job = ? AND worker = ? AND state = 'running'")) {
            p.setLong(1, lease.toMillis());
            p.setLong(2, job);
            p.setString(3, worker);
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<RunningElsewhere> runningElsewhere(String worker) throws StoreException {
    long job = job();
    return transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT COUNT(*), (EXTRACT(EPOCH FROM MIN(lease_expires) - now()) * 1000)::bigint"
                      + " FROM tasks WHERE job = ? AND state = 'running' AND worker <> ?")) {
            p.setLong(1, job);
            p.setString(2, worker);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              long n = r.getLong(1);
              return n == 0
                  ? Optional.empty()
                  : Optional.of(new RunningElsewhere(n, Duration.ofMillis(r.getLong(2))));
            }
          }
        });
  }

  // ---- budgets

  /** Budgets are shared through the database: every worker's governor reserves through this. */
  @Override
  public Optional<BudgetLedger> ledger() {
    return Optional.of(this::change);
  }

  private <T> T change(
      String credential, String family, String worker, Function<SharedBudget, T> change)
      throws StoreException {
    String key = credential + "\n" + family;
    return transaction(
        db -> {
          if (!knownBudgets.contains(key)) {
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO budget_keys VALUES (?, ?) ON CONFLICT DO NOTHING")) {
              p.setString(1, credential);
              p.setString(2, family);
              p.executeUpdate();
            }
          }
          boolean answered;
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT answered FROM budget_keys WHERE credential = ? AND family = ? FOR"
                      + " UPDATE")) {
            p.setString(1, credential);
            p.setString(2, family);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              answered = r.getBoolean(1);
            }
          }
          List<SharedBudget.Window> windows = new ArrayList<>();
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT window_name, lim, remaining, reset_ms, approximate, fresh, tickets FROM"
                      + " budgets WHERE credential = ? AND family = ? ORDER BY window_name")) {
            p.setString(1, credential);
            p.setString(2, family);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                windows.add(
                    new SharedBudget.Window(
                        r.getString(1),
                        r.getLong(2),
                        r.getLong(3),
                        Instant.ofEpochMilli(r.getLong(4)),
                        r.getBoolean(5),
                        r.getBoolean(6),
                        r.getInt(7)));
              }
            }
          }
          long inFlight;
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT COALESCE(SUM(in_flight), 0) FROM budget_flight WHERE credential = ?"
                      + " AND family = ? AND expires > now()")) {
            p.setString(1, credential);
            p.setString(2, family);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              inFlight = r.getLong(1);
            }
          }
          SharedBudget budget = new SharedBudget(windows, inFlight, answered);
          T result = change.apply(budget);
          if (budget.answeredBefore() && !answered) {
            try (PreparedStatement p =
                db.prepareStatement(
                    "UPDATE budget_keys SET answered = true WHERE credential = ? AND family = ?")) {
              p.setString(1, credential);
              p.setString(2, family);
              p.executeUpdate();
            }
          }
          if (budget.changed()) {
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO budgets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                        + " (credential, family, window_name) DO UPDATE SET lim = excluded.lim,"
                        + " remaining = excluded.remaining, reset_ms = excluded.reset_ms,"
                        + " approximate = excluded.approximate, fresh = excluded.fresh, tickets"
                        + " = excluded.tickets")) {
              for (SharedBudget.Window w : budget.windows()) {
                p.setString(1, credential);
                p.setString(2, family);
                p.setString(3, w.name());
                p.setLong(4, w.limit());
                p.setLong(5, w.remaining());
                p.setLong(6, w.reset().toEpochMilli());
                p.setBoolean(7, w.approximate());
                p.setBoolean(8, w.fresh());
                p.setInt(9, w.tickets());
                p.addBatch();
              }
              p.executeBatch();
            }
          }
          if (budget.flightChange() != 0) {
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO budget_flight VALUES (?, ?, ?, GREATEST(0, ?), now() + interval '"
                        + FLIGHT_TTL
                        + "') ON CONFLICT (credential, family, worker) DO UPDATE SET in_flight ="
                        + " GREATEST(0, CASE WHEN budget_flight.expires > now() THEN"
                        + " budget_flight.in_flight ELSE 0 END + ?), expires = excluded.expires")) {
              p.setString(1, credential);
              p.setString(2, family);
              p.setString(3, worker);
              p.setInt(4, budget.flightChange());
              p.setInt(5, budget.flightChange());
              p.executeUpdate();
            }
          }
          knownBudgets.add(key);
          return result;
        });
  }

  @Override
  public List<WindowReading> budget(String credential, String family) throws StoreException {
    return List.of(); // shared budgets are read through the ledger, under its lock
  }

  @Override
  public void saveBudget(String credential, String family, List<WindowReading> windows) {
    // shared budgets are written through the ledger with every request
  }

  // ---- runs

  @Override
  public long startRun(String account, String version, Instant now) throws StoreException {
    return startRun(account, version, now, null);
  }

  @Override
  public long startRun(String account, String version, Instant now, String worker)
      throws StoreException {
    long job = job();
    return transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO runs (job, worker, started, account, version) VALUES (?, ?, ?, ?,"
                      + " ?) RETURNING id")) {
            p.setLong(1, job);
            p.setString(2, worker);
            p.setTimestamp(3, Timestamp.from(now));
            p.setString(4, account);
            p.setString(5, version);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  @Override
  public void endRun(long run, String outcome, long records, Instant now) throws StoreException {
    transaction(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE runs SET ended = ?, outcome = ?, records = ? WHERE id = ?")) {
            p.setTimestamp(1, Timestamp.from(now));
            p.setString(2, outcome);
            p.setLong(3, records);
            p.setLong(4, run);
            p.executeUpdate();
          }
          return null;
        });
  }

  // ---- status and export

  @Override
  public CollectionStatus status() throws StoreException {
    long job = job();
    return transaction(
        db -> {
          String command;
          Instant created;
          try (PreparedStatement p =
              db.prepareStatement("SELECT command, created FROM jobs WHERE id = ?")) {
            p.setLong(1, job);
            try (ResultSet r = p.executeQuery()) {
              if (!r.next()) {
                throw new StoreException(
                    Reason.NOT_OURS, where() + " is gone (replaced with --restart?)");
              }
              command = r.getString(1);
              created = r.getTimestamp(2).toInstant();
            }
          }
          TaskCounts counts;
          try (PreparedStatement p =
              db.prepareStatement("SELECT state, COUNT(*) FROM tasks WHERE job = ? GROUP BY 1")) {
            p.setLong(1, job);
            try (ResultSet r = p.executeQuery()) {
              counts = TaskCounts.of(r);
            }
          }
          Map<String, Long> records = new LinkedHashMap<>();
          for (String t : RECORD_TABLES) {
            try (PreparedStatement p =
                db.prepareStatement("SELECT COUNT(*) FROM " + t + " WHERE job = ?")) {
              p.setLong(1, job);
              try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                  records.put(t, r.getLong(1));
                }
              }
            }
          }
          List<CollectionStatus.Run> runs = new ArrayList<>();
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT started, ended, account, outcome, records, worker FROM runs WHERE job"
                      + " = ? ORDER BY id")) {
            p.setLong(1, job);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                runs.add(
                    new CollectionStatus.Run(
                        r.getTimestamp(1).toInstant(),
                        r.getTimestamp(2) == null ? null : r.getTimestamp(2).toInstant(),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getString(6)));
              }
            }
          }
          List<CollectionStatus.Budget> budgets;
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT credential, family, window_name, lim, remaining, reset_ms FROM budgets"
                          + " ORDER BY credential, family, window_name")) {
            budgets = CollectionStatus.Budget.readAll(r);
          }
          List<String> next = new ArrayList<>();
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT kind, targets::text, pages, records, last_error, state FROM tasks WHERE"
                      + " job = ? AND state IN ('pending', 'failed') ORDER BY idx LIMIT 5")) {
            p.setLong(1, job);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                String what = describe(r.getString(1), r.getString(2));
                String progress =
                    r.getLong(3) == 0
                        ? "not started"
                        : r.getLong(4) + " records in " + r.getLong(3) + " pages so far";
                next.add(
                    what
                        + ": "
                        + progress
                        + (r.getString(5) == null ? "" : " (failed: " + r.getString(5) + ")"));
              }
            }
          }
          List<CollectionStatus.Running> running = new ArrayList<>();
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT kind, targets::text, worker, pages, records, lease_expires FROM tasks"
                      + " WHERE job = ? AND state = 'running' ORDER BY idx LIMIT 1000")) {
            p.setLong(1, job);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                running.add(
                    new CollectionStatus.Running(
                        describe(r.getString(1), r.getString(2)),
                        r.getString(3),
                        r.getLong(4),
                        r.getLong(5),
                        r.getTimestamp(6).toInstant()));
              }
            }
          }
          return new CollectionStatus(
              command,
              created,
              counts.tasks(),
              counts.done(),
              counts.failed(),
              records,
              -1,
              runs,
              budgets,
              next,
              running);
        });
  }

  private static String describe(String kind, String targetsJson) throws StoreException {
    List<String> targets = new ArrayList<>();
    parse(targetsJson).forEach(n -> targets.add(n.asText()));
    TaskKind k = TaskKind.ofCommand(kind).orElse(null);
    return k == null ? kind + " " + targets : new TaskSpec(0, k, targets).describe();
  }

  /**
   * Writes the job's records ({@link OutputFormat#JSONL}: one per line with {@code __latchkey}) or
   * its pages ({@link OutputFormat#PAGES}: as twarc2 writes them), in task order and in the order
   * they arrived within each task, streaming.
   *
   * @return how many lines were written
   */
  public long export(OutputFormat format, OutputStream out) throws StoreException {
    if (format == OutputFormat.SQLITE) {
      throw new IllegalArgumentException(
          "export writes --format jsonl or pages; the records are in PostgreSQL tables already");
    }
    long job = job();
    String sql;
    if (format == OutputFormat.PAGES) {
      sql =
          "SELECT json::text, latchkey::text FROM pages WHERE job = ? ORDER BY task_idx, page,"
              + " pos";
    } else {
      StringBuilder b = new StringBuilder();
      for (String t : RECORD_TABLES) {
        if (b.length() > 0) {
          b.append(" UNION ALL ");
        }
        b.append("SELECT task_idx, page, pos, COALESCE(raw, json::text), latchkey::text FROM ")
            .append(t)
            .append(" WHERE job = ? AND json IS NOT NULL");
      }
      sql =
          "SELECT json::text, latchkey::text FROM ("
              + b.toString()
                  .replace(
                      "COALESCE(raw, json::text), latchkey::text",
                      "COALESCE(raw, json::text) json, latchkey")
              + ") u ORDER BY task_idx, page, pos";
    }
    String query = sql;
    return transaction(
        db -> {
          long lines = 0;
          ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
          try (PreparedStatement p = db.prepareStatement(query)) {
            p.setFetchSize(500);
            int params = format == OutputFormat.PAGES ? 1 : RECORD_TABLES.size();
            for (int i = 1; i <= params; i++) {
              p.setLong(i, job);
            }
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                ObjectNode json = (ObjectNode) parseAny(r.getString(1), format);
                ObjectNode latchkey = (ObjectNode) parse(r.getString(2));
                if (format == OutputFormat.PAGES) {
                  RecordLines.pageLine(json, latchkey, buffer);
                } else {
                  RecordLines.recordLine(json, latchkey, buffer);
                }
                lines++;
                if (buffer.size() > 1 << 16) {
                  out.write(buffer.toByteArray());
                  buffer.reset();
                }
              }
            }
            out.write(buffer.toByteArray());
            out.flush();
          } catch (IOException e) {
            throw new StoreException(
                Reason.WRITE_FAILED, "cannot write the export: " + e.getMessage());
          }
          return lines;
        });
  }

  private static JsonNode parseAny(String text, OutputFormat format) throws StoreException {
    JsonNode n = parse(text);
    if (format == OutputFormat.PAGES && !(n instanceof ObjectNode)) {
      ObjectNode o = JSON.createObjectNode();
      o.set("results", n);
      return o;
    }
    return n;
  }

  private static JsonNode parse(String text) throws StoreException {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new StoreException(Reason.NOT_OURS, "a damaged JSON value in the store: " + e);
    }
  }

  // ---- connections and transactions

  /** One store call's work inside a transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection db) throws SQLException, StoreException;
  }

  /**
   * Runs {@code work} in one transaction on a pooled connection; tries again at once after a
   * serialization failure or deadlock, drops the connection after a connection failure.
   */
  private <T> T transaction(Work<T> work) throws StoreException {
    for (int attempt = 1; ; attempt++) {
      Connection db = borrow();
      boolean healthy = true;
      try {
        T result = work.run(db);
        db.commit();
        return result;
      } catch (SQLException e) {
        rollback(db);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if ((state.equals("40001") || state.equals("40P01")) && attempt < 5) {
          continue;
        }
        StoreException failure = failure(e);
        healthy = failure.reason() != Reason.UNAVAILABLE;
        throw failure;
      } catch (StoreException | RuntimeException e) {
        rollback(db);
        throw e;
      } finally {
        giveBack(db, healthy);
      }
    }
  }

  private Connection borrow() throws StoreException {
    synchronized (idle) {
      if (closed) {
        throw new StoreException(Reason.UNAVAILABLE, location.describe() + " is closed");
      }
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    try {
      Connection c = DriverManager.getConnection(location.jdbcUrl(), location.properties());
      c.setAutoCommit(false);
      synchronized (idle) {
        all.add(c);
      }
      return c;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void giveBack(Connection c, boolean healthy) {
    boolean ok;
    try {
      ok = healthy && !c.isClosed();
    } catch (SQLException e) {
      ok = false;
    }
    synchronized (idle) {
      if (ok && !closed) {
        idle.addFirst(c);
        return;
      }
      all.remove(c);
    }
    quietClose(c);
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken: it is dropped
    }
  }

  private static void quietClose(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing after a failure
    }
  }

  /** A driver failure as a store failure: reason and a one-line message with the fix. */
  private StoreException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String db = location.describe();
    if (state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300")
        || state.equals("53400")
        || e.getCause() instanceof IOException) {
      return new StoreException(
          Reason.UNAVAILABLE, "the database " + db + " cannot be reached (" + first + ")");
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return new StoreException(
          Reason.ACCESS_DENIED,
          "the database "
              + db
              + " refused the login ("
              + first
              + "); give the password in --store postgresql://USER:PASSWORD@…, PGPASSWORD or"
              + " ~/.pgpass (mode 600)"
              + (location.hasPassword() ? "" : " (none was found)"));
    }
    if (state.equals("3D000")) {
      return new StoreException(
          Reason.ACCESS_DENIED,
          "there is no database "
              + location.database()
              + " at "
              + db
              + "; create it (createdb "
              + location.database()
              + ") or give another in --store");
    }
    if (state.equals("42501")) {
      return new StoreException(
          Reason.ACCESS_DENIED,
          "the database "
              + db
              + " refused a permission ("
              + first
              + "); grant the user CREATE on the database or schema, or use another");
    }
    if (state.startsWith("53")) {
      return new StoreException(
          Reason.WRITE_FAILED, "the database " + db + " is out of resources (" + first + ")");
    }
    return new StoreException(
        Reason.WRITE_FAILED, "the database " + db + " failed (" + state + ": " + first + ")");
  }

  @Override
  public void close() {
    List<Connection> open;
    synchronized (idle) {
      closed = true;
      open = new ArrayList<>(all);
      all.clear();
      idle.clear();
    }
    open.forEach(PostgresStore::quietClose);
  }

  @Override
  public String toString() {
    return "PostgresStore[" + where() + "]";
  }
}
