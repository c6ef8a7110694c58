package dev.latchkey.sandbox.internal;

import java.util.Set;

/**
 * One API endpoint as its platform documents it: method, path (written as the docs write it, {@code
 * /2/users/:id/tweets}), the credentials it serves, the OAuth 2 scopes a user token needs, its rate
 * limit, and the code that answers it. A platform's endpoints are a table of these.
 */
public record Endpoint(
    String method,
    String path,
    Set<AuthType> auth,
    Set<String> scopes,
    Limit limit,
    Handler handler) {

  /** Answers one authenticated, admitted call. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws Exception;
  }

  public Endpoint {
    auth = Set.copyOf(auth);
    scopes = Set.copyOf(scopes);
  }

  /** The Javalin route: {@code :id} becomes {@code {id}}. */
  public String route() {
    return path.replaceAll(":([A-Za-z_]+)", "{$1}");
  }
}
