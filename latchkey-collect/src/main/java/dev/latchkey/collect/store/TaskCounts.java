package dev.latchkey.collect.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How many tasks a collection has, done and failed, from rows of {@code (state, count)}: both
 * stores keep task states the same way.
 */
record TaskCounts(long tasks, long done, long failed) {

  static TaskCounts of(ResultSet stateCounts) throws SQLException {
    long tasks = 0;
    long done = 0;
    long failed = 0;
    while (stateCounts.next()) {
      long n = stateCounts.getLong(2);
      tasks += n;
      switch (stateCounts.getString(1)) {
        case "done" -> done = n;
        case "failed" -> failed = n;
        default -> {}
      }
    }
    return new TaskCounts(tasks, done, failed);
  }
}
