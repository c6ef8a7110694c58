package dev.latchkey.collect;

/**
 * Where a running collection stands.
 *
 * @param tasks tasks in the job
 * @param tasksDone tasks finished, in this run and before
 * @param records records kept in this run (after de-duplication, errors excluded)
 * @param pages pages received in this run
 * @param errors error records in this run
 * @param task the task that just got a page
 * @param family the endpoint family it called
 * @param limitLeft requests left in that family's tightest window, or -1 when unknown
 * @param limit that window's limit, or -1
 */
public record Progress(
    long tasks,
    long tasksDone,
    long records,
    long pages,
    long errors,
    String task,
    String family,
    long limitLeft,
    long limit) {}
