package dev.latchkey.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.keychain.KeychainException.Reason;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged, truncated or hostile keychain file is reported by kind and never changed. */
class KeychainDamageTest {
  static final char[] PASSPHRASE = "damage test passphrase".toCharArray();
  static final Account ALICE = KeychainContractTest.full(new AccountId("twitter", "alice"));

  @TempDir Path home;
  Path path;
  byte[] good;

  KeychainOptions.Builder options(char[] passphrase) {
    // Work factor 2 keeps thousands of opens fast; the format checks do not depend on it.
    return KeychainOptions.builder(
            home.resolve(Keychain.FILE_NAME), PassphraseSource.of(passphrase))
        .weakWorkFactorForTesting(2);
  }

  @BeforeEach
  void writeSmallKeychain() throws Exception {
    try (Keychain k = Keychain.open(options(PASSPHRASE).build())) {
      k.add(ALICE);
      path = k.path();
    }
    good = Files.readAllBytes(path);
    assertThat(good.length).isEqualTo(4096);
  }

  KeychainException openFails(byte[] content) throws Exception {
    // Delete and create rather than truncate: ext4 flushes a file truncated by O_TRUNC on close,
    // which made this test spend its time in the disk.
    Files.delete(path);
    try (SeekableByteChannel out =
        Files.newByteChannel(
            path,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      out.write(ByteBuffer.wrap(content));
    }
    KeychainException e =
        catchThrowableOfType(
            KeychainException.class, () -> Keychain.open(options(PASSPHRASE).build()));
    assertThat(e).as("damaged keychain must not open").isNotNull();
    assertThat(Files.readAllBytes(path)).as("file left untouched").isEqualTo(content);
    assertThat(e.getMessage()).doesNotContain("\n").contains(path.toString());
    for (String secret : secrets()) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
    return e;
  }

  static List<String> secrets() {
    List<String> all = new ArrayList<>(KeychainContractTest.secretsOf(ALICE));
    all.add(new String(PASSPHRASE));
    return all;
  }

  @Test
  void truncationAtEveryOffsetIsReportedAsTruncatedAndLeftUntouched() throws Exception {
    for (int length = 0; length < good.length; length++) {
      KeychainException e = openFails(Arrays.copyOf(good, length));
      assertThat(e.reason()).as("cut at %d", length).isEqualTo(Reason.TRUNCATED);
    }
    assertThat(path.resolveSibling(Keychain.FILE_NAME + ".bak")).doesNotExist();
  }

  @Test
  void bitFlipsInEachRegionFailAuthenticationAndLeaveTheFileUntouched() throws Exception {
    String text = new String(good, StandardCharsets.ISO_8859_1);
    int stanza = text.indexOf("\n-> scrypt ") + 1;
    int argsStart = stanza + "-> scrypt ".length();
    int bodyStart = text.indexOf('\n', stanza) + 1;
    int macStart = text.indexOf("\n--- ") + 1;
    int headerEnd = text.indexOf('\n', macStart) + 1;
    Set<Reason> authFailure = EnumSet.of(Reason.TAMPERED);
    Set<Reason> stanzaFailure = EnumSet.of(Reason.WRONG_PASSPHRASE, Reason.TAMPERED);
    check("version line", 0, 22, authFailure);
    check("stanza type", stanza + 3, stanza + 9, EnumSet.of(Reason.UNREADABLE, Reason.TAMPERED));
    check("stanza args", argsStart, bodyStart - 1, stanzaFailure);
    check("stanza body", bodyStart, macStart - 1, stanzaFailure);
    check("header MAC", macStart + 4, headerEnd - 1, authFailure);
    check("payload nonce", headerEnd, headerEnd + 16, authFailure);
    check("payload body", headerEnd + 16, good.length - 16, authFailure);
    check("last tag", good.length - 16, good.length, authFailure);
  }

  @Test
  void bytesAppendedAfterTheEndAreReportedAsSuchNotAsTruncation() throws Exception {
    for (byte[] tail :
        List.of(
            "\n".getBytes(StandardCharsets.US_ASCII), // echo >> keychain.age
            "export X=1\n".getBytes(StandardCharsets.US_ASCII),
            new byte[100])) {
      byte[] appended = Arrays.copyOf(good, good.length + tail.length);
      System.arraycopy(tail, 0, appended, good.length, tail.length);

      KeychainException e = openFails(appended);

      assertThat(e.reason()).isEqualTo(Reason.TAMPERED);
      assertThat(e.getMessage())
          .contains(tail.length + " bytes after its end")
          .contains("truncate -s " + good.length + " " + path)
          .doesNotContain("truncated");
    }
  }

  @Test
  void aFlipInTheHeadersEndMarkerIsReportedAsDamageNotTruncation() throws Exception {
    String text = new String(good, StandardCharsets.ISO_8859_1);
    int marker = text.indexOf("\n--- ");
    int macLineEnd = text.indexOf('\n', marker + 1);
    for (int offset : new int[] {marker, marker + 1, marker + 2, marker + 3, macLineEnd}) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = good.clone();
        flipped[offset] ^= (byte) (1 << bit);
        KeychainException e = openFails(flipped);
        assertThat(e.reason())
            .as("bit %d of byte %d", bit, offset)
            .isIn(Reason.TAMPERED, Reason.UNREADABLE, Reason.WRONG_PASSPHRASE);
      }
    }
  }

  private void check(String region, int from, int to, Set<Reason> allowed) throws Exception {
    // every bit of the first, middle and last byte of the region
    for (int offset : new int[] {from, (from + to) / 2, to - 1}) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = good.clone();
        flipped[offset] ^= (byte) (1 << bit);
        KeychainException e = openFails(flipped);
        assertThat(e.reason()).as("%s: bit %d of byte %d", region, bit, offset).isIn(allowed);
      }
    }
  }

  @Test
  void wrongPassphraseIsReportedAsSuchAfterAskingOnce() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    KeychainOptions options =
        KeychainOptions.builder(
                path,
                creating -> {
                  asked.incrementAndGet();
                  assertThat(creating).isFalse();
                  return "not the passphrase".toCharArray();
                })
            .build();
    assertThatThrownBy(() -> Keychain.open(options))
        .isInstanceOfSatisfying(
            KeychainException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE);
              assertThat(e.getMessage()).contains(path.toString()).doesNotContain("not the");
            });
    assertThat(asked).hasValue(1);
    assertThat(Files.readAllBytes(path)).isEqualTo(good);
  }

  @Test
  void hostileWorkFactorIsRefusedQuicklyWithoutScrypt() throws Exception {
    String text = new String(good, StandardCharsets.ISO_8859_1);
    for (String wf : List.of("23", "40")) {
      String hostile = text.replaceFirst("(\n-> scrypt [A-Za-z0-9+/]{22}) 2\n", "$1 " + wf + "\n");
      assertThat(hostile).isNotEqualTo(text);
      KeychainException e = openFails(hostile.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
      assertThat(e.getMessage()).contains("work factor " + wf);
    }
  }

  @Test
  void somethingThatIsNotAgeIsUnreadable() throws Exception {
    KeychainException e = openFails("{\"version\": 1}\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
  }

  @Test
  void theBackupOpensWhenTheKeychainIsDamaged() throws Exception {
    try (Keychain k = Keychain.open(options(PASSPHRASE).build())) {
      k.add(Account.empty(new AccountId("twitter", "bob")));
    }
    Path bak = path.resolveSibling(Keychain.FILE_NAME + ".bak");
    Files.write(path, Arrays.copyOf(good, 100));
    Path restored = home.resolve("restored");
    Files.createDirectory(
        restored,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.copy(bak, restored.resolve(Keychain.FILE_NAME));
    try (Keychain k =
        Keychain.open(
            KeychainOptions.builder(
                    restored.resolve(Keychain.FILE_NAME), PassphraseSource.of(PASSPHRASE))
                .build())) {
      assertThat(k.get(ALICE.id())).contains(ALICE);
    }
  }
}
