package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 9: a page on a foreign origin (through DNS rebinding, so its requests carry
 * {@code Host: evil.example}) must not approve an app for a sandbox user. The consent POSTs check
 * {@code Host} and {@code Origin} as the control API does.
 */
class ConsentPageGuardTest {
  static Sandbox sandbox;
  static SandboxKeys keys;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().seed(5).build());
    keys = sandbox.keys(SandboxPlatform.TWITTER);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void foreignHostAndOriginCannotApproveAnOAuth1RequestToken() throws Exception {
    String token = requestToken();
    String form = "oauth_token=" + token + "&user_id=ada_sandbox&allow=1";

    String answer = post("/twitter/oauth/authorize", "evil.example:" + sandbox.port(), form);

    assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("oauth_pin");
    String pin = Browser.pin(Browser.submit(authorize(token), token, "ada_sandbox", true));
    assertThat(pin).matches("[0-9]{7}");
  }

  @Test
  void foreignHostAndOriginCannotApproveAnOAuth2Authorization() throws Exception {
    SandboxOAuth2Client client = sandbox.oauth2Client(SandboxPlatform.TWITTER);
    URI page =
        URI.create(
            sandbox.twitterBase()
                + "/i/oauth2/authorize?response_type=code&client_id="
                + client.clientId()
                + "&redirect_uri=http://127.0.0.1:9/cb&scope=tweet.read&state=s"
                + "&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"
                + "&code_challenge_method=plain");
    Matcher id =
        Pattern.compile("name=\"request_id\" value=\"([A-Za-z0-9]+)\"")
            .matcher(OAuth2Browser.get(page).body());
    assertThat(id.find()).isTrue();

    String answer =
        post(
            "/twitter/i/oauth2/authorize",
            "evil.example:" + sandbox.port(),
            "request_id=" + id.group(1) + "&allow=1");

    assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("code=");
  }

  @Test
  void loopbackHostWithAForeignOriginIsRefused() throws Exception {
    String token = requestToken();
    String answer =
        raw(
            "/twitter/oauth/authorize",
            "127.0.0.1:" + sandbox.port(),
            "https://evil.example",
            "oauth_token=" + token + "&user_id=ada_sandbox&allow=1");
    assertThat(answer).startsWith("HTTP/1.1 403");
  }

  @Test
  void theRealHostsTheSandboxStandsInForAreServed() throws Exception {
    String token = requestToken();
    String answer =
        raw(
            "/twitter/oauth/authorize",
            "api.x.com",
            "https://api.x.com",
            "oauth_token=" + token + "&user_id=ada_sandbox&allow=1");
    assertThat(answer).startsWith("HTTP/1.1 200").contains("oauth_pin");
  }

  private static String requestToken() {
    Map<String, String> temp =
        Browser.form(
            SignedCall.post(URI.create(sandbox.twitterBase() + "/oauth/request_token"))
                .consumer(keys.consumerKey(), keys.consumerSecret())
                .oauth("oauth_callback", "oob")
                .send()
                .body());
    return temp.get("oauth_token");
  }

  private static URI authorize(String token) {
    return Browser.authorizeUrl(sandbox.twitterBase(), token);
  }

  /** A form POST whose Host and Origin are the attacker's, as after DNS rebinding. */
  private static String post(String path, String host, String form) throws Exception {
    return raw(path, host, "http://" + host, form);
  }

  private static String raw(String path, String host, String origin, String form) throws Exception {
    byte[] body = form.getBytes(StandardCharsets.US_ASCII);
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nOrigin: "
            + origin
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n"
            + form;
    try (Socket s = new Socket("127.0.0.1", sandbox.port())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
