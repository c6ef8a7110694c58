package dev.latchkey.collect.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a collection holds and what is left, for {@code latchkey collect status}.
 *
 * @param job the command that runs it ({@code timeline ada --limit 100})
 * @param created when it started
 * @param tasks how many tasks it has
 * @param done how many finished
 * @param failed how many stopped on an error in their last run (they resume)
 * @param records records kept, by table
 * @param outputBytes bytes of JSONL or pages written, or -1 for SQLite
 * @param runs the runs so far, oldest first
 * @param budgets the last known rate-limit windows per credential and family
 * @param nextTasks a few unfinished tasks with their progress
 * @param running tasks workers hold right now (a shared store; empty otherwise)
 */
public record CollectionStatus(
    String job,
    Instant created,
    long tasks,
    long done,
    long failed,
    Map<String, Long> records,
    long outputBytes,
    List<Run> runs,
    List<Budget> budgets,
    List<String> nextTasks,
    List<Running> running) {

  /** A status without running tasks (a store one process uses). */
  public CollectionStatus(
      String job,
      Instant created,
      long tasks,
      long done,
      long failed,
      Map<String, Long> records,
      long outputBytes,
      List<Run> runs,
      List<Budget> budgets,
      List<String> nextTasks) {
    this(
        job,
        created,
        tasks,
        done,
        failed,
        records,
        outputBytes,
        runs,
        budgets,
        nextTasks,
        List.of());
  }

  /**
   * A task a worker holds.
   *
   * @param task the task ({@code timeline nasa})
   * @param worker who holds it ({@code lab-2:4411:7f3a})
   * @param pages pages committed so far
   * @param records records so far
   * @param leaseExpires when its lease lapses unless renewed
   */
  public record Running(
      String task, String worker, long pages, long records, Instant leaseExpires) {}

  /**
   * One run of the collection.
   *
   * @param started when it started
   * @param ended when it ended, or null when it was killed
   * @param account the account it used
   * @param outcome {@code finished}, {@code interrupted}, {@code failed: ...}, or null if killed
   * @param records records it kept
   * @param worker which worker ran it (a shared store), or null
   */
  public record Run(
      Instant started, Instant ended, String account, String outcome, long records, String worker) {
    /** A run of a store one process uses. */
    public Run(Instant started, Instant ended, String account, String outcome, long records) {
      this(started, ended, account, outcome, records, null);
    }
  }

  /**
   * A rate-limit window as last seen.
   *
   * @param credential which credential ({@code twitter/ada app-only})
   * @param family the endpoint family
   * @param window which window
   * @param limit its limit
   * @param remaining what was left
   * @param reset when it resets
   */
  public record Budget(
      String credential, String family, String window, long limit, long remaining, Instant reset) {

    /**
     * The budgets in {@code rows}: credential, family, window, limit, remaining and reset (epoch
     * milliseconds), in that order, as both stores keep them.
     */
    static List<Budget> readAll(java.sql.ResultSet rows) throws java.sql.SQLException {
      List<Budget> out = new java.util.ArrayList<>();
      while (rows.next()) {
        out.add(
            new Budget(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getLong(4),
                rows.getLong(5),
                Instant.ofEpochMilli(rows.getLong(6))));
      }
      return out;
    }
  }
}
