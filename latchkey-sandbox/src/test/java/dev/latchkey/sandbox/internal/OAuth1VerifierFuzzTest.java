package dev.latchkey.sandbox.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.sandbox.internal.twitter.TwitterPlatform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The whole verifier on hostile input: the first line is the {@code Authorization} header, the
 * second the raw query, the third the raw form body. Any outcome but a {@link ApiError} (or a
 * success) is a bug.
 */
class OAuth1VerifierFuzzTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1318622958), ZoneOffset.UTC);
  private static final PlatformState STATE =
      new PlatformState(TwitterPlatform.DESCRIPTION, 0, new SplittableRandom(1), CLOCK, 1000);
  private static final List<URI> URIS =
      List.of(
          URI.create("http://127.0.0.1:8080/twitter/1.1/statuses/update.json"),
          URI.create("https://api.twitter.com/1.1/statuses/update.json"));

  @FuzzTest(maxDuration = "60s")
  void verifyNeverThrowsAnythingButAnApiError(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String header = parts[0];
    OAuth1Verifier verifier = new OAuth1Verifier(STATE, CLOCK, 300, new SplittableRandom(2));
    List<Parameter> query;
    List<Parameter> form;
    try {
      query = parts.length > 1 ? Parameter.parseForm(parts[1]) : List.of();
      form = parts.length > 2 ? Parameter.parseForm(parts[2]) : List.of();
    } catch (IllegalArgumentException e) {
      return; // the routes answer a malformed query or body with 400/215 before verifying
    }
    SignedRequest request = new SignedRequest("POST", URIS, query, form, header);
    for (OAuth1Verifier.TokenKind kind : OAuth1Verifier.TokenKind.values()) {
      try {
        verifier.verify(request, kind);
      } catch (ApiError expected) {
        // 400/215, 401/135, 401/32, 401/89: all fine.
      }
    }
  }
}
