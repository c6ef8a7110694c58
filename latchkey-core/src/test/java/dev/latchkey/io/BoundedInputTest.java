package dev.latchkey.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.latchkey.io.InputException.Kind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedInputTest {
  @TempDir Path dir;

  /** An endless stream of zeros that counts what was read from it. */
  static final class Endless extends InputStream {
    final AtomicLong served = new AtomicLong();

    @Override
    public int read() {
      served.incrementAndGet();
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      served.addAndGet(len);
      return len;
    }
  }

  @Test
  void anEndlessStreamIsRefusedOnceItPassesTheBoundNamingTheSource() {
    Endless endless = new Endless();

    InputException e =
        catchThrowableOfType(
            () -> BoundedInput.readStream(endless, 1 << 20, "standard input"),
            InputException.class);

    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.getMessage())
        .isEqualTo("standard input is larger than 1 MiB, the most Latchkey reads from it");
    assertThat(endless.served.get()).isLessThanOrEqualTo((1 << 20) + 1);
  }

  @Test
  void inputOfExactlyTheBoundIsRead() throws Exception {
    byte[] data = new byte[5000];
    data[4999] = 7;
    assertThat(BoundedInput.readStream(new ByteArrayInputStream(data), 5000, "x")).isEqualTo(data);
    Path file = dir.resolve("f");
    Files.write(file, data);
    assertThat(BoundedInput.readFile(file, 5000, "f")).isEqualTo(data);
    assertThat(
            catchThrowableOfType(() -> BoundedInput.readFile(file, 4999, "f"), InputException.class)
                .kind())
        .isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void devZeroIsRefusedAsADeviceWithoutReadingIt() {
    InputException e =
        catchThrowableOfType(
            () -> BoundedInput.readFile(Path.of("/dev/zero"), 1 << 20, "import file /dev/zero"),
            InputException.class);

    assertThat(e.kind()).isEqualTo(Kind.NOT_REGULAR);
    assertThat(e.getMessage()).startsWith("import file /dev/zero is a device, not a regular file;");
  }

  @Test
  void aNamedPipeWithoutAWriterIsRefusedAtOnce() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    Path link = dir.resolve("link-to-fifo");
    Files.createSymbolicLink(link, fifo);

    for (Path p : List.of(fifo, link)) {
      InputException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  catchThrowableOfType(
                      () -> BoundedInput.readFile(p, 100, "fifo"), InputException.class));
      assertThat(e.kind()).isEqualTo(Kind.NOT_REGULAR);
      assertThat(e.getMessage()).contains("named pipe (FIFO)").contains("standard input");
    }
  }

  @Test
  void aDirectoryAndAMissingFileAreRefusedNamingThem() {
    InputException directory =
        catchThrowableOfType(() -> BoundedInput.readFile(dir, 100, "~/conf"), InputException.class);
    assertThat(directory.kind()).isEqualTo(Kind.DIRECTORY);
    assertThat(directory.getMessage()).startsWith("~/conf is a directory");

    InputException missing =
        catchThrowableOfType(
            () -> BoundedInput.readFile(dir.resolve("nope"), 100, "~/nope"), InputException.class);
    assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(missing.getMessage()).isEqualTo("~/nope does not exist; check the path");
  }

  @Test
  void aSymbolicLinkToARegularFileIsFollowed() throws Exception {
    Path real = dir.resolve("real");
    Files.writeString(real, "content");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, real);
    assertThat(BoundedInput.readFile(link, 100, "link")).isEqualTo("content".getBytes());
  }

  @Test
  void anAnonymousPipeAsProcessSubstitutionNamesItIsReadLikeAFile() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "Linux /proc needed");
    Set<String> before = pipeFds(fds);
    Pipe pipe = Pipe.open();
    try {
      Set<String> ours = pipeFds(fds);
      ours.removeAll(before);
      pipe.sink().write(ByteBuffer.wrap("secret from a pipe\n".getBytes(StandardCharsets.UTF_8)));
      pipe.sink().close();
      ours.retainAll(pipeFds(fds)); // the source end is still open
      assertThat(ours).hasSize(1);
      Path devFd = Path.of("/dev/fd/" + ours.iterator().next());

      byte[] read =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> BoundedInput.readFile(devFd, 100, "passphrase file"));

      assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("secret from a pipe\n");
    } finally {
      pipe.source().close();
    }
  }

  static Set<String> pipeFds(Path fds) throws Exception {
    Set<String> out = new HashSet<>();
    try (Stream<Path> entries = Files.list(fds)) {
      for (Path fd : entries.toList()) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
            out.add(fd.getFileName().toString());
          }
        } catch (Exception e) {
          // closed meanwhile
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ff", // never valid
        "c080", // overlong NUL
        "eda080", // a UTF-16 surrogate
        "f4908080", // past U+10FFFF
        "e282", // cut short at the end
        "41c3" // cut short after a good byte
      })
  void malformedUtf8IsRefusedNamingTheSourceAndTheOffsetNeverReplaced(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    InputException e =
        catchThrowableOfType(
            () -> BoundedInput.decodeUtf8(bytes, "standard input"), InputException.class);

    assertThat(e.kind()).isEqualTo(Kind.NOT_UTF8);
    assertThat(e.getMessage())
        .startsWith("standard input is not UTF-8 text (an invalid byte at offset ")
        .endsWith("); save it as UTF-8");
  }

  @Test
  void theOffsetOfTheFirstBadByteIsNamed() {
    byte[] bytes = "key=abc\u00e9".getBytes(StandardCharsets.UTF_8);
    bytes[8] = (byte) 0xff; // the é's second byte
    InputException e =
        catchThrowableOfType(() -> BoundedInput.decodeUtf8(bytes, "f"), InputException.class);
    assertThat(e.getMessage()).contains("offset 7");
  }

  @Test
  void validUtf8IsDecodedWhole() throws Exception {
    String text = "caf\u00e9 \ud83d\udd11 \u4e2d";
    assertThat(BoundedInput.decodeUtf8(text.getBytes(StandardCharsets.UTF_8), "x")).isEqualTo(text);
  }
}
