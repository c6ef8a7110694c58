package dev.latchkey.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox as the real hosts through its HTTPS forward proxy: a JDK client configured only with
 * the proxy and the CA file reaches the sandbox's routes at {@code https://api.x.com/...}, with
 * OAuth 1.0a signatures made for the real URL; every other host is refused.
 */
class ForwardProxyTest {
  @TempDir static Path dir;
  static Sandbox sandbox;
  static Path caFile;
  static HttpClient proxied;

  @BeforeAll
  static void start() throws Exception {
    caFile = dir.resolve("sandbox-ca.pem");
    sandbox = Sandbox.start(SandboxOptions.builder().proxyPort(0).caCertificate(caFile).build());
    URI proxy = sandbox.proxyUri().orElseThrow();
    proxied =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
            .sslContext(trusting(Files.readString(caFile)))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static SSLContext trusting(String pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("sandbox-ca", certificate(pem));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    return proxied.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.twitter.com", "https://api.x.com"})
  void aCallSignedForTheRealTwitterHostIsServedByTheSandbox(String origin) throws Exception {
    URI real = URI.create(origin + "/1.1/account/verify_credentials.json");
    HttpResponse<String> r =
        send(SignedCall.get(real).keys(sandbox.keys(SandboxPlatform.TWITTER)).request());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"screen_name\":\"ada_sandbox\"");
    assertThat(r.headers().firstValue("x-rate-limit-limit")).isPresent();
  }

  @Test
  void aCallSignedForTheRealTumblrHostIsServedByTheSandbox() throws Exception {
    URI real = URI.create("https://api.tumblr.com/v2/user/info");
    HttpResponse<String> r =
        send(SignedCall.get(real).keys(sandbox.keys(SandboxPlatform.TUMBLR)).request());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"ada-sandbox\"");
  }

  @Test
  void aBadSignatureThroughTheProxyGetsXsCode32() throws Exception {
    URI real = URI.create("https://api.x.com/1.1/account/verify_credentials.json");
    SandboxKeys k = sandbox.keys(SandboxPlatform.TWITTER);
    HttpResponse<String> r =
        send(
            SignedCall.get(real)
                .consumer(k.consumerKey(), "wrong")
                .token(k.accessToken(), k.accessTokenSecret())
                .request());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"code\":32");
  }

  @Test
  void theConsentPageOfTheWebHostIsServedToo() throws Exception {
    String verifier = "v".repeat(43);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://twitter.com/i/oauth2/authorize?response_type=code&client_id="
                            + sandbox.oauth2Client(SandboxPlatform.TWITTER).clientId()
                            + "&redirect_uri=http://127.0.0.1/callback&scope=tweet.read"
                            + "&state=s&code_challenge="
                            + verifier
                            + "&code_challenge_method=plain"))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("<form");
  }

  @Test
  void aBrowserApprovesTheConsentPageOfTheRealHostWithItsHttpsOrigin() throws Exception {
    String verifier = "v".repeat(43);
    URI authorize =
        URI.create(
            "https://x.com/i/oauth2/authorize?response_type=code&client_id="
                + sandbox.oauth2Client(SandboxPlatform.TWITTER).clientId()
                + "&redirect_uri=http://127.0.0.1/callback&scope=tweet.read&state=s"
                + "&code_challenge="
                + verifier
                + "&code_challenge_method=plain");
    String page = send(HttpRequest.newBuilder(authorize).build()).body();
    String requestId = page.replaceAll("(?s).*name=\"request_id\" value=\"([^\"]+)\".*", "$1");
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(authorize)
                .header("Origin", "https://x.com")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request_id=" + requestId + "&allow=1"))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElseThrow())
        .startsWith("http://127.0.0.1/callback?state=s&code=");
  }

  @Test
  void theControlApiIsNotReachableThroughTheRealHosts() throws Exception {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create("https://api.x.com/sandbox/")).build());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void plainHttpToARealHostIsSentToHttpsWith301() throws Exception {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create("http://api.x.com/2/users/me?a=1")).build());
    assertThat(r.statusCode()).isEqualTo(301);
    assertThat(r.headers().firstValue("Location")).contains("https://api.x.com/2/users/me?a=1");
  }

  @Test
  void plainHttpToAnotherHostIsRefusedWith403() throws Exception {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create("http://example.com/")).build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("refusing example.com").contains("api.x.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com:443", "api.x.com:8443", "upload.twitter.com:443"})
  void aTunnelToAnyOtherDestinationIsRefusedWith403AndABodyNamingTheServedHosts(String target)
      throws Exception {
    String answer = rawConnect(sandbox.proxyUri().orElseThrow().getPort(), target);
    assertThat(answer).startsWith("HTTP/1.1 403");
    assertThat(answer)
        .contains("refusing " + target)
        .contains("api.twitter.com, api.x.com, twitter.com, www.tumblr.com, x.com");
  }

  @Test
  void theJdkClientSeesTheRefusalAsAFailedTunnel() {
    assertThatThrownBy(
            () -> send(HttpRequest.newBuilder(URI.create("https://example.com/")).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("403");
  }

  @Test
  void theSandboxPortItselfIsNotAProxy() throws Exception {
    String answer = rawConnect(sandbox.port(), "api.x.com:443");
    assertThat(answer).startsWith("HTTP/1.1 405");
  }

  @Test
  void theCaFileIsAPublicPemCertificateAndNoKey() throws Exception {
    String pem = Files.readString(caFile);
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
    assertThat(pem).isEqualTo(sandbox.caCertificatePem().orElseThrow());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caFile)))
        .isEqualTo("rw-r--r--");
    X509Certificate ca = certificate(pem);
    assertThat(ca.getBasicConstraints()).isEqualTo(0);
    // Name constraints (2.5.29.30), critical: this CA can vouch for the proxied hosts only.
    assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30");
    // The write went through a temporary file that is gone; no key was written beside it.
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> !p.equals(caFile)).count()).isZero();
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
    URI proxy = sandbox.proxyUri().orElseThrow();
    HttpClient untrusting =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
            .build();
    assertThatThrownBy(
            () ->
                untrusting.send(
                    HttpRequest.newBuilder(URI.create("https://api.x.com/2/users/me")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void eachStartMakesANewCa() {
    try (Sandbox other = Sandbox.start(SandboxOptions.builder().proxyPort(0).build())) {
      assertThat(other.caCertificatePem()).isNotEqualTo(sandbox.caCertificatePem());
    }
  }

  @Test
  void withoutTheProxyOptionThereIsNoProxy() {
    try (Sandbox plain = Sandbox.start(SandboxOptions.defaults())) {
      assertThat(plain.proxyUri()).isEmpty();
      assertThat(plain.caCertificatePem()).isEmpty();
    }
  }

  /** Sends a bare CONNECT and returns what the proxy answers before it closes. */
  static String rawConnect(int port, String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
