package dev.latchkey.sandbox.internal;

import java.time.Instant;
import java.util.List;

/** A tweet or a Tumblr text post. */
public record Item(
    long id, long userId, String title, String text, Instant createdAt, List<String> tags) {
  public Item {
    tags = List.copyOf(tags);
  }
}
