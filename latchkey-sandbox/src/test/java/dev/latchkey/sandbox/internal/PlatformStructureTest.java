package dev.latchkey.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A platform is a description plus its routes: the shared machinery never asks which platform it
 * serves, so a third platform cannot quietly behave like one of the first two.
 */
class PlatformStructureTest {
  private static final Path INTERNAL = Path.of("src/main/java/dev/latchkey/sandbox/internal");
  private static final Pattern PLATFORM_BRANCH =
      Pattern.compile("SandboxPlatform\\.(TWITTER|TUMBLR)|\"/(twitter|tumblr)/");

  @Test
  void sharedMachineryNamesNoPlatform() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(INTERNAL)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.startsWith(INTERNAL.resolve("twitter")))
              .filter(p -> !p.startsWith(INTERNAL.resolve("tumblr")))
              .filter(PlatformStructureTest::branchesOnAPlatform)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void eachPlatformPackageHasOneModule() throws IOException {
    for (String platform : List.of("twitter", "tumblr")) {
      try (Stream<Path> files = Files.list(INTERNAL.resolve(platform))) {
        long modules = files.filter(p -> read(p).contains("implements PlatformModule")).count();
        assertThat(modules).as(platform).isEqualTo(1);
      }
    }
  }

  private static boolean branchesOnAPlatform(Path file) {
    return PLATFORM_BRANCH.matcher(read(file)).find();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
