package dev.latchkey.collect;

import java.time.Instant;

/**
 * Where a record came from: written beside it as the {@code __latchkey} key. Never holds a secret:
 * the URL is the one Latchkey built, before any credential was added.
 *
 * @param url the request URL
 * @param retrievedAt when the answer arrived
 * @param account the account used ({@code twitter/ada})
 * @param version the Latchkey version
 * @param task the task that collected it ({@code timeline ada})
 * @param relation how the record relates to the task's subject ({@code follower}, {@code
 *     following}), or null
 * @param subjectId the task's subject (the user whose followers these are), or null
 */
public record Provenance(
    String url,
    Instant retrievedAt,
    String account,
    String version,
    String task,
    String relation,
    String subjectId) {}
