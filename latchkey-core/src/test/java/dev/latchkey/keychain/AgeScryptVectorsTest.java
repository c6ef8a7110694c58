package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.internal.AgeCodec;
import dev.latchkey.keychain.internal.ScryptRecipient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every C2SP/CCTV age scrypt vector, one dynamic test each, each expected failure mapped to the
 * keychain's error reason.
 */
class AgeScryptVectorsTest {

  @TestFactory
  Stream<DynamicTest> everyScryptVectorGivesItsExpectedResult() throws Exception {
    Path dir = vectorDir();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(25);
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) throws Exception {
    Vector v = Vector.parse(Files.readAllBytes(file));
    String expect = v.headers.get("expect").get(0);
    // Vectors with two passphrases (scrypt_double) must fail for each; use the first.
    ScryptRecipient recipient =
        ScryptRecipient.of(v.headers.get("passphrase").get(0).toCharArray(), new SecureRandom());
    if (expect.equals("success")) {
      byte[] plain = AgeCodec.open(v.body, recipient, file.getFileName().toString());
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
      assertThat(sha).isEqualTo(v.headers.get("payload").get(0));
      assertThat(recipient.derivations()).isEqualTo(1);
      return;
    }
    KeychainException e =
        catchThrowableOfType(
            KeychainException.class,
            () -> AgeCodec.open(v.body, recipient, file.getFileName().toString()));
    assertThat(e).as("a " + expect + " vector must not decrypt").isNotNull();
    assertThat(e.reason()).isEqualTo(expectedReason(expect, v));
    assertThat(e.getMessage()).doesNotContain("\n").contains(file.getFileName().toString());
    if (file.getFileName().toString().equals("scrypt_work_factor_23")) {
      assertThat(recipient.derivations()).as("work factor refused before scrypt").isZero();
    }
  }

  private static Reason expectedReason(String expect, Vector v) {
    String text = new String(v.body, StandardCharsets.ISO_8859_1);
    switch (expect) {
      case "no match":
        // A stanza of type exactly "scrypt" that fails to unwrap is a wrong passphrase; any
        // other type (e.g. "Scrypt") is not a passphrase-encrypted file at all.
        return text.contains("\n-> scrypt ") ? Reason.WRONG_PASSPHRASE : Reason.UNREADABLE;
      case "header failure":
        return Reason.UNREADABLE;
      case "payload failure":
        return Reason.TRUNCATED;
      default:
        throw new AssertionError("unknown expectation " + expect);
    }
  }

  @Test
  void hostileWorkFactorsAreRefusedWithoutRunningScrypt() throws Exception {
    Vector v = Vector.parse(Files.readAllBytes(vectorDir().resolve("scrypt")));
    for (String wf : List.of("23", "40", "99999999999999999999")) {
      String text =
          new String(v.body, StandardCharsets.ISO_8859_1)
              .replace("rF0/NwblUHHTpgQgRpe5CQ 10", "rF0/NwblUHHTpgQgRpe5CQ " + wf);
      ScryptRecipient recipient = ScryptRecipient.of("password".toCharArray(), new SecureRandom());
      assertThatThrownBy(
              () -> AgeCodec.open(text.getBytes(StandardCharsets.ISO_8859_1), recipient, "k"))
          .isInstanceOfSatisfying(
              KeychainException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                assertThat(e.getMessage()).contains("work factor");
              });
      assertThat(recipient.derivations()).isZero();
    }
  }

  static Path vectorDir() throws URISyntaxException {
    return Path.of(AgeScryptVectorsTest.class.getResource("age-scrypt/scrypt").toURI()).getParent();
  }

  /** A CCTV vector: {@code key: value} headers, a blank line, then the age file. */
  record Vector(Map<String, List<String>> headers, byte[] body) {
    static Vector parse(byte[] raw) throws IOException {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      int pos = 0;
      while (true) {
        int nl = indexOf(raw, (byte) '\n', pos);
        String line = new String(raw, pos, nl - pos, StandardCharsets.UTF_8);
        pos = nl + 1;
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(": ");
        headers
            .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
            .add(line.substring(colon + 2));
      }
      byte[] body = new byte[raw.length - pos];
      System.arraycopy(raw, pos, body, 0, body.length);
      return new Vector(headers, body);
    }

    private static int indexOf(byte[] data, byte b, int from) {
      for (int i = from; i < data.length; i++) {
        if (data[i] == b) {
          return i;
        }
      }
      throw new IllegalArgumentException("vector has no blank line");
    }
  }
}
