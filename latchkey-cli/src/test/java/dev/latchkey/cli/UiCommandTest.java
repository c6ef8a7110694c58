package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latchkey ui}: the dashboard started from the command, signed into, and stopped. */
class UiCommandTest {
  @TempDir Path home;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void printsAOneTimeAddressServesTheDashboardAndStopsOnQ() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).build())) {
      Cli cli = new Cli(home);
      cli.runWithInput(
              "{\"consumer_key\": \"ck0123456789abcdef\", \"consumer_secret\": \"cs0123456789abcdef\"}",
              "keys",
              "add",
              "--no-verify",
              "twitter/ada",
              "--from-json",
              "-")
          .assertOk();
      Map<String, String> env = new HashMap<>(cli.env);
      env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
      BackgroundRun run = new BackgroundRun(env, "ui", "--port", "0", "--no-browser");
      URI signIn = run.awaitOutputUrl("/login?token=", 0);
      assertThat(signIn.getHost()).isEqualTo("127.0.0.1");

      HttpResponse<String> login = http.send(HttpRequest.newBuilder(signIn).build(), text());
      assertThat(login.statusCode()).isEqualTo(200);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      URI base = signIn.resolve("/");
      HttpResponse<String> unlock = get(base.resolve("/unlock"), cookie);
      assertThat(unlock.body()).contains("Unlock with LATCHKEY_PASSPHRASE");
      Matcher csrf =
          Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"").matcher(unlock.body());
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> unlocked =
          http.send(
              HttpRequest.newBuilder(base.resolve("/unlock"))
                  .header("Cookie", cookie)
                  .header("Origin", "http://127.0.0.1:" + base.getPort())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("preset=1&csrf=" + csrf.group(1)))
                  .build(),
              text());
      assertThat(unlocked.statusCode()).isEqualTo(303);
      assertThat(get(base, cookie).body()).contains("Accounts in");
      assertThat(http.send(HttpRequest.newBuilder(signIn).build(), text()).statusCode())
          .as("the address works once")
          .isEqualTo(401);

      run.type("");
      URI second = run.awaitOutputUrl("/login?token=", 1);
      assertThat(second).isNotEqualTo(signIn);
      assertThat(http.send(HttpRequest.newBuilder(second).build(), text()).statusCode())
          .isEqualTo(200);

      run.type("q");
      Cli.Result result = run.finish();
      assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
      assertThat(result.err()).contains("dashboard stopped");
      assertThat(result.out() + result.err()).doesNotContain(Cli.PASSPHRASE);
    }
  }

  @Test
  void portOutOfRangeIsAUsageError() {
    new Cli(home).run("ui", "--port", "99999", "--no-browser").assertUsage("--port");
  }

  @Test
  void portInUseFailsNamingThePortAndTheFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      new Cli(home)
          .run("ui", "--port", Integer.toString(taken.getLocalPort()), "--no-browser")
          .assertFailure("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  private HttpResponse<String> get(URI uri, String cookie) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Cookie", cookie).build(), text());
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
