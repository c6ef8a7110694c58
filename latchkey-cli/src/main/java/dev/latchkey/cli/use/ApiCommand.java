package dev.latchkey.cli.use;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.AccountReference;
import dev.latchkey.account.Accounts;
import dev.latchkey.cli.session.AccountOption;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.PlatformOptions;
import dev.latchkey.cli.session.Session;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.CredentialKind;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey api PATH}: one call as a stored account, printing the answer (JSON indented),
 * like {@code gh api} and twurl. The account layer picks the credential the endpoint takes; the
 * platform comes from the account, {@code --platform}, or the path itself when only one platform
 * serves it.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Make one API call as a stored account and print the answer.",
      "-p parameters go in the query of a GET or DELETE and in the form body otherwise; -d"
          + " parameters always go in the body and make the call a POST, as in twurl and curl."
          + " The platform is the account's, else the one whose API has PATH. JSON answers are"
          + " printed indented."
    })
public final class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "The endpoint (like /2/users/me) or a full URL.")
  String path;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      description = "The HTTP method (default: GET, or POST with -d).")
  String method;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A request parameter (query for GET, body otherwise); repeat for more.")
  List<String> params = new ArrayList<>();

  @Option(
      names = {"-d", "--data"},
      paramLabel = "NAME=VALUE",
      description = "A body parameter; makes the call a POST unless -X says otherwise.")
  List<String> data = new ArrayList<>();

  @Mixin AccountOption account;

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description = "The platform of the account, when nothing else tells (its default account).")
  String platformName;

  @Option(
      names = {"-i", "--include"},
      description = "Print the status line and response headers before the body.")
  boolean include;

  @Option(
      names = "--auth",
      paramLabel = CredentialKindConverter.NAMES,
      converter = CredentialKindConverter.class,
      description =
          "The credential to send. Default: the first the endpoint takes that the account"
              + " holds, in the order oauth1, oauth2, bearer, api-key.")
  CredentialKind auth;

  @Mixin PlatformOptions hosts;

  @Mixin KeychainOption keychainOption;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    String verb = verb();
    List<String[]> query = new ArrayList<>();
    List<String[]> body = new ArrayList<>();
    boolean inQuery = verb.equals("GET") || verb.equals("DELETE") || verb.equals("HEAD");
    for (String p : params) {
      (inQuery ? query : body).add(pair("-p", p));
    }
    for (String d : data) {
      body.add(pair("-d", d));
    }
    Platforms configured = session.platforms();
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = accountId(keychain, configured, verb);
      Platforms platforms = hosts.platformsFor(session, id.platform());
      Platform platform = platforms.get(id.platform());
      ApiRequest.Builder builder = target(verb, platform);
      query.forEach(q -> builder.query(q[0], q[1]));
      body.forEach(b -> builder.form(b[0], b[1]));
      ApiRequest request = builder.build();
      Accounts accounts = session.accounts(keychain, platforms);
      CredentialKind kind = accounts.credentialFor(id, request, auth);
      ApiResponse response;
      try {
        response = accounts.send(id, request, kind);
      } catch (ApiException | IOException e) {
        // Both messages name the platform's answer or the host, never a credential.
        throw new CliException(e.getMessage() + "; " + accounts.remedy(id, kind, e).message());
      }
      print(session, response);
      return ExitCode.OK;
    }
  }

  private String verb() {
    if (method == null) {
      return data.isEmpty() ? "GET" : "POST";
    }
    String verb = method.toUpperCase(Locale.ROOT);
    if (!verb.matches("[A-Z]{1,16}")) {
      throw CliException.usage("-X takes an HTTP method like GET or POST");
    }
    if (!data.isEmpty() && (verb.equals("GET") || verb.equals("HEAD"))) {
      throw CliException.usage(
          "-d sends a body, which " + verb + " has not; use -p for query parameters");
    }
    return verb;
  }

  private static String[] pair(String flag, String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw CliException.usage(flag + " takes NAME=VALUE, like " + flag + " screen_name=jack");
    }
    return new String[] {text.substring(0, eq), text.substring(eq + 1)};
  }

  /**
   * The account to call as: the one given; else the default account of {@code --platform}; else of
   * the one platform whose endpoint table has the path; else of the only platform with accounts.
   */
  private AccountId accountId(Keychain keychain, Platforms platforms, String verb)
      throws AccountException {
    if (platformName != null) {
      try {
        platformName = platforms.get(platformName).name();
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    if (account.reference().isPresent()) {
      return account.reference().get().resolve(keychain, platformName);
    }
    if (platformName != null) {
      return AccountReference.parse(platformName, List.of(platformName)).resolve(keychain, null);
    }
    List<String> serving = servingPlatforms(platforms, verb);
    if (serving.size() == 1) {
      return AccountReference.parse(serving.get(0), serving).resolve(keychain, null);
    }
    List<String> withAccounts =
        keychain.accounts().stream().map(a -> a.id().platform()).distinct().toList();
    if (withAccounts.size() == 1) {
      return AccountReference.parse(withAccounts.get(0), withAccounts).resolve(keychain, null);
    }
    throw CliException.usage(
        withAccounts.isEmpty()
            ? "there are no accounts; add one with: latchkey auth twitter"
            : (serving.isEmpty()
                    ? path + " is not in any platform's endpoint table, and accounts exist on "
                    : path
                        + " is served by "
                        + String.join(" and ", serving)
                        + "; accounts exist on ")
                + String.join(" and ", withAccounts)
                + "; choose with --account or --platform");
  }

  /** The platforms whose endpoint table (or hosts, for a full URL) has this path. */
  private List<String> servingPlatforms(Platforms platforms, String verb) {
    if (isUrl()) {
      URI uri = parseUrl();
      return platforms.all().stream()
          .filter(
              p ->
                  Stream.of(p.hosts().api(), p.hosts().oauth(), p.hosts().web())
                      .anyMatch(b -> sameOrigin(b, uri)))
          .map(Platform::name)
          .toList();
    }
    return platforms.serving(verb, normalizedPath()).stream().map(Platform::name).toList();
  }

  private boolean isUrl() {
    return path.startsWith("http://") || path.startsWith("https://");
  }

  private URI parseUrl() {
    try {
      return URI.create(path);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("PATH '" + path + "' is not a valid URL");
    }
  }

  private String normalizedPath() {
    return path.startsWith("/") ? path : "/" + path;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && a.getPort() == b.getPort();
  }

  private ApiRequest.Builder target(String verb, Platform platform) {
    if (isUrl()) {
      URI uri = parseUrl();
      // Signed headers carry the consumer key and token: send them only to the platform's hosts.
      boolean known =
          Stream.of(platform.hosts().api(), platform.hosts().oauth(), platform.hosts().web())
              .anyMatch(base -> path.startsWith(base + "/") || path.equals(base.toString()));
      if (!known) {
        throw CliException.usage(
            "URL "
                + uri.getScheme()
                + "://"
                + uri.getAuthority()
                + " is not one of "
                + platform.name()
                + "'s hosts; give a path like /2/users/me, or set --api-base");
      }
      return ApiRequest.builder(verb, uri);
    }
    String p = normalizedPath();
    try {
      URI.create("http://h" + p);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("PATH '" + path + "' is not a valid path; percent-encode it");
    }
    return ApiRequest.builder(verb, p);
  }

  private void print(Session session, ApiResponse response) {
    if (include) {
      session.out().println("HTTP " + response.status());
      Map<String, List<String>> sorted = new TreeMap<>(response.headers().map());
      for (Map.Entry<String, List<String>> h : sorted.entrySet()) {
        if (h.getKey().equalsIgnoreCase("authorization") || h.getKey().startsWith(":")) {
          continue;
        }
        for (String v : h.getValue()) {
          session.out().println(h.getKey() + ": " + v);
        }
      }
      session.out().println();
    }
    JsonNode json = response.json().orElse(null);
    if (json != null) {
      session.printJson(json);
    } else {
      session.out().println(response.body());
      session.out().flush();
    }
  }
}
