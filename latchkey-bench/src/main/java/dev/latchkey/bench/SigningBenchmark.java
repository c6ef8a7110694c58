package dev.latchkey.bench;

import com.github.scribejava.core.extractors.BaseStringExtractorImpl;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.services.HMACSha1SignatureService;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth1.HmacSha1Signature;
import dev.latchkey.oauth1.NonceSource;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Request;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.SignatureMethod;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing one request (X's documented "Creating a signature" example, RFC 5849 §3.4): our signer
 * end to end (parameters, base string, HMAC, header), scribejava's base string and HMAC for the
 * same request, and the bare HMAC-SHA1 over the same base string as the floor.
 *
 * <p>Run: {@code java -jar latchkey-bench/target/benchmarks.jar SigningBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigningBenchmark {
  private static final String URL =
      "https://api.x.com/1.1/statuses/update.json?include_entities=true";
  private static final String STATUS = "Hello Ladies + Gentlemen, a signed OAuth request!";
  private static final String CONSUMER_KEY = "xvz1evFS4wEEPTGEFPHBog";
  private static final String CONSUMER_SECRET = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
  private static final String TOKEN =
      "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"; // X docs example vector, not live
  private static final String TOKEN_SECRET = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
  private static final String NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
  private static final long TIMESTAMP = 1318622958L;

  private OAuth1Signer signer;
  private OAuth1Request request;
  private OAuth1Credentials credentials;
  private String baseString;
  private final BaseStringExtractorImpl scribeExtractor = new BaseStringExtractorImpl();
  private final HMACSha1SignatureService scribeHmac = new HMACSha1SignatureService();

  @Setup
  public void setUp() {
    signer =
        new OAuth1Signer(
            SignatureMethod.HMAC_SHA1,
            Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC),
            NonceSource.fixed(NONCE));
    request = OAuth1Request.builder("POST", URI.create(URL)).form("status", STATUS).build();
    credentials =
        new OAuth1Credentials(
            Secret.of(CONSUMER_KEY),
            Secret.of(CONSUMER_SECRET),
            Secret.of(TOKEN),
            Secret.of(TOKEN_SECRET));
    baseString = signer.sign(request, credentials).baseString();
    if (!baseString.equals(scribeBaseString())) {
      throw new IllegalStateException("latchkey and scribejava disagree on the base string");
    }
  }

  /** Our signer, end to end, including the Authorization header. */
  @Benchmark
  public String latchkeySigner() {
    return signer.sign(request, credentials).authorizationHeader();
  }

  /** Our signer with real SecureRandom nonces and the system clock, as production runs it. */
  @Benchmark
  public String latchkeySignerSecureRandomNonce() {
    return OAuth1SignerHolder.PRODUCTION.sign(request, credentials).authorizationHeader();
  }

  /** scribejava 8.3.3: base string extraction and HMAC-SHA1 for the same request. */
  @Benchmark
  public String scribejava() {
    return scribeHmac.getSignature(scribeBaseString(), CONSUMER_SECRET, TOKEN_SECRET);
  }

  /** The floor: HMAC-SHA1 and Base64 over the precomputed base string. */
  @Benchmark
  public String rawHmacSha1() {
    return HmacSha1Signature.sign(baseString, CONSUMER_SECRET, TOKEN_SECRET);
  }

  private String scribeBaseString() {
    OAuthRequest r = new OAuthRequest(Verb.POST, URL);
    r.addBodyParameter("status", STATUS);
    r.addOAuthParameter("oauth_consumer_key", CONSUMER_KEY);
    r.addOAuthParameter("oauth_nonce", NONCE);
    r.addOAuthParameter("oauth_signature_method", "HMAC-SHA1");
    r.addOAuthParameter("oauth_timestamp", Long.toString(TIMESTAMP));
    r.addOAuthParameter("oauth_token", TOKEN);
    r.addOAuthParameter("oauth_version", "1.0");
    return scribeExtractor.extract(r);
  }

  private static final class OAuth1SignerHolder {
    static final OAuth1Signer PRODUCTION = OAuth1Signer.create();
  }
}
