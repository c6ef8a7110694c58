package dev.latchkey.cli;

import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.Replacement;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * MassMine's {@code --task=twitter-auth} and {@code --task=tumblr-auth}, in MassMine's own words:
 * its first question and warning, its four prompts, its check of the keys with the platform (unless
 * {@code --no-verify}) and its closing line. MassMine keeps one credential file per platform, so
 * the keys replace the platform's default account (which the output says), or make a new one named
 * after the screen name.
 */
final class MassMineTask {
  private final Session session;
  private final String task;
  private final boolean noVerify;

  MassMineTask(Session session, String task, boolean noVerify) {
    this.session = session;
    this.task = task;
    this.noVerify = noVerify;
  }

  /** Runs the task; the exit code. */
  int run() throws Exception {
    Platforms platforms = session.platforms();
    String name =
        switch (task) {
          case "twitter-auth" -> "twitter";
          case "tumblr-auth" -> "tumblr";
          default ->
              throw CliException.usage(
                  "--task " + task + " is not known; latchkey takes twitter-auth or tumblr-auth");
        };
    Platform platform = platforms.get(name);
    PrintWriter err = session.err();
    String title = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    err.println("Would you like to setup your " + title + " credentials?");
    err.println("Warning: continuing will over-write any previous credentials");
    err.flush();
    String answer = session.terminal().readLine("Continue? (yes/no) [no] ", err);
    if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
      session.out().println("Nothing was changed.");
      session.out().flush();
      return ExitCode.OK;
    }
    err.println("Please visit " + platform.developerPortal() + " to collect");
    err.println("the following information:");
    err.flush();
    String key = session.askSecret("Consumer key: ");
    String secret = session.askSecret("Consumer secret: ");
    String token = session.askSecret("Access token: ");
    String tokenSecret = session.askSecret("Access token secret: ");
    if (key == null || secret == null || token == null || tokenSecret == null) {
      throw new CliException(
          "all four values are needed (consumer key and secret, access token and secret);"
              + " nothing was saved");
    }
    try (Keychain keychain = session.keychain().forWriting().open(true)) {
      Accounts accounts = session.accounts(keychain, platforms);
      Optional<AccountId> existing = keychain.defaultAccount(name);
      AccountId target = existing.orElse(new AccountId(name, "default"));
      Account entered =
          Account.empty(target)
              .withApp(AppCredentials.of(key, secret))
              .withOAuth1(OAuth1Token.of(token, tokenSecret));
      if (!noVerify) {
        AccountCheck check = accounts.verify(entered);
        Optional<CredentialCheck> failed = check.firstFailure();
        if (failed.isPresent()) {
          throw new CliException(
              "An error occurred while verifying your credentials: "
                  + failed.get().failure().message()
                  + "; please double check your values and try again (nothing was saved), or"
                  + " save them unchecked with --no-verify");
        }
        entered = check.account();
        if (existing.isEmpty()) {
          AccountId named = Accounts.nameFor(platform.name(), entered.oauth1().screenName());
          entered = entered.withId(named);
          target = named;
        }
      }
      Account before = keychain.get(target).orElse(null);
      Replacement r = Replacement.of(before, entered);
      keychain.put(r.result()); // the first account of a platform becomes its default
      session.out().println("Authentication setup finished!");
      session
          .out()
          .println(
              (before == null ? "saved as " : r.verb(true) + " ")
                  + target
                  + (entered.oauth1().screenName() == null
                      ? ""
                      : " (@" + entered.oauth1().screenName() + ")")
                  + (noVerify
                      ? ", not checked (--no-verify)"
                      : ", checked with " + platform.displayName())
                  + (before == null || r.summary().isEmpty() ? "" : "; " + r.summary()));
      session.out().flush();
      return ExitCode.OK;
    }
  }
}
