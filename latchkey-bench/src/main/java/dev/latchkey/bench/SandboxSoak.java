package dev.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sandbox.SandboxKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BufferingResponseListener;

/**
 * Sustained load of signed requests on a sandbox started exactly as a user starts it (the {@code
 * ./latchkey} launcher, so with its JVM settings), sampling throughput and the process's resident
 * memory (VmRSS) every second (issue 9's memory bound). Not a test: run by {@code
 * bench/sandbox-soak}.
 *
 * <pre>
 * java -cp latchkey-bench/target/benchmarks.jar dev.latchkey.bench.SandboxSoak \
 *     --launcher ./latchkey --seconds 480 --warmup 60 --concurrency 16 [-- extra sandbox args]
 * </pre>
 *
 * Each request is {@code GET /twitter/1.1/account/verify_credentials.json} with a fresh nonce and
 * the current timestamp, signed with core's RFC 5849 primitives, so every one goes through the
 * whole OAuth 1.0a verification and lands in the replay cache.
 */
public final class SandboxSoak {
  private static final Pattern RUNNING =
      Pattern.compile("running at (http://127\\.0\\.0\\.1:\\d+)");

  private SandboxSoak() {}

  public static void main(String[] args) throws Exception {
    String launcher = "./latchkey";
    long seconds = 480;
    long warmup = 60;
    int concurrency = 16;
    String label = "sandbox";
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--launcher" -> launcher = args[++i];
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--warmup" -> warmup = Long.parseLong(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--label" -> label = args[++i];
        case "--" -> {
          extra.addAll(List.of(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path keysFile = Files.createTempFile("latchkey-soak-keys", ".json");
    Files.delete(keysFile);
    List<String> command = new ArrayList<>(List.of(launcher, "sandbox", "--port", "0"));
    command.addAll(List.of("--print-keys", keysFile.toString()));
    command.addAll(extra);
    Process sandbox = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      run(sandbox, keysFile, seconds, warmup, concurrency, label);
    } finally {
      sandbox.destroy();
      sandbox.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(keysFile);
    }
  }

  private static void run(
      Process sandbox, Path keysFile, long seconds, long warmup, int concurrency, String label)
      throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
    String base = null;
    for (String line; base == null && (line = out.readLine()) != null; ) {
      Matcher m = RUNNING.matcher(line);
      if (m.find()) {
        base = m.group(1);
      }
    }
    if (base == null) {
      throw new IllegalStateException("the sandbox did not start");
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "drain");
    drain.setDaemon(true);
    drain.start();
    JsonNode twitter = new ObjectMapper().readTree(keysFile.toFile()).path("twitter");
    SandboxKeys keys =
        new SandboxKeys(
            twitter.path("consumer_key").asText(),
            twitter.path("consumer_secret").asText(),
            twitter.path("access_token").asText(),
            twitter.path("access_token_secret").asText());
    URI uri = URI.create(base + "/twitter/1.1/account/verify_credentials.json");
    long pid = sandbox.pid();

    HttpClient client = new HttpClient();
    client.setMaxConnectionsPerDestination(concurrency);
    client.setMaxRequestsQueuedPerDestination(concurrency * 4);
    client.start();
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong notOk = new AtomicLong();
    AtomicLong nonces = new AtomicLong();
    List<Double> rates = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long nextSample = start + TimeUnit.SECONDS.toNanos(1);
    long lastOk = 0;
    int second = 0;
    System.out.printf(
        "%s: %d s of signed requests (%d in flight), %d s warm-up, sandbox pid %d%n",
        label, seconds, concurrency, warmup, pid);
    while (System.nanoTime() < end) {
      if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      String header =
          SandboxVerifyBenchmark.header(
              "GET",
              uri,
              keys,
              System.currentTimeMillis() / 1000,
              "soak" + nonces.incrementAndGet() + "x" + start);
      client
          .newRequest(uri)
          .header("Authorization", header)
          .send(
              new BufferingResponseListener(64 * 1024) {
                @Override
                public void onComplete(Result result) {
                  inFlight.release();
                  if (!result.isSucceeded()) {
                    failed.incrementAndGet();
                  } else {
                    // Every answer went through OAuth verification and the replay cache; a 429
                    // (the endpoint's rate limit) is an answer too, counted apart.
                    ok.incrementAndGet();
                    if (result.getResponse().getStatus() != 200) {
                      notOk.incrementAndGet();
                    }
                  }
                }
              });
      long now = System.nanoTime();
      if (now >= nextSample) {
        second++;
        long done = ok.get();
        double rate = (done - lastOk) * 1e9 / (now - nextSample + TimeUnit.SECONDS.toNanos(1));
        lastOk = done;
        nextSample += TimeUnit.SECONDS.toNanos(1);
        double mb = rssMegabytes(pid);
        if (second > warmup) {
          rates.add(rate);
          rss.add(mb);
        }
        if (second % 10 == 0) {
          System.out.printf(
              "  t=%4ds  %,8.0f req/s  RSS %,6.0f MB  (%,d answers, %,d not 200, %,d failed)%n",
              second, rate, mb, done, notOk.get(), failed.get());
        }
      }
    }
    inFlight.acquire(concurrency);
    client.stop();
    System.out.printf(
        "%s: %,d answers (%,d of them not 200), %,d failed; after %d s warm-up:%n",
        label, ok.get(), notOk.get(), failed.get(), warmup);
    System.out.println("  throughput req/s  " + summary(rates));
    System.out.println("  RSS MB            " + summary(rss));
  }

  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "no samples";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "min %,.0f  median %,.0f  max %,.0f  (%d samples)",
        sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
  }

  /** VmRSS of a process in MB, from /proc (Linux). */
  private static double rssMegabytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
