package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.internal.data.Ref;
import java.util.List;

/**
 * One Tumblr post as both forms render it: its legacy type and the parts that type needs, its tags.
 * Made by {@link Posts}, never stored.
 */
record Post(
    Ref ref,
    int blog,
    long createdMs,
    String type,
    String title,
    String text,
    String source,
    String url,
    List<String> tags,
    List<String[]> dialogue,
    String asking,
    int notes) {

  /** Tumblr's legacy post types (the {@code type} parameter of {@code /posts}). */
  static final List<String> TYPES =
      List.of("text", "quote", "link", "answer", "video", "audio", "photo", "chat");

  long id() {
    return ref.id();
  }
}
