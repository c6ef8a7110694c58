package dev.latchkey.dashboard.internal;

/**
 * One collection as the Collections page shows it: what {@code latchkey collect status} shows
 * (tasks done, failed and left, records by table, runs), and while it runs its live progress and
 * current wait.
 *
 * @param anchor the HTML id of its section
 * @param id its id in the directory of collections
 * @param job the command ({@code timeline ada --limit 100})
 * @param output where its records go
 * @param state {@code running}, {@code waiting}, {@code finished}, {@code unfinished}, {@code
 *     interrupted}, {@code failed} or {@code stopped} (the process ended without saying how)
 * @param stateText the state in words
 * @param tasks tasks in the job
 * @param done tasks finished
 * @param running tasks being collected now
 * @param failed tasks that stopped on an error
 * @param left tasks not finished
 * @param records records kept, in words ({@code 1,200 tweets, 30 users} or {@code 1,200 records})
 * @param thisRun what the current or last run did, in words
 * @param lastTask the task that got the last page, or null
 * @param limit the rate-limit window last seen, in words, or null
 * @param waitReason why it waits, or null
 * @param waitSeconds seconds left in the wait, or -1
 * @param waitUntil when the wait ends (UTC), or null
 * @param notice the last notice, or null
 * @param runs the runs so far, in words, or null
 * @param updated when it last reported (UTC)
 * @param canForget whether it may be taken off the list (it does not run)
 */
public record CollectionRow(
    String anchor,
    String id,
    String job,
    String output,
    String state,
    String stateText,
    long tasks,
    long done,
    long running,
    long failed,
    long left,
    String records,
    String thisRun,
    String lastTask,
    String limit,
    String waitReason,
    long waitSeconds,
    String waitUntil,
    String notice,
    String runs,
    String updated,
    boolean canForget) {

  /** The path its forget form posts to. */
  public String forgetPath() {
    return "/collections/" + id + "/forget";
  }
}
