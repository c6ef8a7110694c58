package dev.latchkey.collect;

import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.SqliteStore;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A collection in a child JVM for {@link KillResumeTest}: {@code <twitter base> <format> <output>
 * <pause ms> <users...>}; the account's keys come from the environment (never the command line).
 */
public final class KillResumeChild {
  private KillResumeChild() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    OutputFormat format = OutputFormat.parse(args[1]);
    Path output = Path.of(args[2]);
    long pause = Long.parseLong(args[3]);
    List<String> users = Arrays.asList(args).subList(4, args.length);
    Account account =
        Account.empty(AccountId.parse("twitter/child"))
            .withApp(AppCredentials.of(System.getenv("CK"), System.getenv("CS")))
            .withOAuth1(OAuth1Token.of(System.getenv("AT"), System.getenv("AS")));
    AccountGateway gateway =
        TestGateways.of(Platforms.twitter().withHosts(Hosts.all(base)), account);
    // The sandbox's world moves on (new tweets at the top): bound every run to the same instant.
    Bound until = Bound.parse(System.getenv("UNTIL"));
    Job job =
        new Job(TaskKind.TIMELINE, users, new JobOptions(Api.V2, null, null, until, false, false));
    try (SqliteStore store = SqliteStore.open(format, output, System.out)) {
      CollectionSummary s =
          Collector.builder(gateway, store)
              .concurrency(2)
              .listener(
                  new CollectionListener() {
                    @Override
                    public void progress(Progress p) {
                      try {
                        Thread.sleep(pause);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  })
              .build()
              .run(job);
      System.out.println(s.complete() ? "COMPLETE" : "INCOMPLETE");
    }
  }
}
