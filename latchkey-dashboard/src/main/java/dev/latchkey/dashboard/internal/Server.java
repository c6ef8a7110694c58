package dev.latchkey.dashboard.internal;

import dev.latchkey.dashboard.DashboardOptions;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's HTTP server: Javalin on 127.0.0.1 only, every request through the {@link Guard},
 * the security headers on every answer, and the pages' routes.
 */
public final class Server implements AutoCloseable {
  /**
   * No script but our own files, no inline script or style, no framing, forms only to ourselves,
   * nothing fetched from elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final Map<String, String> STATIC =
      Map.of("dashboard.css", "text/css; charset=utf-8", "dashboard.js", "text/javascript");

  private static final String SIGNED_IN =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta http-equiv=\"refresh\" content=\"0;url=/\"><title>Signed in · Latchkey</title>"
          + "</head><body><p>Signed in. <a href=\"/\" id=\"continue\">Continue to the dashboard</a>"
          + "</p></body></html>";

  private static final String RENDERED = "latchkey.rendered";

  private final Javalin javalin;
  private final Web web;
  private final ScheduledExecutorService idleTimer;
  private final CollectionsPages collections;

  private Server(
      Javalin javalin, Web web, ScheduledExecutorService idleTimer, CollectionsPages collections) {
    this.javalin = javalin;
    this.web = web;
    this.idleTimer = idleTimer;
    this.collections = collections;
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @throws IOException naming the port when it cannot be bound
   */
  public static Server start(DashboardOptions options) throws IOException {
    Vault vault = new Vault(options);
    Sessions sessions = new Sessions(options.random(), options.clock());
    Web[] holder = new Web[1];
    CollectionsPages collections = new CollectionsPages(holder);
    Javalin javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = 2L * 1024 * 1024;
              config.jetty.multipartConfig.maxFileSize(1, SizeUnit.MB);
              config.jetty.multipartConfig.maxTotalRequestSize(2, SizeUnit.MB);
              config.jetty.multipartConfig.maxInMemoryFileSize(2, SizeUnit.MB);
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setRequestHeaderSize(16 * 1024);
                  });
              config.requestLogger.http(
                  (ctx, ms) ->
                      options
                          .log()
                          .accept(ctx.method() + " " + ctx.path() + " -> " + ctx.statusCode()));
              config.router.mount(router -> routes(router, holder, collections));
            });
    try {
      javalin.start("127.0.0.1", options.port());
    } catch (RuntimeException e) {
      collections.close();
      javalin.stop();
      if (e instanceof JavalinBindException
          || e.getCause() instanceof BindException
          || e instanceof UncheckedIOException) {
        throw new IOException(
            "port "
                + options.port()
                + " on 127.0.0.1 is in use; choose another with --port N (0 = any free port)");
      }
      throw new IOException(
          "cannot listen on 127.0.0.1:"
              + options.port()
              + " ("
              + e.getClass().getSimpleName()
              + "); choose another port with --port N");
    }
    int port = javalin.port();
    Guard guard = new Guard(port, sessions);
    holder[0] = new Web(options, vault, sessions, guard, port);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "latchkey-ui-idle-lock");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(vault::lockIfIdle, 5, 5, TimeUnit.SECONDS);
    return new Server(javalin, holder[0], timer, collections);
  }

  private static void routes(
      JavalinDefaultRouting router, Web[] holder, CollectionsPages collections) {
    router.before(
        ctx -> {
          securityHeaders(ctx);
          Web web = holder[0];
          if (web == null) {
            throw new Refused(503, "Starting", "The dashboard is starting; reload in a moment.");
          }
          web.guard.checkHost(ctx);
          if (isPublic(ctx.path())) {
            return;
          }
          WebSession session = web.guard.session(ctx);
          web.guard.checkStateChange(ctx, session);
          session.seen(web.options.clock().instant());
          ctx.attribute(Web.SESSION, session);
        });
    router.get("/login", ctx -> signIn(holder[0], ctx));
    router.get("/static/{file}", Server::staticFile);
    router.get("/favicon.ico", ctx -> ctx.status(HttpStatus.NO_CONTENT));
    new UnlockPages(holder).register(router);
    new AccountPages(holder).register(router);
    new AddPages(holder).register(router);
    new ManagePages(holder).register(router);
    new RotatePages(holder).register(router);
    new AuthorizePages(holder).register(router);
    new ImportPages(holder).register(router);
    collections.register(router);
    router.exception(Refused.class, (e, ctx) -> refused(holder[0], ctx, e));
    router.exception(
        Locked.class,
        (e, ctx) -> {
          if (isScript(ctx)) {
            ctx.status(423).contentType("text/plain; charset=utf-8").result("locked");
          } else {
            Web.seeOther(ctx, "/unlock");
          }
        });
    router.exception(
        Exception.class,
        (e, ctx) ->
            refused(
                holder[0],
                ctx,
                new Refused(
                    500,
                    "Something went wrong",
                    "The dashboard failed on this request ("
                        + e.getClass().getSimpleName()
                        + "); nothing was changed unless the page said so.")));
    router.error(
        404,
        ctx -> {
          if (ctx.attribute(RENDERED) == null) {
            refused(holder[0], ctx, new Refused(404, "Not found", "There is no such page here."));
          }
        });
  }

  /** Requests served without the session cookie. */
  private static boolean isPublic(String path) {
    return path.equals("/login")
        || path.startsWith("/static/")
        || path.equals("/favicon.ico")
        || path.equals(AuthorizePages.OAUTH1_CALLBACK)
        || path.equals(AuthorizePages.OAUTH2_CALLBACK);
  }

  static boolean isScript(Context ctx) {
    return ctx.header(Guard.CSRF_HEADER) != null || "1".equals(ctx.header("X-Fragment"));
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    // Not no-referrer: under it Chrome sends "Origin: null" on our own form posts.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  private static void signIn(Web web, Context ctx) {
    String token = ctx.queryParam("token");
    var session = web.sessions.signIn(token);
    if (session.isPresent()) {
      ctx.header(
          "Set-Cookie",
          web.guard.cookieName()
              + "="
              + session.get().id()
              + "; Path=/; HttpOnly; SameSite=Strict");
      // A page that moves on, not a redirect: when the sign-in came from elsewhere (the redirect
      // file, a link in a terminal), a redirect would still count as cross-site and the browser
      // would hold back the SameSite=Strict cookie; a navigation from this page is same-site.
      ctx.contentType("text/html; charset=utf-8").result(SIGNED_IN);
      return;
    }
    if (web.sessions.find(ctx.cookie(web.guard.cookieName())).isPresent()) {
      Web.seeOther(ctx, "/");
      return;
    }
    throw new Refused(
        401,
        "Sign in",
        "This sign-in address was already used or is not the current one; each works once. Start"
            + " latchkey ui again for a new one.");
  }

  private static void staticFile(Context ctx) throws IOException {
    String name = ctx.pathParam("file");
    String type = STATIC.get(name);
    if (type == null) {
      throw new Refused(404, "Not found", "There is no such file here.");
    }
    try (InputStream in =
        Server.class.getResourceAsStream("/dev/latchkey/dashboard/static/" + name)) {
      if (in == null) {
        throw new Refused(404, "Not found", "There is no such file here.");
      }
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  private static void refused(Web web, Context ctx, Refused e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    ctx.status(e.status());
    if (web == null || isScript(ctx)) {
      ctx.contentType("text/plain; charset=utf-8").result(e.getMessage());
      return;
    }
    WebSession session = ctx.attribute(Web.SESSION);
    Page page =
        new Page(
            e.title(),
            "",
            session == null ? "" : session.csrf(),
            null,
            e.getMessage(),
            session != null && web.vault.unlocked(),
            0,
            null);
    web.render(ctx, "message", "page", page, "text", null, "link", null, "linkText", null);
  }

  /** The port it listens on. */
  public int port() {
    return web.port;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public URI baseUri() {
    return URI.create(web.base() + "/");
  }

  /** The one-time sign-in address, or null when it has been used. */
  public URI signInUri() {
    String token = web.sessions.signInToken();
    return token == null ? null : URI.create(web.base() + "/login?token=" + token);
  }

  /** A new one-time sign-in address; the previous one stops working. */
  public URI newSignInUri() {
    return URI.create(web.base() + "/login?token=" + web.sessions.newSignInToken());
  }

  /** Forgets the unlocked keychain now. */
  public void lock() {
    web.vault.lock();
  }

  @Override
  public void close() {
    idleTimer.shutdownNow();
    collections.close();
    web.vault.close();
    javalin.stop();
  }
}
