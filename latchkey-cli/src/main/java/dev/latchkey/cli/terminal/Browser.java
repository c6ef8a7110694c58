package dev.latchkey.cli.terminal;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the person's browser, the way other command-line tools do: the commands in {@code
 * $BROWSER} first (colon-separated, tried in order; {@code %s} in a command stands for the URL,
 * else the URL is its last argument), then {@code open} on macOS or {@code xdg-open} on Linux with
 * a display, then Java's desktop integration. Commands run without a shell, so nothing in the URL
 * is interpreted. The caller has printed the URL already, so failing to open it is not an error.
 */
public final class Browser {
  /** When set, no browser is ever opened. */
  public static final String NO_BROWSER = "LATCHKEY_NO_BROWSER";

  /** The variable other tools (Python's webbrowser, git, the GitHub CLI) read too. */
  public static final String BROWSER = "BROWSER";

  /**
   * How long a browser command may run before it counts as opened: a browser that is already
   * running hands the URL over and exits at once, one that starts keeps running; a command that
   * fails within this time makes way for the next one.
   */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private Browser() {}

  /**
   * True when a browser was asked to open {@code uri}.
   *
   * @param allowed false for {@code --no-browser} or {@value #NO_BROWSER}
   * @param environment the command's environment ({@code BROWSER}, {@code DISPLAY}, ...)
   */
  public static boolean open(URI uri, boolean allowed, Map<String, String> environment) {
    if (!allowed) {
      return false;
    }
    for (List<String> command : commands(uri.toString(), environment)) {
      if (run(command)) {
        return true;
      }
    }
    return desktop(uri);
  }

  /** The commands to try, in order, each with the URL in place. */
  static List<List<String>> commands(String url, Map<String, String> environment) {
    List<List<String>> commands = new ArrayList<>();
    String browser = environment.get(BROWSER);
    if (browser != null) {
      for (String entry : browser.split(File.pathSeparator)) {
        command(entry, url).ifPresent(commands::add);
      }
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      commands.add(List.of("open", url));
    } else if (os.contains("linux")
        && (present(environment, "DISPLAY") || present(environment, "WAYLAND_DISPLAY"))) {
      commands.add(List.of("xdg-open", url));
    }
    return commands;
  }

  /** One {@code $BROWSER} entry as a command: words split on spaces, {@code %s} the URL. */
  private static Optional<List<String>> command(String entry, String url) {
    List<String> words = new ArrayList<>();
    boolean placed = false;
    for (String word : entry.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (word.contains("%s")) {
        word = word.replace("%s", url);
        placed = true;
      }
      words.add(word);
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    if (!placed) {
      words.add(url);
    }
    return Optional.of(List.copyOf(words));
  }

  private static boolean present(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value != null && !value.isEmpty();
  }

  /**
   * Runs a browser command with no input (it must not take what is typed for the command) and its
   * output discarded; true unless it cannot start or fails within {@link #SETTLE}.
   */
  private static boolean run(List<String> command) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException | RuntimeException e) {
      return false; // not installed, not executable: try the next one
    }
    try {
      if (process.waitFor(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue() == 0;
      }
      return true; // still running: a browser that started
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static boolean desktop(URI uri) {
    try {
      if (GraphicsEnvironment.isHeadless()
          || !Desktop.isDesktopSupported()
          || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        return false;
      }
      Desktop.getDesktop().browse(uri);
      return true;
    } catch (Exception | LinkageError e) {
      // No browser is not an error: the URL is already on the screen.
      return false;
    }
  }
}
