package dev.latchkey.bench;

import dev.latchkey.oauth1.HmacSha1Signature;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.oauth1.SignatureBaseString;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.internal.ApiError;
import dev.latchkey.sandbox.internal.OAuth1Verifier;
import dev.latchkey.sandbox.internal.OAuth1Verifier.TokenKind;
import dev.latchkey.sandbox.internal.PlatformState;
import dev.latchkey.sandbox.internal.SignedRequest;
import dev.latchkey.sandbox.internal.twitter.TwitterPlatform;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process OAuth 1.0a verification as the sandbox does it for every API call: header parse,
 * parameter merge, checks, and HMAC-SHA1 over the three candidate base URIs (actual URL,
 * api.twitter.com, api.x.com), constant-time compare, replay-cache insert.
 *
 * <p>Requests are signed in advance (4096 distinct nonces, cycled). Once the cycle wraps, a request
 * is a replay: it still costs every HMAC and is rejected at the very last step, so the work per
 * operation is the same; the benchmark returns whether it was fresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SandboxVerifyBenchmark {
  private static final int REQUESTS = 4096;

  private OAuth1Verifier verifier;
  private SignedRequest[] requests;
  private int next;

  @Setup(Level.Iteration)
  public void setUp() {
    Clock clock = Clock.systemUTC();
    PlatformState state =
        new PlatformState(TwitterPlatform.DESCRIPTION, 0, new SplittableRandom(1), clock, 1000);
    verifier = new OAuth1Verifier(state, clock, 3600, new SplittableRandom(2));
    SandboxKeys keys = state.defaultKeys();
    URI actual = URI.create("http://127.0.0.1:8080/twitter/1.1/account/verify_credentials.json");
    List<URI> candidates =
        List.of(
            actual,
            URI.create("https://api.twitter.com/1.1/account/verify_credentials.json"),
            URI.create("https://api.x.com/1.1/account/verify_credentials.json"));
    long now = clock.instant().getEpochSecond();
    requests = new SignedRequest[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      String header = header("GET", candidates.get(2), keys, now, "bench" + i + "x" + now);
      requests[i] = new SignedRequest("GET", candidates, List.of(), List.of(), header);
    }
    next = 0;
  }

  @Benchmark
  public boolean verifySignedRequest() {
    SignedRequest r = requests[next];
    next = (next + 1) & (REQUESTS - 1);
    try {
      return verifier.verify(r, TokenKind.ACCESS) != null;
    } catch (ApiError replay) {
      return false;
    }
  }

  /** A signed {@code Authorization: OAuth} header, built from core's RFC 5849 primitives. */
  static String header(String method, URI uri, SandboxKeys keys, long timestamp, String nonce) {
    List<Parameter> oauth = new ArrayList<>();
    oauth.add(new Parameter("oauth_consumer_key", keys.consumerKey()));
    oauth.add(new Parameter("oauth_nonce", nonce));
    oauth.add(new Parameter("oauth_signature_method", "HMAC-SHA1"));
    oauth.add(new Parameter("oauth_timestamp", Long.toString(timestamp)));
    oauth.add(new Parameter("oauth_token", keys.accessToken()));
    oauth.add(new Parameter("oauth_version", "1.0"));
    String base = SignatureBaseString.of(method, uri, oauth);
    String signature =
        HmacSha1Signature.sign(base, keys.consumerSecret(), keys.accessTokenSecret());
    StringBuilder h = new StringBuilder("OAuth ");
    for (Parameter p : oauth) {
      h.append(p.name()).append("=\"").append(PercentEncoding.encode(p.value())).append("\", ");
    }
    return h.append("oauth_signature=\"")
        .append(PercentEncoding.encode(signature))
        .append('"')
        .toString();
  }
}
