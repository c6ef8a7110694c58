package dev.latchkey.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 10: {@code $BROWSER} is honoured as the README says: colon-separated commands
 * tried in order, {@code %s} or a last argument for the URL, run without a shell.
 */
class BrowserTest {
  @TempDir Path dir;

  /** A URL a shell would split and run parts of: {@code &}, {@code ;} and {@code $(...)}. */
  static final URI URL = URI.create("http://127.0.0.1:9/cb?state=a&code=b;c$(touch%20x)");

  /** A browser that records its arguments, one a line, and exits with {@code exit}. */
  Path fakeBrowser(String name, int exit) throws Exception {
    Path script = dir.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \""
            + dir.resolve(name + ".args")
            + "\"\nexit "
            + exit
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  List<String> argumentsOf(String name) throws Exception {
    return Files.readAllLines(dir.resolve(name + ".args"));
  }

  @Test
  void theUrlIsTheLastArgumentOfABrowserCommandRunWithoutAShell() throws Exception {
    Path browser = fakeBrowser("browser", 0);

    boolean opened = Browser.open(URL, true, Map.of("BROWSER", browser + " --new-tab"));

    assertThat(opened).isTrue();
    assertThat(argumentsOf("browser")).containsExactly("--new-tab", URL.toString());
  }

  @Test
  void percentSStandsForTheUrl() throws Exception {
    Path browser = fakeBrowser("browser", 0);

    assertThat(Browser.open(URL, true, Map.of("BROWSER", browser + " --url=%s --then"))).isTrue();

    assertThat(argumentsOf("browser")).containsExactly("--url=" + URL, "--then");
  }

  @Test
  void commandsAreTriedInOrderUntilOneStartsAndDoesNotFail() throws Exception {
    Path failing = fakeBrowser("failing", 3);
    Path working = fakeBrowser("working", 0);
    String browsers = dir.resolve("not-installed") + "::" + failing + ":" + working;

    assertThat(Browser.open(URL, true, Map.of("BROWSER", browsers))).isTrue();

    assertThat(argumentsOf("failing")).containsExactly(URL.toString());
    assertThat(argumentsOf("working")).containsExactly(URL.toString());
  }

  @Test
  void aBrowserStillRunningAfterASecondCountsAsOpened() throws Exception {
    Path slow = dir.resolve("slow");
    Files.writeString(slow, "#!/bin/sh\nsleep 5\n");
    Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));

    long start = System.nanoTime();
    assertThat(Browser.open(URL, true, Map.of("BROWSER", slow.toString()))).isTrue();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
  }

  @Test
  void notAllowedMeansNothingRuns() throws Exception {
    Path browser = fakeBrowser("browser", 0);

    assertThat(Browser.open(URL, false, Map.of("BROWSER", browser.toString()))).isFalse();

    assertThat(dir.resolve("browser.args")).doesNotExist();
  }

  @Test
  void withoutBrowserOrDisplayNoCommandIsTriedOnLinux() {
    if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return;
    }
    assertThat(Browser.commands("http://x/", Map.of())).isEmpty();
    assertThat(Browser.commands("http://x/", Map.of("DISPLAY", ":0")))
        .containsExactly(List.of("xdg-open", "http://x/"));
    assertThat(Browser.commands("http://x/", Map.of("BROWSER", "a %s:b", "WAYLAND_DISPLAY", "w")))
        .containsExactly(
            List.of("a", "http://x/"), List.of("b", "http://x/"), List.of("xdg-open", "http://x/"));
  }
}
