package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth2Token;
import dev.latchkey.keychain.Secret;
import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platforms;
import java.net.http.HttpClient;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRevocationTest {
  final RecordingServer server;
  final HttpClient http = HttpClient.newHttpClient();

  TokenRevocationTest() throws Exception {
    server = new RecordingServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void xRevokesTheRefreshTokenThenTheAccessTokenWithHintsAndBasicAuth() throws Exception {
    server.enqueue(200, "{\"revoked\":true}").enqueue(200, "{\"revoked\":true}");
    TokenRevocation revocation =
        new TokenRevocation(http, Platforms.twitter().withHosts(Hosts.all(server.base())));
    OAuth2Token t =
        new OAuth2Token(Secret.of("access-x"), Secret.of("refresh-x"), null, Set.of(), "cid");

    revocation.revoke(new OAuth2Client("cid", Secret.of("csecret")), t);

    assertThat(server.requests()).hasSize(2);
    RecordingServer.Request first = server.requests().get(0);
    assertThat(first.path()).isEqualTo("/2/oauth2/revoke");
    assertThat(first.form())
        .containsEntry("token", "refresh-x")
        .containsEntry("token_type_hint", "refresh_token")
        .containsEntry("client_id", "cid");
    assertThat(first.header("Authorization"))
        .isEqualTo("Basic " + TokenEndpoint.basicCredentials("cid", "csecret"));
    assertThat(server.requests().get(1).form())
        .containsEntry("token", "access-x")
        .containsEntry("token_type_hint", "access_token");
  }

  @Test
  void twitterInvalidatesTheAppTokenWithAccessTokenInTheBody() throws Exception {
    server.enqueue(200, "{\"access_token\":\"AAAA%2Fbearer\"}");
    TokenRevocation revocation =
        new TokenRevocation(http, Platforms.twitter().withHosts(Hosts.all(server.base())));

    revocation.invalidate(AppCredentials.of("ckey", "csecret"), BearerToken.of("AAAA%2Fbearer"));

    RecordingServer.Request r = server.only();
    assertThat(r.path()).isEqualTo("/oauth2/invalidate_token");
    assertThat(r.form()).containsEntry("access_token", "AAAA%2Fbearer");
    assertThat(r.header("Authorization"))
        .isEqualTo("Basic " + TokenEndpoint.basicCredentials("ckey", "csecret"));
  }

  @Test
  void tumblrHasNoRevocationEndpointAndSaysWhatToDoInstead() {
    TokenRevocation revocation =
        new TokenRevocation(http, Platforms.tumblr().withHosts(Hosts.all(server.base())));
    assertThat(revocation.canRevokeUserTokens()).isFalse();

    OAuth2Exception e =
        catchThrowableOfType(
            () ->
                revocation.revoke(
                    OAuth2Client.publicClient("c"),
                    new OAuth2Token(Secret.of("a"), null, null, Set.of(), null)),
            OAuth2Exception.class);

    assertThat(e.getMessage()).contains("tumblr", "settings");
    assertThat(server.requests()).isEmpty();
  }
}
