package dev.latchkey.sandbox.internal.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.IntSupplier;
import org.eclipse.jetty.proxy.ConnectHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.HostPort;

/**
 * {@code CONNECT host:443} (RFC 9110 §9.3.6) for the proxied hosts only: the tunnel leads to the
 * sandbox's own loopback TLS connector, never to the network. Every other destination gets 403 with
 * a one-line body naming what the proxy serves.
 */
final class TunnelHandler extends ConnectHandler {
  private static final int HTTPS_PORT = 443;

  private final ProxiedHosts hosts;
  private final IntSupplier tlsPort;

  TunnelHandler(ProxiedHosts hosts, IntSupplier tlsPort) {
    this.hosts = hosts;
    this.tlsPort = tlsPort;
    setIdleTimeout(120_000);
  }

  @Override
  protected void handleConnect(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      String serverAddress) {
    HostPort target;
    try {
      target = new HostPort(serverAddress);
    } catch (IllegalArgumentException e) {
      refuse(baseRequest, response, 400, "latchkey sandbox proxy: bad CONNECT target\n");
      return;
    }
    if (hosts.prefix(target.getHost()) == null || target.getPort(HTTPS_PORT) != HTTPS_PORT) {
      refuse(baseRequest, response, 403, hosts.refusal(serverAddress));
      return;
    }
    super.handleConnect(baseRequest, request, response, serverAddress);
  }

  @Override
  public boolean validateDestination(String host, int port) {
    return hosts.prefix(host) != null && port == HTTPS_PORT;
  }

  /** Every allowed tunnel ends at the sandbox's TLS connector on loopback. */
  @Override
  protected InetSocketAddress newConnectAddress(String host, int port) {
    return new InetSocketAddress("127.0.0.1", tlsPort.getAsInt());
  }

  static void refuse(Request baseRequest, HttpServletResponse response, int status, String body) {
    try {
      response.setStatus(status);
      response.setContentType("text/plain; charset=utf-8");
      response.setHeader("Connection", "close");
      response.getWriter().write(body);
      response.flushBuffer();
    } catch (IOException e) {
      // The client went away; nothing to tell it.
    }
    baseRequest.setHandled(true);
  }
}
