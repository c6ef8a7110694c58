package dev.latchkey.bench;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.scan.Finding;
import dev.latchkey.scan.KnownSecret;
import dev.latchkey.scan.LeakScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scan benchmark: {@code latchkey scan}'s engine against {@code grep -F -f NEEDLES -r} over the
 * same files and the same needles (every form of every secret of 20 synthetic accounts), in one
 * run, each measured several times; prints min/median/max and MB/s. The engine runs on one thread;
 * GNU grep is single-threaded too. Run it with {@code bench/scan} (see bench/README.md).
 *
 * <p>Arguments: {@code DIR [MEGABYTES] [RUNS]}. The corpus is source-like text (identifiers,
 * numbers, Base64 blobs, URLs) with a few secrets planted, written once to {@code DIR}.
 */
public final class ScanHarness {
  private ScanHarness() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/scan-corpus");
    int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Random random = new Random(7);
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      accounts.add(
          Account.empty(new AccountId("twitter", "acct" + i))
              .withApp(AppCredentials.of(alnum(random, 25), alnum(random, 50)))
              .withOAuth1(
                  OAuth1Token.of(digits(random, 10) + "-" + alnum(random, 40), alnum(random, 45)))
              .withBearer(
                  BearerToken.of(
                      "AAAAAAAAAAAAAAAAAAAAA"
                          + alnum(random, 20)
                          + "%2B"
                          + alnum(random, 20)
                          + "%3D"
                          + alnum(random, 50))));
    }
    List<KnownSecret> secrets = KnownSecret.of(accounts);
    Path corpus = dir.resolve("corpus");
    Path needles = dir.resolve("needles.txt");
    if (!Files.isDirectory(corpus)) {
      writeCorpus(corpus, megabytes, random, secrets);
    }
    StringBuilder lines = new StringBuilder();
    int count = 0;
    for (KnownSecret s : secrets) {
      for (String form : LeakScanner.formsOf(s.value().reveal()).values()) {
        lines.append(form).append('\n');
        count++;
      }
    }
    Files.writeString(needles, lines.toString());
    long bytes;
    try (var walk = Files.walk(corpus)) {
      bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(
        "corpus %s: %.1f MB in %d files; %d secrets, %d needles (every form)%n",
        corpus, bytes / 1e6, 2000, secrets.size(), count);

    LeakScanner scanner = LeakScanner.create(secrets, true);
    System.out.println("automaton: " + scanner.describe());
    long[] ours = new long[runs];
    long found = 0;
    for (int r = -2; r < runs; r++) { // two warm-up runs
      AtomicLong hits = new AtomicLong();
      long t0 = System.nanoTime();
      scanner.scanFiles(
          corpus,
          Long.MAX_VALUE,
          LeakScanner.Progress.NONE,
          (Finding f) -> hits.incrementAndGet(),
          s -> {});
      long t = System.nanoTime() - t0;
      if (r >= 0) {
        ours[r] = t;
      }
      found = hits.get();
    }
    long[] grep = new long[runs];
    long grepLines = 0;
    for (int r = -2; r < runs; r++) {
      long t0 = System.nanoTime();
      ProcessBuilder pb =
          new ProcessBuilder("grep", "-F", "-n", "-r", "-f", needles.toString(), corpus.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      long n =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
      p.waitFor();
      long t = System.nanoTime() - t0;
      if (r >= 0) {
        grep[r] = t;
      }
      grepLines = n;
    }
    report("latchkey scan engine (1 thread)", ours, bytes, found + " findings");
    report("grep -F -f needles -r (LC_ALL=C)", grep, bytes, grepLines + " matching lines");
    Arrays.sort(ours);
    Arrays.sort(grep);
    System.out.printf(
        "ratio of medians (grep / latchkey): %.2f%n", (double) grep[runs / 2] / ours[runs / 2]);
  }

  private static void report(String what, long[] nanos, long bytes, String result) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double min = sorted[0] / 1e6;
    double median = sorted[sorted.length / 2] / 1e6;
    double max = sorted[sorted.length - 1] / 1e6;
    System.out.printf(
        "%-36s min %7.0f ms  median %7.0f ms  max %7.0f ms  = %6.0f MB/s at the median (%s)%n",
        what, min, median, max, bytes / 1e6 / (median / 1e3), result);
  }

  private static void writeCorpus(
      Path corpus, int megabytes, Random random, List<KnownSecret> secrets) throws IOException {
    Files.createDirectories(corpus);
    String[] words = {
      "public",
      "final",
      "class",
      "return",
      "import",
      "static",
      "void",
      "String",
      "token",
      "config",
      "request",
      "response",
      "client",
      "the",
      "value",
      "if",
      "else",
      "for",
      "while",
      "new",
      "List",
      "Map",
      "http",
      "json",
      "user",
      "timeline",
      "status",
      "error",
      "secret_sauce",
      "key_ring"
    };
    long perFile = (long) megabytes * 1_000_000 / 2000;
    for (int f = 0; f < 2000; f++) {
      StringBuilder text = new StringBuilder((int) perFile + 200);
      while (text.length() < perFile) {
        int kind = random.nextInt(20);
        if (kind == 0) {
          text.append("  data = \"").append(alnum(random, 76)).append("\"\n");
        } else if (kind == 1) {
          text.append("  url = \"https://api.x.com/2/users/")
              .append(digits(random, 12))
              .append("\"\n");
        } else {
          for (int w = 0; w < 8 + random.nextInt(6); w++) {
            text.append(words[random.nextInt(words.length)]).append(' ');
          }
          text.append(random.nextInt(100000)).append(";\n");
        }
      }
      if (f % 200 == 7) {
        text.append("  leaked = '")
            .append(secrets.get(f % secrets.size()).value().reveal())
            .append("'\n");
      }
      Files.writeString(corpus.resolve(String.format("f%04d.txt", f)), text);
    }
  }

  private static String alnum(Random r, int n) {
    String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(a.charAt(r.nextInt(a.length())));
    }
    return out.toString();
  }

  private static String digits(Random r, int n) {
    StringBuilder out = new StringBuilder(n);
    out.append((char) ('1' + r.nextInt(9)));
    for (int i = 1; i < n; i++) {
      out.append((char) ('0' + r.nextInt(10)));
    }
    return out.toString();
  }
}
