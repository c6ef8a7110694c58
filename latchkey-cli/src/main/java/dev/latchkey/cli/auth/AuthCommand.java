package dev.latchkey.cli.auth;

import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.KeychainAccess;
import dev.latchkey.cli.PlatformOptions;
import dev.latchkey.cli.Session;
import dev.latchkey.cli.terminal.Browser;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.cli.use.FailureHints;
import dev.latchkey.http.ApiClient;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.oauth1.AccessType;
import dev.latchkey.oauth1.AuthorizationException;
import dev.latchkey.oauth1.CallbackAuthorization;
import dev.latchkey.oauth1.OAuth1Credentials;
import dev.latchkey.oauth1.OAuth1Signer;
import dev.latchkey.oauth1.PinAuthorization;
import dev.latchkey.oauth1.TemporaryCredentials;
import dev.latchkey.platform.Platform;
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
 * {@code twitter-auth} asks for them), checks whose it is, and saves it in the keychain.
 */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = {
      "Get a user token for a platform, verify it and save it.",
      "Opens the platform's authorize page and takes the PIN it shows (default),",
      "or receives the callback on 127.0.0.1 (--callback), or asks for all four",
      "keys (--manual, as MassMine's twitter-auth does)."
    })
public final class AuthCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8765;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PLATFORM", description = "twitter or tumblr.")
  String platformName;

  @Option(
      names = "--account",
      paramLabel = "NAME",
      description = "Save under PLATFORM/NAME (default: the screen name).")
  String accountName;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--pin", description = "Authorize in a browser and type the PIN (default).")
    boolean pin;

    @Option(
        names = "--callback",
        description = "Authorize in a browser; receive the callback on http://127.0.0.1:PORT.")
    boolean callback;

    @Option(
        names = "--manual",
        description = "Type the consumer key and secret and the access token and secret.")
    boolean manual;
  }

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The callback port for --callback (default " + DEFAULT_PORT + "; 0 = any).")
  Integer port;

  @Option(
      names = "--app",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "Take the app's consumer key and secret from this account.")
  AccountRef app;

  @Option(
      names = "--access",
      paramLabel = "read|write",
      description = "Ask for less access than the app has (X's x_auth_access_type).")
  AccessType access;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long --callback waits for the browser (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--no-browser", description = "Print the authorize URL without opening it.")
  boolean noBrowser;

  @Mixin PlatformOptions hosts;

  @Mixin OAuth2AuthOptions oauth2;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    if (oauth2.requested()) {
      if (mode.pin || mode.callback || mode.manual) {
        throw CliException.usage(
            "--bearer and --oauth2 do not go with --pin, --callback or --manual");
      }
      Platform platform = hosts.resolve(session, platformName);
      AccountId named = accountName == null ? null : accountId(platform, accountName);
      return oauth2.run(session, platform, named, app, port, timeoutSeconds, noBrowser);
    }
    if (port != null && !mode.callback) {
      throw CliException.usage("--port goes with --callback");
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw CliException.usage("--port must be between 0 and 65535");
    }
    Platform platform = hosts.resolve(session, platformName);
    AccountId named = accountName == null ? null : accountId(platform, accountName);
    KeychainAccess keychainAccess = session.keychain();
    try (Keychain keychain = keychainAccess.open(true)) {
      AppCredentials appCredentials = appCredentials(session, keychain, platform, named);
      ApiClient client = ApiClient.create(platform);
      OAuth1Token token;
      try {
        token =
            mode.manual
                ? manual(session, client, appCredentials)
                : mode.callback
                    ? callback(session, client, appCredentials)
                    : pin(session, client, appCredentials);
      } catch (ApiException e) {
        throw new CliException(
            e.getMessage()
                + "; "
                + FailureHints.fix(platform, named == null ? null : named.name(), e));
      } catch (AuthorizationException e) {
        throw new CliException(e.getMessage());
      } catch (java.io.IOException e) {
        // The client's own messages name the host and the fix, never a credential.
        throw new CliException(e.getMessage());
      }
      AccountId id = named != null ? named : nameFor(platform, token);
      Account account =
          keychain.get(id).orElse(Account.empty(id)).withApp(appCredentials).withOAuth1(token);
      keychain.put(account);
      boolean isDefault = keychain.defaultAccount(platform.name()).map(id::equals).orElse(false);
      if (keychain.defaultAccount(platform.name()).isEmpty()) {
        keychain.setDefault(id);
        isDefault = true;
      }
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
      session.out().flush();
      return ExitCode.OK;
    }
  }

  private static String describe(OAuth1Token token) {
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
    showAuthorizeUrl(session, started.authorizeUri());
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
      showAuthorizeUrl(session, running.authorizeUri());
      return running.await(Duration.ofSeconds(timeoutSeconds));
    }
  }

  private OAuth1Token manual(Session session, ApiClient client, AppCredentials appCredentials)
      throws ApiException, IOException {
    String token = askSecret(session, "Access token: ");
    String tokenSecret = askSecret(session, "Access token secret: ");
    if (token == null || tokenSecret == null) {
      throw new CliException("both the access token and its secret are needed");
    }
    OAuth1Token typed = OAuth1Token.of(token, tokenSecret);
    Identity identity =
        client.verify(
            OAuth1Signer.create().authorization(OAuth1Credentials.user(appCredentials, typed)));
    return typed.withIdentity(identity.userId(), identity.screenName(), identity.accessLevel());
  }

  private void showAuthorizeUrl(Session session, URI authorize) {
    session.err().println("Open this page, sign in and authorize the app:");
    session.err().println();
    session.err().println("  " + authorize);
    session.err().println();
    session.err().flush();
    if (Browser.open(session, authorize, !noBrowser)) {
      session.notice("opened it in your browser");
    }
  }

  /**
   * The app to authorize: --app, else the account's own, else the default account's, else asked.
   */
  private AppCredentials appCredentials(
      Session session, Keychain keychain, Platform platform, AccountId named) {
    if (app != null) {
      if (!app.platform().equals(platform.name())) {
        throw CliException.usage("--app " + app + " is not a " + platform.name() + " account");
      }
      AccountId id = app.resolve(keychain);
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
    String key = askSecret(session, "Consumer key (API key): ");
    String secret = askSecret(session, "Consumer secret (API key secret): ");
    if (key == null || secret == null) {
      throw new CliException(
          "both the consumer key and the consumer secret are needed; or name an account holding"
              + " them with --app");
    }
    return AppCredentials.of(key, secret);
  }

  private static boolean hasUsableApp(Keychain keychain, AccountId id) {
    return keychain.get(id).map(Account::app).filter(a -> a.consumerSecret() != null).isPresent();
  }

  private static AppCredentials usableApp(Account account, AccountId id) {
    AppCredentials a = account.app();
    if (a == null || a.consumerSecret() == null) {
      throw new CliException(
          id
              + " holds no consumer key and secret; add them with: latchkey keys add "
              + id
              + " --force");
    }
    return a;
  }

  private static String askSecret(Session session, String prompt) {
    char[] typed = session.terminal().readSecret(prompt, session.err());
    if (typed == null) {
      return null;
    }
    String value = new String(typed).strip();
    Terminal.wipe(typed);
    return value.isEmpty() ? null : value;
  }

  private static AccountId accountId(Platform platform, String name) {
    try {
      return new AccountId(platform.name(), name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The screen name when it makes a valid account name, else {@code default}. */
  private static AccountId nameFor(Platform platform, OAuth1Token token) {
    if (token.screenName() != null) {
      try {
        return new AccountId(platform.name(), token.screenName());
      } catch (IllegalArgumentException e) {
        // Not a valid account name: fall through.
      }
    }
    return new AccountId(platform.name(), "default");
  }
}
