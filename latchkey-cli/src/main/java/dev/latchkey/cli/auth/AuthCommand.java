package dev.latchkey.cli.auth;

import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.Replacement;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.PortConverter;
import dev.latchkey.cli.session.SecondsConverter;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Browser;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.oauth1.AccessType;
import dev.latchkey.oauth1.AuthorizationException;
import dev.latchkey.oauth1.CallbackAuthorization;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey auth twitter|tumblr}: gets a user token with the three-legged OAuth 1.0a flow
 * (PIN by default, or a loopback callback), or takes pasted keys ({@code --manual}, as MassMine's
 * {@code twitter-auth} asks for them), checks whose it is, and saves it in the keychain; with
 * {@code --bearer} or {@code --oauth2}, the OAuth 2 tokens.
 */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = {
      "Get a user token for a platform, check it and save it.",
      "Opens the platform's authorize page and takes the PIN it shows (default), or receives the"
          + " callback on 127.0.0.1 (--callback), or asks for the access token and secret"
          + " (--manual). --bearer gets the app-only token, --oauth2 a user token with OAuth 2."
    })
public final class AuthCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8765;

  CommandSpec spec;

  /** Picocli's model of this command; the help footer lists each platform's default scopes. */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    spec.usageMessage().footer(OAuth2AuthOptions.defaultScopesFooter());
  }

  @Parameters(index = "0", paramLabel = "PLATFORM", description = "twitter or tumblr.")
  String platformName;

  @Mixin AccountOption account;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--pin", description = "Authorize in a browser and type the PIN (default).")
    boolean pin;

    @Option(
        names = "--callback",
        description = "Authorize in a browser; receive the callback on http://127.0.0.1:PORT.")
    boolean callback;

    @Option(names = "--manual", description = "Type the access token and secret (hidden).")
    boolean manual;
  }

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      description =
          "The loopback port for --callback (default "
              + DEFAULT_PORT
              + ") or --oauth2 (default:"
              + " any free port); 0 picks a free one.")
  Integer port;

  @Option(
      names = "--app",
      paramLabel = "ACCOUNT",
      converter = AccountOption.Converter.class,
      description = "Take the app's keys from this account: " + AccountOption.DESCRIPTION)
  AccountReference app;

  @Option(
      names = "--access",
      paramLabel = "read|write",
      description = "Ask for less access than the app has (X's x_auth_access_type).")
  AccessType access;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      converter = SecondsConverter.class,
      description = "How long to wait for the browser (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--no-browser",
      description = "Print the authorization page's address without opening a browser.")
  boolean noBrowser;

  @Mixin PlatformOptions hosts;

  @Mixin OAuth2AuthOptions oauth2;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Platforms platforms = session.platforms();
    String name;
    try {
      name = platforms.get(platformName).name();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Platform platform = hosts.resolve(session, name);
    AccountId named = account.target(platform.name(), "default");
    if (oauth2.requested()) {
      if (mode.pin || mode.callback || mode.manual) {
        throw CliException.usage(
            "--bearer and --oauth2 do not go with --pin, --callback or --manual");
      }
      return oauth2.run(session, platform, named, app, port, timeoutSeconds, noBrowser);
    }
    if (port != null && !mode.callback) {
      throw CliException.usage("--port goes with --callback or --oauth2");
    }
    if (platform.oauth1().isEmpty()) {
      throw CliException.usage(
          platform.displayName() + " has no OAuth 1.0a; use --oauth2 or --bearer");
    }
    KeychainAccess keychainAccess = session.keychain();
    try (Keychain keychain = keychainAccess.forWriting().open(true)) {
      Accounts accounts = session.accounts(keychain, platforms.with(platform));
      AppCredentials appCredentials = appCredentials(session, keychain, platform, named);
      ApiClient client = accounts.client(platform);
      OAuth1Token token;
      AccountId reported = named;
      try {
        token =
            mode.manual
                ? manual(session, accounts, platform, appCredentials, reported)
                : mode.callback
                    ? callback(session, client, appCredentials)
                    : pin(session, client, appCredentials);
      } catch (ApiException e) {
        throw new CliException(
            e.getMessage()
                + "; "
                + Accounts.remedy(platform, named, CredentialKind.OAUTH1_USER, e).message());
      } catch (AuthorizationException | IOException e) {
        // The client's own messages name the host or the step and the fix, never a credential.
        throw new CliException(e.getMessage());
      }
      AccountId id = named != null ? named : Accounts.nameFor(platform.name(), token.screenName());
      Account before = keychain.get(id).orElse(null);
      Replacement r =
          Replacement.of(before, Account.empty(id).withApp(appCredentials).withOAuth1(token));
      keychain.put(r.result());
      // put makes the first account of a platform its default
      boolean isDefault = keychain.defaultAccount(platform.name()).map(id::equals).orElse(false);
      session
          .out()
          .println(
              "authorized "
                  + id
                  + " as "
                  + describe(token)
                  + "; saved in "
                  + keychain.path()
                  + (isDefault ? " (the default " + platform.name() + " account)" : ""));
      if (before != null && !r.summary().isEmpty()) {
        session.out().println(id + " " + r.summary());
      }
      session.out().flush();
      return ExitCode.OK;
    }
  }

  static String describe(OAuth1Token token) {
    StringBuilder s = new StringBuilder();
    s.append(token.screenName() == null ? "an unnamed user" : "@" + token.screenName());
    if (token.userId() != null) {
      s.append(" (id ").append(token.userId()).append(')');
    }
    if (token.accessLevel() != null) {
      s.append(", access ").append(token.accessLevel());
    }
    return s.toString();
  }

  private OAuth1Token pin(Session session, ApiClient client, AppCredentials appCredentials)
      throws ApiException, IOException, AuthorizationException {
    PinAuthorization flow = new PinAuthorization(client, appCredentials);
    TemporaryCredentials started = flow.start(access);
    showAuthorizeUrl(session, started.authorizeUri(), "and type the PIN it shows:");
    String pin = session.terminal().readLine("PIN: ", session.err());
    if (pin == null) {
      throw new CliException("no PIN was typed; run the command again in a terminal");
    }
    return flow.complete(started, pin);
  }

  private OAuth1Token callback(Session session, ApiClient client, AppCredentials appCredentials)
      throws ApiException, IOException, AuthorizationException, InterruptedException {
    CallbackAuthorization flow = new CallbackAuthorization(client, appCredentials);
    int p = port == null ? DEFAULT_PORT : port;
    CallbackAuthorization.Session running;
    try {
      running = flow.start(p, access);
    } catch (java.net.BindException e) {
      throw new CliException(
          "port " + p + " on 127.0.0.1 is in use; pick another with --port N, or use --pin");
    }
    try (running) {
      session.notice(
          "waiting for the callback at "
              + running.registeredCallback()
              + " (register this URL as a callback in the app's settings)");
      showAuthorizeUrl(session, running.authorizeUri(), "and authorize the app:");
      return running.await(Duration.ofSeconds(timeoutSeconds));
    }
  }

  /** The typed access token, checked with the platform (which also says whose it is). */
  private OAuth1Token manual(
      Session session,
      Accounts accounts,
      Platform platform,
      AppCredentials appCredentials,
      AccountId reported)
      throws AccountException {
    String token = session.askSecret("Access token: ");
    String tokenSecret = session.askSecret("Access token secret: ");
    if (token == null || tokenSecret == null) {
      throw new CliException("both the access token and its secret are needed");
    }
    OAuth1Token typed = OAuth1Token.of(token, tokenSecret);
    AccountId id = reported != null ? reported : new AccountId(platform.name(), "default");
    AccountCheck check =
        accounts.verify(Account.empty(id).withApp(appCredentials).withOAuth1(typed));
    Optional<CredentialCheck> failed = check.firstFailure();
    if (failed.isPresent()) {
      throw new CliException(
          failed.get().failure().message()
              + "; nothing was saved; "
              + failed.get().remedy().message());
    }
    return check.account().oauth1();
  }

  /** Prints where to go, opening the browser unless told not to; never claims it opened one. */
  private void showAuthorizeUrl(Session session, URI authorize, String what) {
    boolean opened =
        Browser.open(
            authorize,
            !noBrowser && session.context().env(Browser.NO_BROWSER) == null,
            session.context().environment());
    session
        .err()
        .println(
            (opened
                    ? "Opened this page in your browser; if it did not open, visit it, sign in"
                    : "Open this page in a browser, sign in")
                + " "
                + what);
    session.err().println();
    session.err().println("  " + authorize);
    session.err().println();
    session.err().flush();
  }

  /**
   * The app to authorize: --app, else the account's own, else the default account's, else asked.
   */
  private AppCredentials appCredentials(
      Session session, Keychain keychain, Platform platform, AccountId named)
      throws AccountException {
    if (app != null) {
      AccountId id = app.resolve(keychain, platform.name());
      return usableApp(keychain.get(id).orElseThrow(), id);
    }
    if (!mode.manual) {
      Optional<AccountId> candidate =
          Optional.ofNullable(named)
              .filter(id -> hasUsableApp(keychain, id))
              .or(
                  () ->
                      keychain
                          .defaultAccount(platform.name())
                          .filter(id -> hasUsableApp(keychain, id)));
      if (candidate.isPresent()) {
        session.notice("using the app of " + candidate.get());
        return keychain.get(candidate.get()).orElseThrow().app();
      }
    }
    session.notice(
        "enter the app's keys from " + platform.developerPortal() + " (input is hidden)");
    String key = session.askSecret("Consumer key (API key): ");
    String secret = session.askSecret("Consumer secret (API key secret): ");
    if (key == null || secret == null) {
      throw new CliException(
          "both the consumer key and the consumer secret are needed; or name an account holding"
              + " them with --app");
    }
    return AppCredentials.of(key, secret);
  }

  private static boolean hasUsableApp(Keychain keychain, AccountId id) {
    return keychain.get(id).map(Account::app).filter(AppCredentials::hasConsumerSecret).isPresent();
  }

  private static AppCredentials usableApp(Account account, AccountId id) {
    AppCredentials a = account.app();
    if (a == null || !a.hasConsumerSecret()) {
      throw new CliException(
          id
              + " holds no consumer key and secret; add them with: latchkey keys add "
              + id
              + " --force");
    }
    return a;
  }
}
