package dev.latchkey.collect;

import java.util.List;

/**
 * One unit of a job, checkpointed on its own: one user's timeline, one query, one blog, or up to
 * 100 ids of a lookup.
 *
 * @param index its place in the job (0, 1, ...)
 * @param kind what it collects
 * @param targets its user(s), query, ids, rules, blog or tag
 */
public record TaskSpec(int index, TaskKind kind, List<String> targets) {
  public TaskSpec {
    targets = List.copyOf(targets);
  }

  /** For people: {@code timeline ada}, {@code users (100 names from ada)}. */
  public String describe() {
    if (targets.isEmpty()) {
      return kind.command();
    }
    if (targets.size() == 1) {
      return kind.command() + " " + targets.get(0);
    }
    return kind.command() + " (" + targets.size() + " from " + targets.get(0) + ")";
  }
}
