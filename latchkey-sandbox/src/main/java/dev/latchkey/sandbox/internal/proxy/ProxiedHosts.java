package dev.latchkey.sandbox.internal.proxy;

import dev.latchkey.sandbox.internal.PlatformDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The real hosts the proxy answers for, each with the sandbox path prefix that serves it. */
public final class ProxiedHosts {
  private final Map<String, String> prefixByHost;

  private ProxiedHosts(Map<String, String> prefixByHost) {
    this.prefixByHost = Map.copyOf(prefixByHost);
  }

  /** Every platform's {@link PlatformDescription#pageHosts()}, served from its prefix. */
  public static ProxiedHosts of(List<PlatformDescription> platforms) {
    Map<String, String> map = new LinkedHashMap<>();
    for (PlatformDescription p : platforms) {
      for (String host : p.pageHosts()) {
        map.put(host.toLowerCase(Locale.ROOT), p.prefix());
      }
    }
    return new ProxiedHosts(map);
  }

  /** The path prefix serving {@code host} (case-insensitive, no port), or null when refused. */
  public String prefix(String host) {
    return host == null ? null : prefixByHost.get(host.toLowerCase(Locale.ROOT));
  }

  /** The hosts, sorted. */
  public List<String> hosts() {
    List<String> hosts = new ArrayList<>(prefixByHost.keySet());
    hosts.sort(null);
    return List.copyOf(hosts);
  }

  /** The one-line body of a refusal, naming the host and what the proxy serves. */
  String refusal(String host) {
    return "latchkey sandbox proxy: refusing "
        + host
        + "; it answers only for "
        + String.join(", ", hosts())
        + " (port 443), from the offline sandbox\n";
  }
}
