package dev.latchkey.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import dev.latchkey.io.SafeText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platforms Latchkey knows, with their hosts resolved from (lowest to highest precedence) the
 * built-in real hosts, the config file, {@code LATCHKEY_SANDBOX}, and the per-platform environment
 * variables. Command-line flags are applied on top by the caller with {@link
 * Platform#withHosts(Hosts)}.
 *
 * <p>Environment, for each platform P ({@code TWITTER}, {@code TUMBLR}): {@code
 * LATCHKEY_P_API_BASE}, {@code LATCHKEY_P_OAUTH_BASE}, {@code LATCHKEY_P_WEB_BASE}, {@code
 * LATCHKEY_P_HOSTS} (a named host set such as {@code legacy}); and {@code LATCHKEY_SANDBOX=URL}
 * pointing every platform at {@code URL/<platform>}.
 */
public final class Platforms {
  /** The environment variable that points every platform at a sandbox. */
  public static final String SANDBOX_VARIABLE = "LATCHKEY_SANDBOX";

  private final Map<String, Platform> byName;

  private Platforms(Map<String, Platform> byName) {
    this.byName = byName;
  }

  /** X (Twitter) at its real hosts: {@code api.x.com}, or {@code api.twitter.com} as "legacy". */
  public static Platform twitter() {
    return Twitter.description();
  }

  /** Tumblr at its real hosts: API on {@code api.tumblr.com}, OAuth on {@code www.tumblr.com}. */
  public static Platform tumblr() {
    return Tumblr.description();
  }

  /** Every built-in platform at its real hosts. */
  public static Platforms builtIn() {
    Map<String, Platform> m = new LinkedHashMap<>();
    for (Platform p : List.of(twitter(), tumblr())) {
      m.put(p.name(), p);
    }
    return new Platforms(m);
  }

  /** These platforms plus (or replacing) one. */
  public Platforms with(Platform platform) {
    Map<String, Platform> m = new LinkedHashMap<>(byName);
    m.put(platform.name(), platform);
    return new Platforms(m);
  }

  /**
   * The platform called {@code name}.
   *
   * @throws IllegalArgumentException naming the platforms there are
   */
  public Platform get(String name) {
    Platform p = name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown platform '"
              + SafeText.forMessage(name)
              + "'; choose one of "
              + String.join(", ", byName.keySet()));
    }
    return p;
  }

  /** Every platform, in a stable order. */
  public List<Platform> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The platforms whose endpoint table knows a call: {@code GET /1.1/statuses/user_timeline.json}
   * can only be X's. Several when platforms share a path; none for a path no table knows.
   */
  public List<Platform> serving(String method, String path) {
    return byName.values().stream().filter(p -> p.serves(method, path)).toList();
  }

  /**
   * The config file's place: {@code $LATCHKEY_HOME/config.json}, else {@code
   * $XDG_CONFIG_HOME/latchkey/config.json}, else {@code ~/.config/latchkey/config.json}.
   */
  public static Path defaultConfigFile(Map<String, String> environment) {
    String home = environment.get("LATCHKEY_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "config.json");
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "latchkey", "config.json");
    }
    return Path.of(
        environment.getOrDefault("HOME", System.getProperty("user.home")),
        ".config",
        "latchkey",
        "config.json");
  }

  /**
   * The built-in platforms with hosts taken from the config file (when it exists) and the
   * environment.
   *
   * <p>Config file shape: {@code {"sandbox": "http://127.0.0.1:8080", "platforms": {"twitter":
   * {"hosts": "legacy", "apiBase": "...", "oauthBase": "...", "webBase": "..."}}}}.
   *
   * @throws IllegalArgumentException naming the file, variable or value that is wrong
   */
  public static Platforms configured(Map<String, String> environment, Path configFile) {
    Platforms base = builtIn();
    ConfigFile config = ConfigFile.read(configFile);
    Map<String, Platform> m = new LinkedHashMap<>();
    for (Platform p : base.all()) {
      String where = "config file " + configFile;
      PlatformConfig pc = config.platforms().get(p.name());
      if (config.sandbox() != null) {
        p = p.withHosts(sandboxHosts(where + " \"sandbox\"", config.sandbox(), p));
      }
      if (pc != null) {
        p =
            apply(
                p,
                where + " platform " + p.name(),
                pc.hosts(),
                pc.apiBase(),
                pc.oauthBase(),
                pc.webBase());
      }
      String sandbox = environment.get(SANDBOX_VARIABLE);
      if (sandbox != null && !sandbox.isBlank()) {
        p = p.withHosts(sandboxHosts(SANDBOX_VARIABLE, sandbox, p));
      }
      String prefix = p.environmentPrefix();
      p =
          apply(
              p,
              "environment",
              environment.get(prefix + "HOSTS"),
              environment.get(prefix + "API_BASE"),
              environment.get(prefix + "OAUTH_BASE"),
              environment.get(prefix + "WEB_BASE"));
      m.put(p.name(), p);
    }
    for (String unknown : config.platforms().keySet()) {
      if (!m.containsKey(unknown)) {
        throw new IllegalArgumentException(
            "config file "
                + configFile
                + " names unknown platform '"
                + unknown
                + "'; known: "
                + String.join(", ", m.keySet()));
      }
    }
    return new Platforms(m);
  }

  private static Hosts sandboxHosts(String what, String url, Platform p) {
    URI base = Hosts.parseBase(what, url);
    return Hosts.all(URI.create(base + "/" + p.name()));
  }

  private static Platform apply(
      Platform p, String where, String hosts, String api, String oauth, String web) {
    if (hosts != null && !hosts.isBlank()) {
      try {
        p = p.withAlternateHosts(hosts.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    Hosts h = p.hosts();
    String prefix = p.environmentPrefix();
    if (api != null && !api.isBlank()) {
      h = h.withApi(Hosts.parseBase(where + " " + prefix + "API_BASE", api));
    }
    if (oauth != null && !oauth.isBlank()) {
      h = h.withOAuth(Hosts.parseBase(where + " " + prefix + "OAUTH_BASE", oauth));
    }
    if (web != null && !web.isBlank()) {
      h = h.withWeb(Hosts.parseBase(where + " " + prefix + "WEB_BASE", web));
    }
    return p.withHosts(h);
  }

  /** The most a config file may hold. */
  static final int MAX_CONFIG_BYTES = 1 << 20;

  /** The config file's JSON. */
  record ConfigFile(
      @JsonProperty("sandbox") String sandbox,
      @JsonProperty("platforms") Map<String, PlatformConfig> platforms) {
    ConfigFile {
      platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
    }

    static ConfigFile read(Path file) {
      if (file == null) {
        return new ConfigFile(null, null);
      }
      byte[] bytes;
      try {
        bytes = BoundedInput.readFile(file, MAX_CONFIG_BYTES, "config file " + file);
      } catch (InputException e) {
        if (e.kind() == InputException.Kind.NOT_FOUND) {
          return new ConfigFile(null, null);
        }
        throw new IllegalArgumentException(e.getMessage());
      }
      try {
        return new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readValue(bytes, ConfigFile.class);
      } catch (IOException e) {
        String detail =
            Optional.ofNullable(e.getMessage()).orElse("").lines().findFirst().orElse("");
        throw new IllegalArgumentException(
            "config file "
                + file
                + " is not valid: "
                + detail
                + "; expected {\"sandbox\": URL, \"platforms\": {\"twitter\": {\"apiBase\": URL, ...}}}");
      }
    }
  }

  /** One platform's entry in the config file. */
  record PlatformConfig(
      @JsonProperty("hosts") String hosts,
      @JsonProperty("apiBase") String apiBase,
      @JsonProperty("oauthBase") String oauthBase,
      @JsonProperty("webBase") String webBase) {}
}
