package dev.latchkey.collect;

/** What a collected record is; each has its table in SQLite output. */
public enum RecordType {
  /** A tweet (v2 or v1.1 shape, as the platform sent it). */
  TWEET("tweets"),
  /** An X user profile. */
  USER("users"),
  /** A follow edge: {@code source_id} follows {@code target_id}. */
  FOLLOW("follows"),
  /** A Tumblr post. */
  POST("posts"),
  /** A Tumblr blog's info. */
  BLOG("blogs"),
  /** What could not be collected (unknown user, protected, suspended, deleted tweet). */
  ERROR("errors");

  private final String table;

  RecordType(String table) {
    this.table = table;
  }

  /** The SQLite/PostgreSQL table of this kind of record. */
  public String table() {
    return table;
  }
}
