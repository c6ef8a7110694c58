package dev.latchkey.cli.auth;

import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.account.Accounts;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Browser;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.oauth2.AuthorizationCodeGrant;
import dev.latchkey.oauth2.AuthorizationRequest;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.oauth2.LoopbackReceiver;
import dev.latchkey.oauth2.OAuth2Client;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The OAuth 2 part of {@code latchkey auth}: {@code --bearer} (app-only token, RFC 6749 §4.4) and
 * {@code --oauth2} (Authorization Code with PKCE, RFC 7636, through a loopback redirect or a pasted
 * one). A picocli mixin, so {@code AuthCommand} only has to include it and call {@link #run}; it
 * shares AuthCommand's {@code --account}, {@code --app}, {@code --port}, {@code --timeout} and
 * {@code --no-browser}.
 */
public final class OAuth2AuthOptions {

  @Option(names = "--bearer", description = "Fetch and store the app-only bearer token.")
  boolean bearer;

  @Option(names = "--oauth2", description = "Authorize a user with OAuth 2 (PKCE).")
  boolean oauth2;

  @Option(
      names = "--scopes",
      paramLabel = "\"S1 S2\"",
      description = "OAuth 2 scopes, space-separated (default: the platform's, listed below).")
  String scopes;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "The OAuth 2 client id (default: the app's, or Tumblr's consumer key).")
  String clientId;

  @Option(
      names = "--paste",
      description = "Do not listen on 127.0.0.1: paste the address the browser ends on instead.")
  boolean paste;

  @Option(
      names = "--redirect-uri",
      paramLabel = "URI",
      description =
          "With --paste: the registered redirect URI (default http://127.0.0.1/callback).")
  URI redirectUri;

  /**
   * The help footer naming each platform's default scopes, read from the platform descriptions
   * (their one home), since annotation text must be constant.
   */
  public static String[] defaultScopesFooter() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Default OAuth 2 scopes (--scopes):");
    for (Platform p : Platforms.builtIn().all()) {
      p.oauth2()
          .ifPresent(
              o -> lines.add("  " + p.displayName() + ": " + String.join(" ", o.defaultScopes())));
    }
    return lines.toArray(String[]::new);
  }

  /** True when one of this mixin's flows was asked for. */
  boolean requested() {
    return bearer || oauth2;
  }

  private AccountReference app;
  private int port;
  private long timeoutSeconds;
  private boolean noBrowser;

  /**
   * Runs the flow asked for and stores the token in {@code named} (else the platform's default
   * account, else {@code PLATFORM/default}).
   *
   * @param app {@code --app}, or null
   * @param port {@code --port}, or null for any free port
   */
  int run(
      Session session,
      Platform platform,
      AccountId named,
      AccountReference app,
      Integer port,
      int timeoutSeconds,
      boolean noBrowser)
      throws Exception {
    if (bearer && oauth2) {
      throw CliException.usage("choose one of --bearer and --oauth2");
    }
    if ((paste || redirectUri != null || scopes != null || clientId != null) && !oauth2) {
      throw CliException.usage(
          "--scopes, --client-id, --paste and --redirect-uri go with --oauth2");
    }
    this.app = app;
    this.port = port == null ? 0 : port;
    this.timeoutSeconds = timeoutSeconds;
    this.noBrowser = noBrowser;
    HttpClient http = session.context().http().forPlatforms(session.platforms());
    try (Keychain keychain = session.keychain().forWriting().open(true)) {
      AccountId id =
          named != null
              ? named
              : keychain
                  .defaultAccount(platform.name())
                  .orElse(new AccountId(platform.name(), "default"));
      Account existing = keychain.get(id).orElse(Account.empty(id));
      return bearer
          ? bearer(session, keychain, platform, http, existing)
          : oauth2(session, keychain, platform, http, existing);
    }
  }

  private int bearer(
      Session session, Keychain keychain, Platform platform, HttpClient http, Account target)
      throws Exception {
    AppCredentials credentials = appCredentials(keychain, target);
    if (credentials == null || credentials.consumerSecret() == null) {
      throw new CliException(
          "an app-only token needs the app's consumer key and secret; add them with: latchkey"
              + " keys add "
              + target.id()
              + " (or name another account with --app)");
    }
    BearerToken token =
        new ClientCredentialsGrant(http, platform, session.context().clock()).fetch(credentials);
    AccountId id = target.id();
    keychain.edit(
        draft -> {
          Account current = draft.get(id).orElse(Account.empty(id));
          if (current.app() == null) {
            current = current.withApp(credentials);
          }
          draft.put(current.withBearer(token));
        });
    session
        .out()
        .println(
            "Stored the app-only bearer token "
                + token.token().masked()
                + " in "
                + id
                + (target.bearer() != null ? " (replaced the one stored before)" : ""));
    session.out().flush();
    return ExitCode.OK;
  }

  private int oauth2(
      Session session, Keychain keychain, Platform platform, HttpClient http, Account target)
      throws Exception {
    dev.latchkey.platform.OAuth2Endpoints description =
        platform
            .oauth2()
            .orElseThrow(() -> new CliException(platform.displayName() + " has no OAuth 2"));
    AppCredentials credentials = appCredentials(keychain, target);
    OAuth2Client client =
        Accounts.oauth2Client(platform, credentials, clientId)
            .orElseThrow(
                () ->
                    new CliException(
                        "no OAuth 2 client id for "
                            + target.id()
                            + "; pass --client-id ID (the developer portal's \"Client ID\") or"
                            + " add it with: latchkey keys add "
                            + target.id()
                            + " --force"));
    List<String> scopeList = scopes(description.defaultScopes());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(
            http, platform, client, session.context().clock(), new SecureRandom());
    OAuth2Token token;
    if (paste) {
      URI redirect = redirectUri != null ? redirectUri : URI.create("http://127.0.0.1/callback");
      AuthorizationRequest request = grant.request(redirect, scopeList);
      session.err().println("Open this address in a browser, approve, and paste the address the");
      session.err().println("browser ends on (it may show an error page; that is fine):");
      session.err().println();
      session.err().println("  " + request.uri());
      session.err().println();
      session.err().flush();
      String pasted = session.terminal().readLine("Address or code: ", session.err());
      if (pasted == null) {
        throw new CliException("nothing was pasted; run the command again");
      }
      token = grant.exchange(request, AuthorizationCodeGrant.codeFromRedirect(request, pasted));
    } else {
      try (LoopbackReceiver receiver = LoopbackReceiver.open(port, "/callback")) {
        AuthorizationRequest request = grant.request(receiver.redirectUri(), scopeList);
        boolean opened =
            Browser.open(
                request.uri(),
                !noBrowser && session.context().env(Browser.NO_BROWSER) == null,
                session.context().environment());
        session
            .err()
            .println(
                opened
                    ? "Opened this page in your browser; if it did not open, visit it and approve:"
                    : "Open this page in a browser, sign in and approve:");
        session.err().println();
        session.err().println("  " + request.uri());
        session.err().println();
        session.err().println("Waiting for the redirect to " + receiver.redirectUri() + " ...");
        session.err().flush();
        String code = receiver.awaitCode(request, Duration.ofSeconds(timeoutSeconds));
        token = grant.exchange(request, code);
      }
    }
    OAuth2Token stored = token;
    AccountId accountId = target.id();
    AppCredentials app = credentials;
    keychain.edit(
        draft -> {
          Account current = draft.get(accountId).orElse(Account.empty(accountId));
          if (current.app() == null && app != null) {
            current = current.withApp(app);
          }
          draft.put(current.withOAuth2(stored));
        });
    session
        .out()
        .println(
            "Stored an OAuth 2 token for "
                + accountId
                + ": scopes "
                + String.join(" ", stored.scopes())
                + (stored.expiresAt() == null
                    ? ""
                    : ", expires " + stored.expiresAt().truncatedTo(ChronoUnit.SECONDS))
                + (stored.refreshToken() == null
                    ? ", no refresh token (add offline access to --scopes to keep it fresh)"
                    : ", refreshable")
                + (target.oauth2() != null ? "; replaced the OAuth 2 token stored before" : ""));
    session.out().flush();
    return ExitCode.OK;
  }

  private List<String> scopes(List<String> platformDefaults) {
    String text = scopes != null ? scopes : String.join(" ", platformDefaults);
    List<String> out = new ArrayList<>();
    Arrays.stream(text.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(out::add);
    if (out.isEmpty()) {
      throw CliException.usage(
          "--scopes is empty; give them like \"" + String.join(" ", platformDefaults) + "\"");
    }
    return out;
  }

  private AppCredentials appCredentials(Keychain keychain, Account target) throws AccountException {
    if (app == null) {
      return target.app();
    }
    AccountId from = app.resolve(keychain, target.id().platform());
    Account source = keychain.get(from).orElseThrow();
    if (source.app() == null) {
      throw new CliException(
          "account " + from + " holds no app keys; see: latchkey keys show " + from);
    }
    return source.app();
  }
}
