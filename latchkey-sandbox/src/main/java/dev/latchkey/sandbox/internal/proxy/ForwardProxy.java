package dev.latchkey.sandbox.internal.proxy;

import dev.latchkey.sandbox.internal.PlatformDescription;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The sandbox as the real hosts (issue 9): an HTTP forward proxy on 127.0.0.1 whose {@code CONNECT}
 * tunnels end at a loopback TLS connector presenting a certificate from a {@link
 * LocalCertificateAuthority} made at start, so that an unchanged client with {@code
 * HTTPS_PROXY=http://127.0.0.1:N} and the CA trusted talks to the sandbox's routes. Jetty does the
 * HTTP, the tunnelling and the TLS; Bouncy Castle makes the certificates.
 */
public final class ForwardProxy {
  private static final String LOOPBACK = "127.0.0.1";

  private final ProxiedHosts hosts;
  private final LocalCertificateAuthority authority;
  private final int port;
  private final ProxyFront front;
  private ServerConnector proxyConnector;
  private ServerConnector tlsConnector;

  private ForwardProxy(ProxiedHosts hosts, LocalCertificateAuthority authority, int port) {
    this.hosts = hosts;
    this.authority = authority;
    this.port = port;
    this.front = new ProxyFront(hosts);
    front.setHandler(new TunnelHandler(hosts, () -> tlsConnector.getLocalPort()));
  }

  /** A proxy for the platforms' real hosts on {@code port} (0: a free one), with a new CA. */
  public static ForwardProxy create(int port, List<PlatformDescription> platforms) {
    ProxiedHosts hosts = ProxiedHosts.of(platforms);
    LocalCertificateAuthority ca =
        LocalCertificateAuthority.create(hosts.hosts(), Instant.now(), new SecureRandom());
    return new ForwardProxy(hosts, ca, port);
  }

  /** The CA whose certificate clients must trust. */
  public LocalCertificateAuthority authority() {
    return authority;
  }

  /** The hosts the proxy answers for. */
  public ProxiedHosts hosts() {
    return hosts;
  }

  /**
   * The handler chain to set on the server before Javalin attaches its context inside it (Javalin
   * puts its servlet context in the innermost wrapper).
   */
  public HandlerWrapper handlers() {
    return front;
  }

  /** The plain-HTTP proxy connector on 127.0.0.1. */
  public ServerConnector proxyConnector(Server server, HttpConfiguration http) {
    proxyConnector = new ServerConnector(server, new HttpConnectionFactory(http));
    proxyConnector.setHost(LOOPBACK);
    proxyConnector.setPort(port);
    proxyConnector.setName("latchkey-proxy");
    front.connectors(proxyConnector, tlsConnector);
    return proxyConnector;
  }

  /** The TLS connector the tunnels end at, on a free loopback port. */
  public ServerConnector tlsConnector(Server server, HttpConfiguration http) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(authority.serverKeyStore());
    tls.setKeyStorePassword(authority.keyStorePassword());
    HttpConfiguration https = new HttpConfiguration(http);
    https.setSecureScheme("https");
    https.setSecurePort(443);
    https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
    tlsConnector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    tlsConnector.setHost(LOOPBACK);
    tlsConnector.setPort(0);
    tlsConnector.setName("latchkey-proxy-tls");
    front.connectors(proxyConnector, tlsConnector);
    return tlsConnector;
  }

  /** The bound proxy port (after start). */
  public int port() {
    return proxyConnector.getLocalPort();
  }

  /** The port of the TLS connector behind the tunnels (after start). */
  public int tlsPort() {
    return tlsConnector.getLocalPort();
  }
}
