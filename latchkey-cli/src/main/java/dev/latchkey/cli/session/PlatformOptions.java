package dev.latchkey.cli.session;

import dev.latchkey.platform.Hosts;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import picocli.CommandLine.Option;

/**
 * The host options shared by the commands that talk to a platform. Hosts come from, lowest first:
 * the real hosts, {@code $LATCHKEY_HOME/config.json}, {@code LATCHKEY_SANDBOX}, {@code
 * LATCHKEY_<PLATFORM>_API_BASE}/{@code _OAUTH_BASE}/{@code _WEB_BASE}/{@code _HOSTS}, and these
 * flags.
 */
public final class PlatformOptions {
  @Option(
      names = "--api-base",
      paramLabel = "URL",
      description = "The platform's API base URL (default: the real host, e.g. https://api.x.com).")
  String apiBase;

  @Option(
      names = "--oauth-base",
      paramLabel = "URL",
      description = "The base URL of the OAuth 1.0a endpoints (default: the real host).")
  String oauthBase;

  @Option(
      names = "--hosts",
      paramLabel = "NAME",
      description = "A named host set (legacy: api.twitter.com).")
  String hostSet;

  /** Every platform with hosts from the config file and the environment. */
  public static Platforms platforms(Session session) {
    try {
      return Platforms.configured(
          session.context().environment(),
          Platforms.defaultConfigFile(session.context().environment()));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** True when any host flag was given. */
  public boolean given() {
    return apiBase != null || oauthBase != null || hostSet != null;
  }

  /**
   * Every platform as configured, with these flags applied to the one called {@code name} (the
   * platform the command is about; the flags name one platform's hosts).
   */
  public Platforms platformsFor(Session session, String name) {
    Platforms all = platforms(session);
    return given() ? all.with(resolve(session, name)) : all;
  }

  /** The platform called {@code name}, with these flags applied. */
  public Platform resolve(Session session, String name) {
    Platform platform;
    try {
      platform = platforms(session).get(name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    try {
      if (hostSet != null) {
        platform = platform.withAlternateHosts(hostSet);
      }
      Hosts hosts = platform.hosts();
      if (apiBase != null) {
        hosts = hosts.withApi(Hosts.parseBase("--api-base", apiBase));
      }
      if (oauthBase != null) {
        hosts = hosts.withOAuth(Hosts.parseBase("--oauth-base", oauthBase));
      }
      return platform.withHosts(hosts);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
