package dev.latchkey.sandbox.internal.tumblr;

import dev.latchkey.sandbox.internal.data.Mix;
import dev.latchkey.sandbox.internal.data.Posted;
import dev.latchkey.sandbox.internal.data.Ref;
import dev.latchkey.sandbox.internal.data.Rng;
import dev.latchkey.sandbox.internal.data.Words;
import dev.latchkey.sandbox.internal.data.World;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The posts of the seeded blogs, computed from (blog, item) on demand, in every legacy type: text,
 * photo, quote, link, chat, audio, video and answer, each with up to four tags.
 */
final class Posts {
  private static final String[] WEIGHTED_TYPES = {
    "text", "text", "text", "text", "text", "text", "text", "photo", "photo", "photo", "photo",
    "photo", "quote", "quote", "link", "link", "chat", "audio", "video", "answer"
  };

  private final World world;
  private final long seed;

  Posts(World world, long seed) {
    this.world = world;
    this.seed = seed;
  }

  World world() {
    return world;
  }

  /** The legacy type of seeded post {@code k} of blog {@code b}, from one hash. */
  String typeOf(int b, int k) {
    return WEIGHTED_TYPES[Mix.below(Mix.hash(seed, 61, b, k), WEIGHTED_TYPES.length)];
  }

  Post post(Ref ref) {
    if (ref.isPosted()) {
      return posted(ref);
    }
    int b = ref.user();
    int k = ref.k();
    Rng r = new Rng(Mix.hash(seed, 62, b, k));
    String type = typeOf(b, k);
    String sentence = sentence(r, 5, 18);
    String title =
        r.chance(0.5) ? capitalize(r.pick(Words.VOCAB)) + " " + r.pick(Words.VOCAB) : null;
    Set<String> tags = new LinkedHashSet<>();
    int tagCount = r.nextInt(5);
    for (int i = 0; i < tagCount; i++) {
      tags.add(r.pick(Words.HASHTAGS));
    }
    if (r.chance(0.3)) {
      tags.add("sandbox");
    }
    String source = null;
    String url = null;
    List<String[]> dialogue = List.of();
    String asking = null;
    switch (type) {
      case "quote" ->
          source =
              Words.FIRST_NAMES[r.nextInt(Words.FIRST_NAMES.length)]
                  + " "
                  + Words.LAST_NAMES[r.nextInt(Words.LAST_NAMES.length)];
      case "link" -> {
        String site = r.pick(Words.SITES);
        url = "https://" + site + "/" + r.pick(Words.VOCAB) + "-" + r.pick(Words.VOCAB);
        source = site;
        title = capitalize(r.pick(Words.VOCAB)) + " and " + r.pick(Words.VOCAB);
      }
      case "chat" -> {
        List<String[]> lines = new ArrayList<>();
        String a = r.pick(Words.FIRST_NAMES);
        String c = r.pick(Words.FIRST_NAMES);
        int n = r.between(2, 6);
        for (int i = 0; i < n; i++) {
          String who = i % 2 == 0 ? a : c;
          lines.add(new String[] {who, who + ":", sentence(r, 3, 9)});
        }
        dialogue = lines;
      }
      case "audio" ->
          url =
              "https://soundcloud.example/"
                  + world.people().screenName(b)
                  + "/"
                  + r.chars("abcdefghij", 8);
      case "video" ->
          url =
              "https://www.youtube.com/watch?v="
                  + r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 11);
      case "photo" ->
          url =
              "https://64.media.tumblr.com/"
                  + Long.toHexString(Mix.hash(seed, 63, b, k))
                  + "/tumblr_"
                  + r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 19)
                  + "_1280.jpg";
      case "answer" -> {
        int asker = Mix.below(Mix.hash(seed, 64, b, k), world.size());
        asking = world.people().screenName(asker);
        title = capitalize(sentence(r, 4, 10)) + "?";
      }
      default -> {}
    }
    double u = Math.pow(r.nextDouble(), 3);
    int notes = (int) (u * (b == world.graph().popular() ? 20_000 : 300));
    return new Post(
        ref,
        b,
        world.timelines().createdMs(b, k),
        type,
        title,
        capitalize(sentence) + ".",
        source,
        url,
        List.copyOf(tags),
        dialogue,
        asking,
        notes);
  }

  private Post posted(Ref ref) {
    Posted p = ref.posted();
    PostedPost details =
        p.content() instanceof PostedPost d
            ? d
            : new PostedPost("text", null, List.of(), null, null);
    return new Post(
        ref,
        p.user(),
        p.createdMs(),
        details.type(),
        details.title(),
        p.text(),
        details.source(),
        details.url(),
        details.tags(),
        List.of(),
        null,
        0);
  }

  private static String sentence(Rng r, int min, int max) {
    int n = r.between(min, max);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(r.pick(Words.VOCAB));
    }
    return s.toString();
  }

  static String capitalize(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }
}
