package dev.latchkey.platform;

import java.util.Objects;

/**
 * How an endpoint's pages turn, as data a collector reads: what to send for the next page, where
 * the answer says what that is, where the items are, and how many a page may hold. Pointers are
 * JSON Pointers (RFC 6901); {@code ""} is the whole body (a top-level array).
 *
 * @param style the way the next page is asked for
 * @param parameter the request parameter that asks for the next page ({@code pagination_token},
 *     {@code next_token}, {@code cursor}, {@code max_id}, {@code offset}, {@code before}), or null
 * @param nextPointer for {@link Style#NEXT_TOKEN} and {@link Style#CURSOR}: where the answer keeps
 *     the next value ({@code /meta/next_token}, {@code /next_cursor_str}); for {@link Style#MAX_ID}
 *     and {@link Style#BEFORE}: where each item keeps the value to continue from ({@code /id_str},
 *     {@code /timestamp}); null otherwise
 * @param itemsPointer where the page's items are ({@code /data}, {@code /statuses}, {@code ""})
 * @param pageSizeParameter the parameter for the page size ({@code max_results}, {@code count},
 *     {@code limit}), or null when there is none
 * @param maxPageSize the largest page size the platform allows (0 when there is no parameter)
 * @param minPageSize the smallest page size it allows (X refuses {@code max_results} below 5 on
 *     timelines and below 10 on search); 0 when there is no parameter
 */
public record Pagination(
    Style style,
    String parameter,
    String nextPointer,
    String itemsPointer,
    String pageSizeParameter,
    int maxPageSize,
    int minPageSize) {

  /** The ways platforms turn pages. */
  public enum Style {
    /** One answer holds everything (lookups). */
    NONE,
    /** An opaque token from the answer is sent back (X v2: {@code meta.next_token}). */
    NEXT_TOKEN,
    /**
     * A cursor from the answer is sent back, starting at {@code -1}; {@code 0} means the end (X
     * v1.1 followers and friends: {@code next_cursor_str}).
     */
    CURSOR,
    /**
     * {@code max_id} is inclusive: the next page asks for the smallest id seen minus one (X v1.1
     * timelines and search).
     */
    MAX_ID,
    /** An item count from the start (Tumblr's {@code offset}). */
    OFFSET,
    /** Items older than a timestamp taken from the last item (Tumblr's {@code before}). */
    BEFORE,
    /** One long response of newline-delimited JSON, not pages (X's streams). */
    STREAM
  }

  public Pagination {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(itemsPointer, "itemsPointer");
    if (style != Style.NONE && style != Style.STREAM && parameter == null) {
      throw new IllegalArgumentException(style + " pagination needs its request parameter");
    }
    if (maxPageSize < 0 || (pageSizeParameter == null) != (maxPageSize == 0)) {
      throw new IllegalArgumentException("a page size parameter needs its maximum, and only then");
    }
    if ((pageSizeParameter == null) != (minPageSize == 0) || minPageSize > maxPageSize) {
      throw new IllegalArgumentException(
          "a page size parameter needs a minimum from 1 to its maximum, and only then");
    }
  }

  /** Pages whose size parameter takes anything from 1 to {@code maxPageSize}. */
  public Pagination(
      Style style,
      String parameter,
      String nextPointer,
      String itemsPointer,
      String pageSizeParameter,
      int maxPageSize) {
    this(
        style,
        parameter,
        nextPointer,
        itemsPointer,
        pageSizeParameter,
        maxPageSize,
        pageSizeParameter == null ? 0 : 1);
  }

  /** These pages with a smallest page size above 1. */
  public Pagination withMinPageSize(int min) {
    return new Pagination(
        style, parameter, nextPointer, itemsPointer, pageSizeParameter, maxPageSize, min);
  }

  /** Everything in one answer. */
  public static Pagination none(String itemsPointer) {
    return new Pagination(Style.NONE, null, null, itemsPointer, null, 0);
  }

  /** X v2: send {@code parameter} with {@code meta.next_token}'s value. */
  public static Pagination nextToken(String parameter, String pageSize, int max) {
    return new Pagination(Style.NEXT_TOKEN, parameter, "/meta/next_token", "/data", pageSize, max);
  }

  /**
   * X v1.1 followers and friends: {@code cursor} from -1, {@code next_cursor_str}, 0 at the end.
   */
  public static Pagination cursor(String itemsPointer, int max) {
    return new Pagination(Style.CURSOR, "cursor", "/next_cursor_str", itemsPointer, "count", max);
  }

  /** X v1.1 timelines and search: {@code max_id} = the smallest {@code id_str} minus one. */
  public static Pagination maxId(String itemsPointer, int max) {
    return new Pagination(Style.MAX_ID, "max_id", "/id_str", itemsPointer, "count", max);
  }

  /** Tumblr: {@code offset} = items seen so far. */
  public static Pagination offset(String itemsPointer, int max) {
    return new Pagination(Style.OFFSET, "offset", null, itemsPointer, "limit", max);
  }

  /** Tumblr's tags: {@code before} = the last item's {@code timestamp}. */
  public static Pagination before(String itemsPointer, String timestampPointer, int max) {
    return new Pagination(Style.BEFORE, "before", timestampPointer, itemsPointer, "limit", max);
  }

  /** A stream of newline-delimited JSON objects. */
  public static Pagination stream() {
    return new Pagination(Style.STREAM, null, null, "/data", null, 0);
  }

  /** True when there is more than one page to turn. */
  public boolean turns() {
    return style != Style.NONE && style != Style.STREAM;
  }
}
