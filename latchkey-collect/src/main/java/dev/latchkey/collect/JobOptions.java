package dev.latchkey.collect;

/**
 * How a collection runs, beyond what it collects.
 *
 * @param api X API version ({@link Api#V2} unless {@code --api 1.1})
 * @param limit at most this many records per task (per user, query, blog), or null for all
 * @param since only items after this id or time, or null
 * @param until only items before this id or time, or null
 * @param archive full-archive search instead of recent (needs access that allows it)
 * @param npf Tumblr posts in the Neue Post Format instead of legacy
 */
public record JobOptions(
    Api api, Long limit, Bound since, Bound until, boolean archive, boolean npf) {
  public JobOptions {
    if (api == null) {
      api = Api.V2;
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
    }
  }

  /** Every default: API v2, no limit, no bounds. */
  public static JobOptions defaults() {
    return new JobOptions(Api.V2, null, null, null, false, false);
  }
}
