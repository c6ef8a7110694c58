package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An independent OAuth 1.0a client (scribejava) runs the PIN flow against the sandbox and makes a
 * signed call. scribejava's {@code TwitterApi} hard-codes api.twitter.com, so the API is described
 * with the sandbox's URLs instead.
 */
class ScribeJavaInteropTest {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** scribejava's API description, with every URL taken from the sandbox. */
  static final class SandboxApi extends DefaultApi10a {
    private final URI base;

    SandboxApi(URI base) {
      this.base = base;
    }

    @Override
    public String getRequestTokenEndpoint() {
      return base + "/oauth/request_token";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return base + "/oauth/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return base + "/oauth/authorize";
    }
  }

  @ParameterizedTest
  @EnumSource(SandboxPlatform.class)
  void scribeJavaPinFlowAndSignedCallAreAccepted(SandboxPlatform platform) throws Exception {
    SandboxKeys keys = sandbox.keys(platform);
    OAuth10aService service =
        new ServiceBuilder(keys.consumerKey())
            .apiSecret(keys.consumerSecret())
            .callback("oob")
            .build(new SandboxApi(sandbox.base(platform)));
    OAuth1RequestToken requestToken = service.getRequestToken();
    assertThat(requestToken.isOauthCallbackConfirmed()).isTrue();

    URI authorize = URI.create(service.getAuthorizationUrl(requestToken));
    assertThat(Browser.open(authorize).statusCode()).isEqualTo(200);
    SandboxUser user = sandbox.users(platform).get(2);
    HttpResponse<String> pinPage =
        Browser.submit(authorize, requestToken.getToken(), Long.toString(user.id()), true);
    String pin = Browser.pin(pinPage);

    OAuth1AccessToken accessToken = service.getAccessToken(requestToken, pin);
    String resource =
        platform == SandboxPlatform.TWITTER
            ? sandbox.twitterBase() + "/1.1/account/verify_credentials.json?include_entities=true"
            : sandbox.tumblrBase() + "/v2/user/info";
    OAuthRequest request = new OAuthRequest(Verb.GET, resource);
    service.signRequest(accessToken, request);
    try (Response response = service.execute(request)) {
      assertThat(response.getCode()).as(response.getBody()).isEqualTo(200);
      assertThat(response.getBody()).contains(user.screenName());
    }
  }
}
