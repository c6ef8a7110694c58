package dev.latchkey.collect.store;

import dev.latchkey.collect.TaskSpec;
import java.time.Instant;

/**
 * A task claimed by one worker until {@code expires}; another worker may take it over after that
 * (issue 11), continuing from {@code checkpoint}.
 *
 * @param task the task
 * @param checkpoint where it stands
 * @param worker who holds it
 * @param expires when the claim lapses unless renewed (each commit renews it)
 */
public record Lease(TaskSpec task, Checkpoint checkpoint, String worker, Instant expires) {}
