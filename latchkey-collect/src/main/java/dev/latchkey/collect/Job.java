package dev.latchkey.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a collection collects: a task kind, its targets and options. The same job run again into the
 * same output resumes; a different job is refused (see {@link #fingerprint()}).
 *
 * @param kind what to collect
 * @param targets users (screen names or ids), a query, tweet ids, stream rules, blogs or a tag
 * @param options api version, limit, bounds
 */
public record Job(TaskKind kind, List<String> targets, JobOptions options) {
  /** Ids per lookup call (X's users and tweets lookups). */
  public static final int LOOKUP_BATCH = 100;

  /** The longest target accepted (X's queries go to 4,096 characters at most). */
  public static final int MAX_TARGET = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  public Job {
    Objects.requireNonNull(kind, "kind");
    targets = List.copyOf(targets);
    options = options == null ? JobOptions.defaults() : options;
    for (String t : targets) {
      if (t.isBlank() || t.length() > MAX_TARGET) {
        throw new IllegalArgumentException(
            kind.command()
                + " got an empty or over-long argument (at most "
                + MAX_TARGET
                + " characters)");
      }
    }
    boolean none = kind.targets() == TaskKind.Targets.NONE;
    if (none && !targets.isEmpty()) {
      throw new IllegalArgumentException(kind.command() + " takes no arguments");
    }
    if (!none && targets.isEmpty()) {
      throw new IllegalArgumentException(kind.command() + " needs at least one argument");
    }
    if (kind.targets() == TaskKind.Targets.QUERY && targets.size() > 1) {
      throw new IllegalArgumentException(
          "search takes one query; quote it: latchkey collect search \"cats OR dogs\"");
    }
  }

  /** The tasks: one per user, query, blog or tag; lookups in batches of {@value #LOOKUP_BATCH}. */
  public List<TaskSpec> tasks() {
    List<TaskSpec> out = new ArrayList<>();
    if (kind.targets() == TaskKind.Targets.NONE || kind.targets() == TaskKind.Targets.RULES) {
      out.add(new TaskSpec(0, kind, targets));
      return out;
    }
    if (kind.isLookup()) {
      // Screen names and ids go to different lookup parameters: batch each kind on its own.
      List<String> names = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (String t : targets) {
        (isId(t) ? ids : names).add(t);
      }
      for (List<String> group : List.of(names, ids)) {
        for (int i = 0; i < group.size(); i += LOOKUP_BATCH) {
          out.add(
              new TaskSpec(
                  out.size(), kind, group.subList(i, Math.min(group.size(), i + LOOKUP_BATCH))));
        }
      }
      return out;
    }
    for (String t : targets) {
      out.add(new TaskSpec(out.size(), kind, List.of(t)));
    }
    return out;
  }

  /** Whether a user argument is an id (digits) rather than a screen name. */
  public static boolean isId(String user) {
    return user.matches("[0-9]{1,20}");
  }

  /** Whether a user argument is a screen name X accepts ({@code ^[A-Za-z0-9_]{1,15}$}). */
  public static boolean isScreenName(String user) {
    return user.matches("[A-Za-z0-9_]{1,15}");
  }

  /** A user argument without a leading {@code @}. */
  public static String normalizeUser(String user) {
    String u = user.strip();
    return u.startsWith("@") ? u.substring(1) : u;
  }

  /** The job as canonical JSON: what makes two runs the same collection. */
  public ObjectNode canonical() {
    ObjectNode o = JSON.createObjectNode();
    o.put("task", kind.command());
    ArrayNode t = o.putArray("targets");
    targets.forEach(t::add);
    if (kind.platform().equals("twitter")) {
      o.put("api", options.api().label());
    }
    if (options.limit() != null) {
      o.put("limit", options.limit());
    }
    if (options.since() != null) {
      o.put("since", options.since().toString());
    }
    if (options.until() != null) {
      o.put("until", options.until().toString());
    }
    if (options.archive()) {
      o.put("archive", true);
    }
    if (options.npf()) {
      o.put("npf", true);
    }
    return o;
  }

  /** SHA-256 of {@link #canonical()}, hex. */
  public String fingerprint() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The command that runs this job, for messages: {@code timeline ada brook --limit 100}. */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.command().replace("stream-", "stream "));
    int shown = 0;
    for (String t : targets) {
      if (shown++ == 3) {
        b.append(" … (").append(targets.size()).append(" in all)");
        break;
      }
      b.append(' ').append(t.matches("[A-Za-z0-9_@.:-]+") ? t : '"' + t + '"');
    }
    if (kind.platform().equals("twitter") && options.api() == Api.V1_1) {
      b.append(" --api 1.1");
    }
    if (options.limit() != null) {
      b.append(" --limit ").append(options.limit());
    }
    if (options.since() != null) {
      b.append(" --since ").append(options.since());
    }
    if (options.until() != null) {
      b.append(" --until ").append(options.until());
    }
    if (options.archive()) {
      b.append(" --archive");
    }
    if (options.npf()) {
      b.append(" --npf");
    }
    return b.toString();
  }
}
