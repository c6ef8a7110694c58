package dev.latchkey.sandbox.internal;

import java.util.List;

/** A registered app (OAuth 1.0a client credentials, RFC 5849 §1.1). */
public record App(
    String consumerKey,
    String consumerSecret,
    String name,
    AccessLevel access,
    List<String> callbackUrls,
    long ownerId) {

  public App {
    callbackUrls = List.copyOf(callbackUrls);
  }

  @Override
  public String toString() {
    return "App[" + name + ", " + access.header() + "]";
  }
}
