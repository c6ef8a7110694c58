package dev.latchkey.sandbox.internal.proxy;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at start for the sandbox's forward proxy (issue 9), and the one
 * server certificate it signs for every host the proxy answers for. Both keys are P-256 from {@link
 * SecureRandom} and live only in memory; only the CA's certificate is ever written out (PEM), for
 * clients to trust. The CA carries a critical name constraint permitting exactly those hosts, so
 * even a CA certificate added to a system trust store could never vouch for any other site.
 *
 * <p>Validity follows the wall clock, not the sandbox's injected clock: clients check certificates
 * against their own time.
 */
public final class LocalCertificateAuthority {
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration LIFETIME = Duration.ofDays(365);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final X509Certificate caCertificate;
  private final X509Certificate serverCertificate;
  private final KeyPair serverKeys;
  private final char[] keyStorePassword;

  private LocalCertificateAuthority(
      X509Certificate ca, X509Certificate server, KeyPair serverKeys, char[] password) {
    this.caCertificate = ca;
    this.serverCertificate = server;
    this.serverKeys = serverKeys;
    this.keyStorePassword = password;
  }

  /**
   * Makes a new CA and a server certificate naming every one of {@code hosts}.
   *
   * @param now the wall-clock time the validity starts from (backdated an hour for clock skew)
   */
  public static LocalCertificateAuthority create(
      List<String> hosts, Instant now, SecureRandom random) {
    try {
      KeyPair caKeys = newKeyPair(random);
      KeyPair serverKeys = newKeyPair(random);
      Date notBefore = Date.from(now.minus(BACKDATE));
      Date notAfter = Date.from(now.plus(LIFETIME));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X500Name caName =
          new X500Name(
              "CN=Latchkey sandbox proxy CA "
                  + serial(random).toString(16).substring(0, 8)
                  + ",O=Latchkey sandbox");
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName, serial(random), notBefore, notAfter, caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      ca.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(caKeys.getPublic()));
      GeneralSubtree[] permitted =
          hosts.stream()
              .map(h -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, h)))
              .toArray(GeneralSubtree[]::new);
      ca.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, null));
      X509Certificate caCert = sign(ca, caKeys);

      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(random),
              notBefore,
              notAfter,
              new X500Name("CN=" + hosts.get(0)),
              serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              hosts.stream()
                  .map(h -> new GeneralName(GeneralName.dNSName, h))
                  .toArray(GeneralName[]::new)));
      server.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(serverKeys.getPublic()));
      server.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate serverCert = sign(server, caKeys);

      char[] password = new char[24];
      for (int i = 0; i < password.length; i++) {
        password[i] = (char) ('a' + random.nextInt(26));
      }
      return new LocalCertificateAuthority(caCert, serverCert, serverKeys, password);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make the proxy's certificates: " + e.getMessage());
    }
  }

  /** The CA certificate, for clients to trust. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The server certificate (signed by the CA, naming every proxied host). */
  public X509Certificate serverCertificate() {
    return serverCertificate;
  }

  /** The CA certificate as PEM ({@code -----BEGIN CERTIFICATE-----}). */
  public String caCertificatePem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(caCertificate);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM", e);
    }
    return out.toString();
  }

  /** An in-memory key store with the server key and its chain, for the TLS connector. */
  KeyStore serverKeyStore() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "sandbox",
          serverKeys.getPrivate(),
          keyStorePassword,
          new Certificate[] {serverCertificate, caCertificate});
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the proxy's key store: " + e.getMessage());
    }
  }

  /** The password of {@link #serverKeyStore()}, which never leaves memory. */
  String keyStorePassword() {
    return new String(keyStorePassword);
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(126);
  }

  @Override
  public String toString() {
    return "LocalCertificateAuthority[" + caCertificate.getSubjectX500Principal() + "]";
  }
}
