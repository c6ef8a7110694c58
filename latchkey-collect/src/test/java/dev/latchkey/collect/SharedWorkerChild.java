package dev.latchkey.collect;

import dev.latchkey.collect.store.PostgresLocation;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One worker of a shared job in its own JVM, for {@link SharedJobTest}: {@code <twitter base>
 * <store url> <job> <lease ms> <pause ms> <users...>}; keys and the database password come from the
 * environment. Prints {@code PAGE}, every notice ({@code 429 from …}) and {@code COMPLETE}.
 */
public final class SharedWorkerChild {
  private SharedWorkerChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    URI base = URI.create(args[0]);
    PostgresLocation where =
        PostgresLocation.parse(args[1], System.getenv(), Path.of("/nonexistent"), "nobody");
    String jobName = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    long pause = Long.parseLong(args[4]);
    List<String> users = Arrays.asList(args).subList(5, args.length);
    Account account =
        Account.empty(AccountId.parse("twitter/ada_sandbox"))
            .withApp(AppCredentials.of(System.getenv("CK"), System.getenv("CS")))
            .withOAuth1(OAuth1Token.of(System.getenv("AT"), System.getenv("AS")));
    AccountGateway gateway =
        TestGateways.of(Platforms.twitter().withHosts(Hosts.all(base)), account);
    Job job = SharedJobTest.job(users, Instant.parse(System.getenv("UNTIL")));
    try (PostgresStore store = PostgresStore.connect(where, jobName)) {
      CollectionSummary s =
          Collector.builder(gateway, store)
              .concurrency(2)
              .lease(lease)
              .listener(
                  new CollectionListener() {
                    @Override
                    public void progress(Progress p) {
                      out.println("PAGE " + p.task());
                      try {
                        Thread.sleep(pause);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }

                    @Override
                    public void notice(String message) {
                      out.println("NOTICE " + message);
                    }
                  })
              .build()
              .run(job);
      out.println((s.complete() ? "COMPLETE " : "INCOMPLETE ") + s.refused() + " refused");
    }
  }
}
