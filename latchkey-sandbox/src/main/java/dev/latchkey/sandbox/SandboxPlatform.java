package dev.latchkey.sandbox;

import java.util.List;
import java.util.Locale;

/**
 * A platform the sandbox emulates: its path prefix on the sandbox and the real origins a client may
 * have signed its requests for (protocol-facts §I.1).
 */
public enum SandboxPlatform {
  /** Twitter / X: API v1.1 and v2, OAuth 1.0a on {@code /twitter/oauth/*}. */
  TWITTER("twitter", "X (Twitter)", List.of("https://api.twitter.com", "https://api.x.com")),
  /** Tumblr: API v2, OAuth 1.0a on {@code /tumblr/oauth/*}. */
  TUMBLR("tumblr", "Tumblr", List.of("https://api.tumblr.com", "https://www.tumblr.com"));

  private final String id;
  private final String displayName;
  private final List<String> realOrigins;

  SandboxPlatform(String id, String displayName, List<String> realOrigins) {
    this.id = id;
    this.displayName = displayName;
    this.realOrigins = realOrigins;
  }

  /** How people name the platform: {@code X (Twitter)}, {@code Tumblr}. */
  public String displayName() {
    return displayName;
  }

  /** The lower-case name used in paths, JSON and the CLI ({@code twitter}, {@code tumblr}). */
  public String id() {
    return id;
  }

  /** The path prefix under the sandbox's base URI, e.g. {@code /twitter}. */
  public String pathPrefix() {
    return "/" + id;
  }

  /** The real API origins whose signatures the sandbox also accepts, in the order tried. */
  public List<String> realOrigins() {
    return realOrigins;
  }

  /** Every platform's id, comma-separated: {@code twitter, tumblr}. */
  public static String ids() {
    StringBuilder out = new StringBuilder();
    for (SandboxPlatform p : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(p.id);
    }
    return out.toString();
  }

  /** Parses {@link #id()} case-insensitively. */
  public static SandboxPlatform fromId(String id) {
    for (SandboxPlatform p : values()) {
      if (p.id.equals(id == null ? "" : id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown platform '" + id + "'; use one of " + ids());
  }
}
