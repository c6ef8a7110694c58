package dev.latchkey.cli.use;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.AccountRef;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.ExitCode;
import dev.latchkey.cli.PlatformOptions;
import dev.latchkey.cli.Session;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import dev.latchkey.http.ApiResponse;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.oauth1.Parameter;
import dev.latchkey.platform.Platform;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey api PATH}: one signed call with a stored account, printing the answer (JSON
 * indented). Like {@code gh api}, for trying an endpoint or scripting one call.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Make one signed API call with a stored account and print the answer.",
      "Parameters go in the query for GET and DELETE, in a form body otherwise.",
      "JSON answers are printed indented."
    })
public final class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "The endpoint, like /1.1/account/verify_credentials.json, or a full URL.")
  String path;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      defaultValue = "GET",
      description = "The HTTP method (default ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A request parameter; repeat for more.")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      converter = AccountRef.Converter.class,
      description = "The account to sign with, like twitter/alice (default: the default account).")
  AccountRef account;

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description = "Use this platform's default account.")
  String platformName;

  @Option(
      names = {"-i", "--include"},
      description = "Print the status line and response headers before the body.")
  boolean include;

  @Option(
      names = "--auth",
      paramLabel = "oauth1|bearer|oauth2",
      description =
          "The credential to send (default: OAuth 1.0a when the account has it, else OAuth 2,"
              + " else the bearer token).")
  ApiAuth.Kind auth;

  @Mixin PlatformOptions hosts;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    String verb = method.toUpperCase(Locale.ROOT);
    if (!verb.matches("[A-Z]{1,16}")) {
      throw CliException.usage("-X takes an HTTP method like GET or POST");
    }
    List<Parameter> parameters = parameters();
    try (Keychain keychain = session.keychain().open(false)) {
      AccountId id = accountId(keychain);
      Account chosen = keychain.get(id).orElseThrow(() -> AccountRef.noSuchAccount(id));
      ApiAuth.Kind kind = ApiAuth.choose(id, chosen, auth);
      Platform platform = hosts.resolve(session, id.platform());
      ApiRequest.Builder request = target(verb, platform);
      boolean inQuery = verb.equals("GET") || verb.equals("DELETE") || verb.equals("HEAD");
      for (Parameter p : parameters) {
        if (inQuery) {
          request.query(p.name(), p.value());
        } else {
          request.form(p.name(), p.value());
        }
      }
      ApiResponse response;
      try {
        response = ApiAuth.send(session, keychain, platform, id, chosen, request.build(), kind);
      } catch (ApiException e) {
        throw new CliException(
            e.getMessage()
                + "; "
                + FailureHints.fix(platform, id.name(), ApiAuth.authFlags(kind), e));
      } catch (java.io.IOException e) {
        // The client's own messages name the host and the fix, never a credential.
        throw new CliException(e.getMessage());
      }
      print(session, response);
      return ExitCode.OK;
    }
  }

  private ApiRequest.Builder target(String verb, Platform platform) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      URI uri;
      try {
        uri = URI.create(path);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("PATH '" + path + "' is not a valid URL");
      }
      // Signed headers carry the consumer key and token: send them only to the platform's hosts.
      boolean known =
          java.util.stream.Stream.of(
                  platform.hosts().api(), platform.hosts().oauth(), platform.hosts().web())
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
    String p = path.startsWith("/") ? path : "/" + path;
    try {
      URI.create("http://h" + p);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("PATH '" + path + "' is not a valid path; percent-encode it");
    }
    return ApiRequest.builder(verb, p);
  }

  private List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("-p takes NAME=VALUE, like -p screen_name=jack");
      }
      out.add(new Parameter(p.substring(0, eq), p.substring(eq + 1)));
    }
    return out;
  }

  private AccountId accountId(Keychain keychain) {
    if (account != null) {
      if (platformName != null && !platformName.equalsIgnoreCase(account.platform())) {
        throw CliException.usage("--account " + account + " is not on platform " + platformName);
      }
      return account.resolve(keychain);
    }
    if (platformName != null) {
      return AccountRef.parse(platformName).resolve(keychain);
    }
    List<String> withAccounts =
        keychain.accounts().stream().map(a -> a.id().platform()).distinct().toList();
    if (withAccounts.size() == 1) {
      return AccountRef.parse(withAccounts.get(0)).resolve(keychain);
    }
    throw CliException.usage(
        withAccounts.isEmpty()
            ? "there are no accounts; add one with: latchkey auth twitter"
            : "accounts exist on "
                + String.join(" and ", withAccounts)
                + "; choose with --platform or --account");
  }

  private void print(Session session, ApiResponse response) throws Exception {
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
