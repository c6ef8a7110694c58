package dev.latchkey.oauth2;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** A loopback HTTP test double: answers from a script and records every request it received. */
final class RecordingServer implements AutoCloseable {
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    Map<String, String> form() {
      return AuthorizationCodeGrant.parseQuery(body);
    }
  }

  record Response(int status, String contentType, String body) {
    static Response json(int status, String body) {
      return new Response(status, "application/json; charset=utf-8", body);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
  private volatile Function<Request, Response> handler;

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request r =
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body);
            requests.add(r);
            Response response;
            if (handler != null) {
              response = handler.apply(r);
            } else {
              response = script.poll();
              if (response == null) {
                response = Response.json(500, "{\"error\":\"unscripted\"}");
              }
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              }
            }
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  RecordingServer enqueue(int status, String json) {
    script.add(Response.json(status, json));
    return this;
  }

  RecordingServer enqueue(Response response) {
    script.add(response);
    return this;
  }

  void handle(Function<Request, Response> h) {
    this.handler = h;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  Request only() {
    List<Request> r = requests();
    if (r.size() != 1) {
      throw new AssertionError("expected one request, got " + r.size());
    }
    return r.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
