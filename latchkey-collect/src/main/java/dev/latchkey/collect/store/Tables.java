package dev.latchkey.collect.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The record tables of {@code --format sqlite}: the columns people query beside the raw JSON,
 * de-duplicated by id (the first copy kept).
 */
final class Tables {
  static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS tweets (id TEXT PRIMARY KEY, author_id TEXT, created_at TEXT,"
        + " text TEXT, lang TEXT, conversation_id TEXT, in_reply_to_user_id TEXT,"
        + " retrieved_at TEXT NOT NULL, task TEXT NOT NULL, json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT, name TEXT,"
        + " created_at TEXT, followers_count INTEGER, following_count INTEGER, tweet_count INTEGER,"
        + " protected INTEGER, verified INTEGER, retrieved_at TEXT NOT NULL, task TEXT NOT NULL,"
        + " json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS follows (source_id TEXT NOT NULL, target_id TEXT NOT NULL,"
        + " retrieved_at TEXT NOT NULL, task TEXT NOT NULL, PRIMARY KEY (source_id, target_id))",
    "CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY, blog_name TEXT, type TEXT,"
        + " timestamp INTEGER, post_url TEXT, tags TEXT, note_count INTEGER,"
        + " retrieved_at TEXT NOT NULL, task TEXT NOT NULL, json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS blogs (name TEXT PRIMARY KEY, uuid TEXT, title TEXT,"
        + " posts INTEGER, updated INTEGER, url TEXT, retrieved_at TEXT NOT NULL,"
        + " task TEXT NOT NULL, json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS errors (seq INTEGER PRIMARY KEY AUTOINCREMENT, task TEXT NOT NULL,"
        + " target TEXT, status INTEGER, code TEXT, title TEXT, message TEXT,"
        + " retrieved_at TEXT NOT NULL, json TEXT NOT NULL)",
  };

  static final String[] NAMES = {"tweets", "users", "follows", "posts", "blogs", "errors"};

  private final PreparedStatement tweet;
  private final PreparedStatement user;
  private final PreparedStatement follow;
  private final PreparedStatement post;
  private final PreparedStatement blog;
  private final PreparedStatement error;

