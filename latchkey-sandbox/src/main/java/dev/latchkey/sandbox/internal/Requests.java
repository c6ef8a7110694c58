package dev.latchkey.sandbox.internal;

import dev.latchkey.oauth1.Parameter;
import dev.latchkey.sandbox.SandboxPlatform;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads what OAuth 1.0a and the endpoints need from a Javalin request. */
public final class Requests {
  private Requests() {}

  /**
   * The request as signed: the base URIs tried are the actual URL (http, Host header, full path),
   * then each real origin of the platform with the sandbox prefix stripped (protocol-facts §I.1).
   */
  public static SignedRequest signed(Context ctx, SandboxPlatform platform) {
    String path = ctx.path();
    List<URI> uris = new ArrayList<>(1 + platform.realOrigins().size());
    String host = ctx.host();
    if (host != null) {
      addUri(uris, "http://" + host + path);
    }
    String stripped =
        path.startsWith(platform.pathPrefix() + "/")
            ? path.substring(platform.pathPrefix().length())
            : path;
    for (String origin : platform.realOrigins()) {
      addUri(uris, origin + stripped);
    }
    return new SignedRequest(
        ctx.method().name(), uris, query(ctx), form(ctx), ctx.header("Authorization"));
  }

  /** The decoded query parameters, in order; a malformed query is 400/215. */
  public static List<Parameter> query(Context ctx) {
    try {
      return Parameter.parseForm(ctx.queryString());
    } catch (IllegalArgumentException e) {
      throw ApiError.badAuthenticationData();
    }
  }

  /** The decoded form body when the body is form-encoded (RFC 5849 §3.4.1.3.1), else empty. */
  public static List<Parameter> form(Context ctx) {
    if (!isForm(ctx)) {
      return List.of();
    }
    try {
      return Parameter.parseForm(ctx.body());
    } catch (IllegalArgumentException e) {
      throw ApiError.badAuthenticationData();
    }
  }

  static boolean isForm(Context ctx) {
    String type = ctx.header("Content-Type");
    return type != null
        && type.toLowerCase(Locale.ROOT).trim().startsWith("application/x-www-form-urlencoded");
  }

  /** The last value of {@code name} in the query or the form body, or null. */
  public static String param(Context ctx, String name) {
    String found = null;
    for (Parameter p : query(ctx)) {
      if (p.name().equals(name)) {
        found = p.value();
      }
    }
    for (Parameter p : form(ctx)) {
      if (p.name().equals(name)) {
        found = p.value();
      }
    }
    return found;
  }

  /** A decimal parameter, or null when absent or not a number. */
  public static Long longParam(Context ctx, String name) {
    String v = param(ctx, name);
    if (v == null || v.isEmpty() || v.length() > 19) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void addUri(List<URI> uris, String uri) {
    try {
      URI u = new URI(uri);
      if (u.getHost() != null) {
        uris.add(u);
      }
    } catch (Exception e) {
      // Not a URI a client could have signed; skip it.
    }
  }
}
