package dev.latchkey.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz targets for the parsers that read what a peer sent: the {@code Authorization} header and
 * form/percent-encoded text. Only {@link IllegalArgumentException} may come out of them.
 */
class OAuth1FuzzTest {

  @FuzzTest(maxDuration = "60s")
  void authorizationHeaderParseOnlyRejectsWithIllegalArgument(FuzzedDataProvider data) {
    String header = data.consumeRemainingAsString();
    List<Parameter> parsed;
    try {
      parsed = AuthorizationHeaderParser.parse(header);
    } catch (IllegalArgumentException expected) {
      return;
    }
    // What parses must survive a format/parse round trip (realm aside, which format writes raw).
    List<Parameter> withoutRealm = parsed.stream().filter(p -> !p.name().equals("realm")).toList();
    List<Parameter> again =
        AuthorizationHeaderParser.parse(AuthorizationHeader.format(withoutRealm, null));
    assertThat(again).containsExactlyInAnyOrderElementsOf(withoutRealm);
  }

  @FuzzTest(maxDuration = "60s")
  void formParsingAndPercentEncodingRoundTrip(FuzzedDataProvider data) {
    String text = data.consumeString(200);
    String raw = data.consumeRemainingAsString();
    // Encoding then decoding gives the text back, for any text without lone surrogates.
    if (text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)) {
      assertThat(PercentEncoding.decode(PercentEncoding.encode(text), false)).isEqualTo(text);
      assertThat(PercentEncoding.encode(text)).matches("[A-Za-z0-9._~%-]*");
    }
    try {
      List<Parameter> params = Parameter.parseForm(raw);
      // A lone "=" is a parameter with an empty name and value, and must survive the round trip.
      assertThat(Parameter.parseForm(Parameter.formEncode(params))).isEqualTo(params);
    } catch (IllegalArgumentException expected) {
      // malformed escapes are rejected by design
    }
  }
}
