package dev.latchkey.collect.internal;

/** How an endpoint's pages turn (collection-notes "Pagination"). */
public enum Paging {
  /** One call, no pages. */
  NONE,
  /** v2 {@code meta.next_token}, sent back as {@code pagination_token} or {@code next_token}. */
  NEXT_TOKEN,
  /** v1.1 {@code cursor} from -1, {@code next_cursor_str}, 0 at the end. */
  CURSOR,
  /** v1.1 {@code max_id} (inclusive): the next page asks for {@code min(id) - 1}. */
  MAX_ID,
  /** Tumblr {@code offset}, advanced by the posts received. */
  OFFSET,
  /** Tumblr {@code before} (a timestamp), set to the oldest item's time. */
  BEFORE
}