  Tables(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
    }
    tweet =
        db.prepareStatement(
            "INSERT INTO tweets VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING");
    user =
        db.prepareStatement(
            "INSERT INTO users VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING");
    follow = db.prepareStatement("INSERT INTO follows VALUES (?,?,?,?) ON CONFLICT DO NOTHING");
    post =
        db.prepareStatement(
            "INSERT INTO posts VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING");
    blog =
        db.prepareStatement(
            "INSERT INTO blogs VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (name) DO NOTHING");
    error =
        db.prepareStatement(
            "INSERT INTO errors (task, target, status, code, title, message, retrieved_at, json)"
                + " VALUES (?,?,?,?,?,?,?,?)");
  }

  /** Inserts one record; true when it was new. */
  boolean insert(CollectedRecord r) throws SQLException {
    ObjectNode j = r.json();
    String at = r.provenance().retrievedAt().toString();
    String task = r.provenance().task();
    Object[] c = columns(r);
    PreparedStatement p =
        switch (r.type()) {
          case TWEET -> tweet;
          case USER -> user;
          case FOLLOW -> follow;
          case POST -> post;
          case BLOG -> blog;
          case ERROR -> error;
        };
    Object[] row = new Object[c.length + 3];
    if (r.type() == dev.latchkey.collect.RecordType.ERROR) {
      row[0] = task;
      System.arraycopy(c, 0, row, 1, c.length);
      row[c.length + 1] = at;
      row[c.length + 2] = j.toString();
    } else if (r.type() == dev.latchkey.collect.RecordType.FOLLOW) {
      row = new Object[] {c[0], c[1], at, task};
    } else {
      System.arraycopy(c, 0, row, 0, c.length);
      row[c.length] = at;
      row[c.length + 1] = task;
      row[c.length + 2] = j.toString();
    }
    set(p, row);
    boolean isNew = p.executeUpdate() == 1;
    String[] edge = derivedFollow(r);
    if (isNew && edge != null) {
      set(follow, edge[0], edge[1], at, task);
      follow.executeUpdate();
    }
    return isNew;
  }

  /**
   * The columns people query of a record, in its table's order before {@code retrieved_at}: for a
   * tweet id, author_id, created_at, text, lang, conversation_id, in_reply_to_user_id; a user id,
   * username, name, created_at, followers_count, following_count, tweet_count, protected, verified
   * (0/1); a follow source_id, target_id; a post id, blog_name, type, timestamp, post_url, tags
   * (JSON), note_count; a blog name, uuid, title, posts, updated, url; an error target, status,
   * code, title, message. Values are strings, longs or null. The one home of these facts for every
   * store.
   */
  static Object[] columns(CollectedRecord r) {
    ObjectNode j = r.json();
    return switch (r.type()) {
      case TWEET ->
          new Object[] {
            r.id(),
            first(j, "/author_id", "/user/id_str"),
            text(j, "/created_at"),
            first(j, "/text", "/full_text"),
            text(j, "/lang"),
            text(j, "/conversation_id"),
            first(j, "/in_reply_to_user_id", "/in_reply_to_user_id_str")
          };
      case USER ->
          new Object[] {
            r.id(),
            first(j, "/username", "/screen_name"),
            text(j, "/name"),
            text(j, "/created_at"),
            number(j, "/public_metrics/followers_count", "/followers_count"),
            number(j, "/public_metrics/following_count", "/friends_count"),
            number(j, "/public_metrics/tweet_count", "/statuses_count"),
            bool(j, "/protected"),
            bool(j, "/verified")
          };
      case FOLLOW -> new Object[] {text(j, "/source_id"), text(j, "/target_id")};
      case POST -> {
        JsonNode tags = j.get("tags");
        yield new Object[] {
          r.id(),
          text(j, "/blog_name"),
          text(j, "/type"),
          number(j, "/timestamp"),
          text(j, "/post_url"),
          tags == null ? null : tags.toString(),
          number(j, "/note_count")
        };
      }
      case BLOG ->
          new Object[] {
            r.id(),
            text(j, "/uuid"),
            text(j, "/title"),
            number(j, "/posts"),
            number(j, "/updated"),
            text(j, "/url")
          };
      case ERROR ->
          new Object[] {
            text(j, "/error/target"),
            number(j, "/error/status"),
            text(j, "/error/code"),
            text(j, "/error/title"),
            text(j, "/error/message")
          };
    };
  }

  /**
   * The follow edge a follower's or followee's profile implies ({@code {source_id, target_id}}), or
   * null.
   */
  static String[] derivedFollow(CollectedRecord r) {
    if (r.provenance().relation() == null || r.type() != dev.latchkey.collect.RecordType.USER) {
      return null;
    }
    boolean follower = r.provenance().relation().equals("follower");
    String subject = r.provenance().subjectId();
    return follower ? new String[] {r.id(), subject} : new String[] {subject, r.id()};
  }

  private static void set(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        s.setNull(i + 1, Types.NULL);
      } else if (v instanceof Long l) {
        s.setLong(i + 1, l);
      } else {
        s.setString(i + 1, v.toString());
      }
    }
  }

  private static String text(JsonNode j, String pointer) {
    JsonNode n = j.at(pointer);
    return n.isMissingNode() || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static String first(JsonNode j, String... pointers) {
    for (String p : pointers) {
      String t = text(j, p);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static Long number(JsonNode j, String... pointers) {
    for (String p : pointers) {
      JsonNode n = j.at(p);
      if (n.canConvertToLong()) {
        return n.asLong();
      }
    }
    return null;
  }

  private static Long bool(JsonNode j, String pointer) {
    JsonNode n = j.at(pointer);
    return n.isBoolean() ? (n.asBoolean() ? 1L : 0L) : null;
  }
}
