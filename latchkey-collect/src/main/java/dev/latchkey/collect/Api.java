package dev.latchkey.collect;

/** Which version of X's API a collection uses; Tumblr has one. */
public enum Api {
  /** X API v2 (the default): {@code next_token} pages, problem-details errors. */
  V2,
  /** X API v1.1: {@code max_id} and {@code cursor} pages. */
  V1_1;

  /** As written on the command line: {@code 2} or {@code 1.1}. */
  public String label() {
    return this == V2 ? "2" : "1.1";
  }

  /** Parses {@code 2} or {@code 1.1}. */
  public static Api parse(String text) {
    return switch (text == null ? "" : text.strip()) {
      case "2", "v2" -> V2;
      case "1.1", "v1.1" -> V1_1;
      default -> throw new IllegalArgumentException("--api takes 2 or 1.1, not '" + text + "'");
    };
  }
}
