package dev.latchkey.sandbox.internal.tumblr;

import java.util.List;

/** What a post created at run time says beyond its text. */
record PostedPost(String type, String title, List<String> tags, String source, String url) {
  PostedPost {
    tags = List.copyOf(tags);
  }
}
