package dev.latchkey.sandbox.internal.proxy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The first handler of the sandbox's server when the proxy runs. By the connector a request came in
 * on: the proxy port tunnels {@code CONNECT} (the next handler, a {@link TunnelHandler}) and
 * answers plain-HTTP proxy requests itself; the TLS connector at the end of the tunnels serves the
 * real host's path from its sandbox prefix ({@code https://api.x.com/2/users/me} is {@code
 * /twitter/2/users/me}); the sandbox's own port passes through untouched.
 */
final class ProxyFront extends HandlerWrapper {
  private final ProxiedHosts hosts;
  private Connector proxyConnector;
  private Connector tlsConnector;

  ProxyFront(ProxiedHosts hosts) {
    this.hosts = hosts;
  }

  void connectors(Connector proxy, Connector tls) {
    this.proxyConnector = proxy;
    this.tlsConnector = tls;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Connector from = baseRequest.getHttpChannel().getConnector();
    boolean connect = HttpMethod.CONNECT.is(request.getMethod());
    if (from == proxyConnector) {
      if (connect) {
        super.handle(target, baseRequest, request, response);
      } else {
        plainProxyRequest(baseRequest, response);
      }
      return;
    }
    if (connect) {
      TunnelHandler.refuse(
          baseRequest,
          response,
          405,
          "latchkey sandbox: this port is not a proxy; start the sandbox with --proxy-port\n");
      return;
    }
    if (from == tlsConnector) {
      String prefix = hosts.prefix(baseRequest.getServerName());
      if (prefix == null) {
        TunnelHandler.refuse(baseRequest, response, 403, hosts.refusal(request.getServerName()));
        return;
      }
      String path = prefix + target;
      baseRequest.setHttpURI(HttpURI.build(baseRequest.getHttpURI()).path(path));
      super.handle(path, baseRequest, request, response);
      return;
    }
    super.handle(target, baseRequest, request, response);
  }

  /**
   * {@code GET http://api.x.com/...} through the proxy: the real hosts send plain HTTP to HTTPS
   * with a 301, so the proxy does too; anything else is refused.
   */
  private void plainProxyRequest(Request baseRequest, HttpServletResponse response) {
    HttpURI uri = baseRequest.getHttpURI();
    String host = uri.getHost();
    if (host == null || !uri.isAbsolute()) {
      TunnelHandler.refuse(
          baseRequest,
          response,
          400,
          "latchkey sandbox proxy: this port is an HTTPS proxy (set HTTPS_PROXY to it);"
              + " the sandbox itself answers on its own port\n");
      return;
    }
    if (hosts.prefix(host) == null) {
      TunnelHandler.refuse(baseRequest, response, 403, hosts.refusal(host));
      return;
    }
    String location =
        "https://" + host + uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    response.setHeader("Location", location);
    TunnelHandler.refuse(baseRequest, response, 301, "Moved Permanently: " + location + "\n");
  }
}
