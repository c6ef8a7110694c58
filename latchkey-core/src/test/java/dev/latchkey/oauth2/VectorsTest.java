package dev.latchkey.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Published vectors (copied from the shared reference's oauth1.json), one dynamic test each. */
class VectorsTest {

  private static JsonNode vectors() throws IOException {
    try (InputStream in = VectorsTest.class.getResourceAsStream("vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @TestFactory
  List<DynamicTest> pkceS256MatchesRfc7636AppendixB() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : vectors().get("pkce")) {
      String verifier = v.get("code_verifier").asText();
      String challenge = v.get("code_challenge_S256").asText();
      tests.add(
          dynamicTest(
              v.get("source").asText(),
              () -> assertThat(Pkce.fromVerifier(verifier).challenge()).isEqualTo(challenge)));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> pkceFromAppendixBOctetsGivesTheAppendixBVerifier() throws IOException {
    // RFC 7636 Appendix B lists the 32 octets behind the verifier.
    int[] octets = {
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
      105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121
    };
    byte[] bytes = new byte[octets.length];
    for (int i = 0; i < octets.length; i++) {
      bytes[i] = (byte) octets[i];
    }
    JsonNode v = vectors().get("pkce").get(0);
    return List.of(
        dynamicTest(
            "RFC 7636 Appendix B octets",
            () -> {
              Pkce pkce = Pkce.fromOctets(bytes);
              assertThat(pkce.verifier()).isEqualTo(v.get("code_verifier").asText());
              assertThat(pkce.challenge()).isEqualTo(v.get("code_challenge_S256").asText());
            }));
  }

  @TestFactory
  List<DynamicTest> basicCredentialsMatchPublishedVectors() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : vectors().get("basic_auth")) {
      String user = v.get("user").asText();
      String pass = v.get("pass").asText();
      String expected = v.get("expected").asText();
      tests.add(
          dynamicTest(
              v.get("source").asText(),
              () -> assertThat(TokenEndpoint.basicCredentials(user, pass)).isEqualTo(expected)));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> twitterAppOnlyHeaderMatchesTheXDocsVector() throws IOException {
    // The X docs vector has no character that form-encoding changes, so the RFC 6749 §2.3.1
    // header (encode, then Basic) must give exactly the published value.
    JsonNode v = vectors().get("basic_auth").get(0);
    return List.of(
        dynamicTest(
            v.get("source").asText(),
            () ->
                assertThat(
                        TokenEndpoint.basicHeader(v.get("user").asText(), v.get("pass").asText()))
                    .isEqualTo("Basic " + v.get("expected").asText())));
  }
}
