package dev.latchkey.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The fixture files and the fake secrets they hold. */
final class Fixtures {
  static final String ALICE_CK = "twCK0alice0000000000001";
  static final String ALICE_CS = "twCS0alice000000000000000000000000000000001";
  static final String ALICE_AT = "1111111111-twAT0alice00000000000000000001";
  static final String ALICE_ATS = "twATS0alice0000000000000000000000000000001";
  static final String ALICE_BEARER = "AAAAAAAAAAAAAAAAAAAAAtwBT0alice%2F000001%3D";
  static final String BOB_CK = "twCK0bob000000000000002";
  static final String BOB_CS = "twCS0bob0000000000000000000000000000000002";
  static final String BOB_AT = "2222222222-twAT0bob000000000000000000002";
  static final String BOB_ATS = "twATS0bob00000000000000000000000000000002";
  static final String BOB2_AT = "2222222222-twAT0bob2app0000000000000002";
  static final String BOB2_ATS = "twATS0bob2app00000000000000000000000000002";
  static final String CAROL_CK = "twCK0carol0000000000003";
  static final String CAROL_CS = "twCS0carol000000000000000000000000000000003";
  static final String CAROL_BEARER = "AAAAAAAAAAAAAAAAAAAAAtwBT0carol%2F000003%3D";
  static final String DAVE_CK = "twCK0dave000000000000004";
  static final String DAVE_BEARER = "AAAAAAAAAAAAAAAAAAAAAtwBT0dave%2F0000004%3D";
  static final String TUMBLR_CK = "tuCK0tumblr0000000000000000000000000000000000005";
  static final String TUMBLR_AT = "tuAT0tumblr0000000000000000000000000000000000005";
  static final String VK_TOKEN = "vkTOKEN0000000000000000000000000000000009";

  /** Every secret in every fixture, for checking that none leaks into a message. */
  static final List<String> SECRETS =
      List.of(
          ALICE_CK,
          ALICE_CS,
          ALICE_AT,
          ALICE_ATS,
          ALICE_BEARER,
          BOB_CK,
          BOB_CS,
          BOB_AT,
          BOB_ATS,
          BOB2_AT,
          BOB2_ATS,
          CAROL_CK,
          CAROL_CS,
          CAROL_BEARER,
          DAVE_CK,
          DAVE_BEARER,
          TUMBLR_CK,
          TUMBLR_AT,
          VK_TOKEN);

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a fixture to {@code dir/relative}, creating directories, and returns the path. */
  static Path copy(String name, Path dir, String relative) {
    try {
      Path target = dir.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes(name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
