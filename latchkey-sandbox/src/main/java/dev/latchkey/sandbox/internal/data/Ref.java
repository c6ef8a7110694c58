package dev.latchkey.sandbox.internal.data;

/**
 * A reference to one item: seeded item {@code k} of user {@code user}, or an item created at run
 * time ({@code posted} not null).
 */
public record Ref(long id, int user, int k, Posted posted) {
  public static Ref seeded(long id, int user, int k) {
    return new Ref(id, user, k, null);
  }

  public static Ref of(Posted p) {
    return new Ref(p.id(), p.user(), Integer.MIN_VALUE, p);
  }

  public boolean isPosted() {
    return posted != null;
  }
}
