package dev.latchkey.sandbox.internal;

import io.javalin.http.Context;

/**
 * One API call on its way to an endpoint's handler: the request, who makes it, which endpoint
 * answers, and the instant the sandbox's clock gave when it arrived.
 */
public record Call(Context ctx, Caller caller, Endpoint endpoint, long nowMs) {
  /** The last value of a query or form parameter, or null. */
  public String param(String name) {
    return Requests.param(ctx, name);
  }

  /** The error dialect of this call's path. */
  public ErrorDialect errors(PlatformDescription description) {
    return description.errors(ctx.path());
  }
}
