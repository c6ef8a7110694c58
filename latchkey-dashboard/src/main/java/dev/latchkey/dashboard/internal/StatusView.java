package dev.latchkey.dashboard.internal;

import java.util.List;

/**
 * An account's last check, as the accounts page shows it.
 *
 * @param state {@code unchecked}, {@code ok}, {@code failed} or {@code skipped}
 * @param summary one line: who, or what went wrong
 * @param lines one entry per credential checked
 * @param checkedAt when, as {@code HH:mm:ss} UTC, or null
 */
public record StatusView(String state, String summary, List<CheckLine> lines, String checkedAt) {
  public StatusView {
    lines = List.copyOf(lines);
  }

  public static StatusView unchecked() {
    return new StatusView("unchecked", "not checked yet", List.of(), null);
  }
}
