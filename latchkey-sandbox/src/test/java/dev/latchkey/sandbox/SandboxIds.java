package dev.latchkey.sandbox;

import java.net.URI;
import java.util.Map;

/** Ids and tokens tests need: read from {@code GET /sandbox/}, or made with the PIN flow. */
final class SandboxIds {
  private SandboxIds() {}

  /** A value the index page shows in {@code <code id="…">}. */
  static String fromIndex(Sandbox sandbox, String elementId) {
    String page = Api.get(URI.create(sandbox.baseUri() + "/sandbox/")).body();
    String marker = "id=\"" + elementId + "\">";
    int at = page.indexOf(marker);
    if (at < 0) {
      throw new AssertionError("no " + elementId + " on the index page");
    }
    at += marker.length();
    return page.substring(at, page.indexOf('<', at));
  }

  /** The newest tweet of a named user: for protected and suspended users, from the index page. */
  static long newestTweet(Sandbox sandbox, SandboxUser user) {
    if (user.screenName().startsWith("private")) {
      return Long.parseLong(fromIndex(sandbox, "twitter-protected-item"));
    }
    if (user.screenName().startsWith("banned")) {
      return Long.parseLong(fromIndex(sandbox, "twitter-suspended-item"));
    }
    var page =
        Api.ok(
            SignedCall.get(URI.create(sandbox.twitterBase() + "/1.1/statuses/user_timeline.json"))
                .keys(sandbox.keys(SandboxPlatform.TWITTER))
                .query("user_id", Long.toString(user.id()))
                .query("count", "1")
                .send());
    return page.get(0).get("id").asLong();
  }

  /** An OAuth 1.0a token of the default app for any user, through the PIN flow. */
  static SandboxKeys tokenFor(Sandbox sandbox, String screenName) {
    return tokenFor(
        sandbox, SandboxPlatform.TWITTER, sandbox.keys(SandboxPlatform.TWITTER), screenName);
  }

  static SandboxKeys tokenFor(
      Sandbox sandbox, SandboxPlatform platform, SandboxKeys app, String screenName) {
    URI base = sandbox.base(platform);
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(URI.create(base + "/oauth/request_token"))
                .consumer(app.consumerKey(), app.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    String pin = sandbox.approve(platform, temp.get("oauth_token"), screenName);
    Map<String, String> token =
        Browser.form(
            SignedCall.post(URI.create(base + "/oauth/access_token"))
                .consumer(app.consumerKey(), app.consumerSecret())
                .token(temp.get("oauth_token"), temp.get("oauth_token_secret"))
                .oauth("oauth_verifier", pin)
                .send()
                .body());
    return new SandboxKeys(
        app.consumerKey(),
        app.consumerSecret(),
        token.get("oauth_token"),
        token.get("oauth_token_secret"));
  }
}
