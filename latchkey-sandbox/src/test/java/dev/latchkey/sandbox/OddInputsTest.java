package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd but signed parameters get a platform answer, never a 500 or a stack trace. */
class OddInputsTest {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/1.1/statuses/user_timeline.json?count=abc",
        "/1.1/statuses/user_timeline.json?count=-5",
        "/1.1/statuses/user_timeline.json?max_id=99999999999999999999999",
        "/1.1/statuses/user_timeline.json?since_id=-1&max_id=0",
        "/1.1/users/show.json?user_id=1",
        "/1.1/users/show.json?screen_name=%40",
        "/2/users/me?user.fields=created_at,created_at,,",
        "/2/users/abc/tweets",
        "/2/users/1/tweets?pagination_token=lk!!",
        "/2/users/1/tweets?max_results=1000000000000000000000"
      })
  void signedOddParametersNeverCauseAServerError(String pathAndQuery) throws Exception {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    SignedCall call =
        SignedCall.get(URI.create(sandbox.twitterBase() + path))
            .keys(sandbox.keys(SandboxPlatform.TWITTER));
    if (q >= 0) {
      for (var p : dev.latchkey.oauth1.Parameter.parseForm(pathAndQuery.substring(q + 1))) {
        call.query(p.name(), p.value());
      }
    }
    HttpResponse<String> r = call.send();
    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
    new ObjectMapper().readTree(r.body());
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/twitter/1.1/account/verify_credentials.json?a=%zz",
        "/twitter/1.1/account/verify_credentials.json?%",
        "/tumblr/v2/blog/%2e%2e/info?api_key=x",
        "/tumblr/v2/user/info?x=%G0",
        "/sandbox/nothing"
      })
  void malformedUnsignedRequestsGetAClientError(String pathAndQuery) throws Exception {
    String response;
    try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + pathAndQuery
                      + " HTTP/1.1\r\nHost: 127.0.0.1:"
                      + sandbox.port()
                      + "\r\nAuthorization: OAuth oauth_consumer_key=\"x\"\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    int status = Integer.parseInt(response.substring(9, 12));
    assertThat(status).as(response).isBetween(400, 499);
    assertThat(response).doesNotContain("Exception");
  }
}
