package dev.latchkey.bench;

import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end over loopback: sign a {@code GET /1.1/account/verify_credentials.json}, send it to a
 * running sandbox with {@link HttpClient}, read the JSON. One client thread; requests per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SandboxLoopbackBenchmark {
  private final AtomicLong nonces = new AtomicLong();
  private Sandbox sandbox;
  private SandboxKeys keys;
  private URI uri;
  private HttpClient client;

  @Setup(Level.Trial)
  public void setUp() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
    uri = URI.create(sandbox.twitterBase() + "/1.1/account/verify_credentials.json");
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sandbox.close();
  }

  @Benchmark
  public int verifyCredentialsOverLoopback() throws IOException, InterruptedException {
    String header =
        SandboxVerifyBenchmark.header(
            "GET", uri, keys, System.currentTimeMillis() / 1000, "loop" + nonces.incrementAndGet());
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri).header("Authorization", header).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("sandbox answered " + r.statusCode());
    }
    return r.body().length();
  }
}
