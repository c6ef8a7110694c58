package dev.latchkey.collect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The collections Latchkey knows, named as researchers know them from twarc2 and MassMine. */
public enum TaskKind {
  /** A user's tweets, newest first (v2 {@code /2/users/:id/tweets}, v1.1 {@code user_timeline}). */
  TIMELINE("timeline", "twitter", Targets.USERS),
  /** Tweets mentioning a user (v2 {@code /2/users/:id/mentions}). */
  MENTIONS("mentions", "twitter", Targets.USERS),
  /** Recent search (v2 {@code /2/tweets/search/recent}, or full archive; v1.1 search/tweets). */
  SEARCH("search", "twitter", Targets.QUERY),
  /** Profiles, 100 per lookup call. */
  USERS("users", "twitter", Targets.USERS),
  /** Who follows a user. */
  FOLLOWERS("followers", "twitter", Targets.USERS),
  /** Whom a user follows. */
  FOLLOWING("following", "twitter", Targets.USERS),
  /** Tweets by id (hydration), 100 per lookup call. */
  TWEETS("tweets", "twitter", Targets.IDS),
  /** The v2 1% sampled stream. */
  STREAM_SAMPLE("stream-sample", "twitter", Targets.NONE),
  /** The v2 filtered stream, with the given rules. */
  STREAM_FILTER("stream-filter", "twitter", Targets.RULES),
  /** Every post of a Tumblr blog (legacy or NPF). */
  TUMBLR_POSTS("tumblr-posts", "tumblr", Targets.BLOGS),
  /** Tumblr blogs' info. */
  TUMBLR_BLOG("tumblr-blog", "tumblr", Targets.BLOGS),
  /** Tumblr posts with a tag. */
  TUMBLR_TAG("tumblr-tag", "tumblr", Targets.TAGS),
  /** Posts a Tumblr blog liked (when its likes are public). */
  TUMBLR_LIKES("tumblr-likes", "tumblr", Targets.BLOGS);

  /** What a task's arguments are. */
  public enum Targets {
    USERS,
    QUERY,
    IDS,
    NONE,
    RULES,
    BLOGS,
    TAGS
  }

  private final String command;
  private final String platform;
  private final Targets targets;

  TaskKind(String command, String platform, Targets targets) {
    this.command = command;
    this.platform = platform;
    this.targets = targets;
  }

  /**
   * The name on the command line ({@code timeline}, {@code tumblr-posts}, {@code stream-sample}).
   */
  public String command() {
    return command;
  }

  /** The platform it collects from ({@code twitter}, {@code tumblr}). */
  public String platform() {
    return platform;
  }

  /** What its arguments are. */
  public Targets targets() {
    return targets;
  }

  /** Whether one request serves many targets (lookups of 100 at a time). */
  public boolean isLookup() {
    return this == USERS || this == TWEETS;
  }

  /** Whether it is a long-lived stream rather than pages. */
  public boolean isStream() {
    return this == STREAM_SAMPLE || this == STREAM_FILTER;
  }

  /** The kind named {@code command} on the command line. */
  public static Optional<TaskKind> ofCommand(String command) {
    String c = command == null ? "" : command.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.command.equals(c)).findFirst();
  }
}
