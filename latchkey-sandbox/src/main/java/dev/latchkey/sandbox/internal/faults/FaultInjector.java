package dev.latchkey.sandbox.internal.faults;

import dev.latchkey.sandbox.internal.ApiError;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpOutput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Breaks a seeded share of API requests the way X and Tumblr break (issue 9): 500 code 131 and 503
 * code 130 "Over capacity" in the path's own error shape, 502 and 504 as an HTML error page from
 * the edge, connections closed without an answer, bodies cut short, slow answers and streams cut
 * after a while. The control API under {@code /sandbox} is never touched.
 *
 * <p>Reproducible: the n-th faultable request (in arrival order, counting from 0) draws from a
 * generator seeded with (seed, n), so a client that sends its requests one at a time sees the same
 * faults on every run.
 */
public final class FaultInjector {
  /** What the edge answers for 502 and 504: an HTML page, not the API's JSON. */
  static final String ERROR_PAGE =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
          + "<title>Something went wrong</title></head>\n<body>\n"
          + "<h1>Something is technically wrong.</h1>\n"
          + "<p>Thanks for noticing &mdash; we're going to fix it up and have things back to normal"
          + " soon.</p>\n</body>\n</html>\n";

  private final FaultSpec spec;
  private final long seed;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param spec what to break
   * @param defaultSeed the seed when the spec names none (the sandbox's seed)
   */
  public FaultInjector(FaultSpec spec, long defaultSeed) {
    this.spec = spec;
    this.seed = spec.seed().orElse(defaultSeed);
  }

  /** Installs the injector as the first before-handler of every path. */
  public void register(JavalinDefaultRouting r) {
    if (spec.any()) {
      r.before(this::apply);
    }
  }

  /** True for paths the injector never touches: the control API and the root redirect. */
  static boolean isControl(String path) {
    return path.equals("/") || path.equals("/sandbox") || path.startsWith("/sandbox/");
  }

  /** True for long-lived streaming endpoints (X v2 {@code .../stream}, not its rules). */
  static boolean isStream(String path) {
    return path.endsWith("/stream");
  }

  /** The fault drawn for the n-th request: a pure function of (spec, seed, n). */
  Fault draw(long n) {
    SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
    double u = r.nextDouble();
    boolean slow = r.nextDouble() < spec.slow();
    Kind kind = Kind.NONE;
    double[] shares = {
      spec.internalError(),
      spec.badGateway(),
      spec.overCapacity(),
      spec.gatewayTimeout(),
      spec.reset(),
      spec.truncate()
    };
    Kind[] kinds = {
      Kind.INTERNAL_ERROR,
      Kind.BAD_GATEWAY,
      Kind.OVER_CAPACITY,
      Kind.GATEWAY_TIMEOUT,
      Kind.RESET,
      Kind.TRUNCATE
    };
    double edge = 0;
    for (int i = 0; i < shares.length; i++) {
      edge += shares[i];
      if (u < edge) {
        kind = kinds[i];
        break;
      }
    }
    return new Fault(kind, slow ? spec.slowBy() : Duration.ZERO);
  }

  /** One request's fault. */
  record Fault(Kind kind, Duration delay) {}

  /** The exclusive faults. */
  enum Kind {
    NONE,
    INTERNAL_ERROR,
    BAD_GATEWAY,
    OVER_CAPACITY,
    GATEWAY_TIMEOUT,
    RESET,
    TRUNCATE
  }

  private void apply(Context ctx) throws InterruptedException {
    String path = ctx.path();
    if (isControl(path)) {
      return;
    }
    Request base = Request.getBaseRequest(ctx.req());
    if (spec.streamDisconnect() != null && isStream(path) && base != null) {
      HttpChannel channel = base.getHttpChannel();
      channel
          .getConnector()
          .getScheduler()
          .schedule(
              () -> channel.abort(new IOException("fault: stream disconnect")),
              spec.streamDisconnect().toMillis(),
              TimeUnit.MILLISECONDS);
    }
    Fault fault = draw(sequence.getAndIncrement());
    if (!fault.delay().isZero()) {
      Thread.sleep(fault.delay().toMillis());
    }
    switch (fault.kind()) {
      case NONE -> {}
      case INTERNAL_ERROR -> {
        retryAfter(ctx);
        throw new ApiError(500, 131, "Internal error");
      }
      case OVER_CAPACITY -> {
        retryAfter(ctx);
        throw new ApiError(503, 130, "Over capacity");
      }
      case BAD_GATEWAY, GATEWAY_TIMEOUT -> {
        retryAfter(ctx);
        ctx.status(fault.kind() == Kind.BAD_GATEWAY ? 502 : 504)
            .contentType("text/html; charset=utf-8")
            .result(ERROR_PAGE);
        ctx.skipRemainingHandlers();
      }
      case RESET -> {
        if (base != null) {
          reset(base.getHttpChannel());
        }
        ctx.skipRemainingHandlers();
      }
      case TRUNCATE -> {
        if (base != null) {
          HttpOutput out = base.getResponse().getHttpOutput();
          out.setInterceptor(new Truncating(out.getInterceptor(), base));
        }
      }
      default -> throw new IllegalStateException("unknown fault " + fault.kind());
    }
  }

  private void retryAfter(Context ctx) {
    spec.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
  }

  /** Closes the connection at once; on a plain socket with SO_LINGER 0, so the peer sees a RST. */
  private static void reset(HttpChannel channel) {
    Object transport = channel.getEndPoint().getTransport();
    while (transport instanceof EndPoint inner) {
      transport = inner.getTransport();
    }
    if (transport instanceof SocketChannel socket) {
      try {
        socket.socket().setSoLinger(true, 0);
      } catch (SocketException e) {
        // Already closed: nothing left to reset.
      }
    }
    channel.abort(new IOException("fault: connection reset"));
  }

  /**
   * Sends the headers with the whole body's length, then half of the body, then closes: the client
   * sees a body cut short (or a chunked body that never ends, when the body came in pieces).
   */
  private static final class Truncating implements HttpOutput.Interceptor {
    private final HttpOutput.Interceptor next;
    private final Request request;
    private boolean done;

    Truncating(HttpOutput.Interceptor next, Request request) {
      this.next = next;
      this.request = request;
    }

    @Override
    public void write(ByteBuffer content, boolean last, Callback callback) {
      if (done) {
        callback.failed(new IOException("fault: body truncated"));
        return;
      }
      int length = content == null ? 0 : content.remaining();
      if (length == 0) {
        next.write(content, last, callback);
        return;
      }
      done = true;
      if (last && !request.getResponse().isCommitted()) {
        // The header alone: Response.setContentLength would close the output at this length.
        request.getResponse().getHttpFields().putLongField(HttpHeader.CONTENT_LENGTH, length);
      }
      ByteBuffer half = content.slice();
      half.limit(length / 2);
      next.write(
          half,
          false,
          Callback.from(
              () -> {
                request.getHttpChannel().abort(new IOException("fault: body truncated"));
                callback.succeeded();
              },
              callback::failed));
    }

    @Override
    public HttpOutput.Interceptor getNextInterceptor() {
      return next;
    }
  }
}
