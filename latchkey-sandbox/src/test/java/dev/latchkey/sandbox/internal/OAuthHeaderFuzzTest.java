package dev.latchkey.sandbox.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.oauth1.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code Authorization} parser must answer any input with a list or an {@link
 * OAuthHeaderException}, nothing else. Seeds: the three header styles of protocol-facts A.7.
 */
class OAuthHeaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parseNeverThrowsAnythingButAParseError(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    List<Parameter> params;
    try {
      params = OAuthHeader.parse(header);
    } catch (OAuthHeaderException expected) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (Parameter p : params) {
      if (p.name().equals("realm")) {
        throw new IllegalStateException("realm must be dropped");
      }
      if (!names.add(p.name())) {
        throw new IllegalStateException("duplicate accepted");
      }
    }
  }
}
