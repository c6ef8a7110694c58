package dev.latchkey.keychain.internal;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.codec.CanonicalBase64;
import dev.latchkey.keychain.KeychainOptions;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The age {@code scrypt} recipient (passphrase encryption), written on jagged's public stanza
 * interfaces because jagged-scrypt is not available here.
 *
 * <p>Wrap key = scrypt(N = 2^wf, r = 8, p = 1, dkLen = 32, salt = "age-encryption.org/v1/scrypt" ||
 * salt16, passphrase); stanza body = ChaCha20-Poly1305(wrap key, zero nonce, file key). Derived
 * wrap keys are cached per (salt, work factor), so re-reading a file this object wrote or read
 * never runs scrypt again; each new file gets a fresh salt, hence one scrypt per write (the zero
 * nonce must never be reused under one wrap key). See <a
 * href="https://github.com/C2SP/C2SP/blob/main/age.md#the-scrypt-recipient-type">age §scrypt</a>.
 */
public final class ScryptRecipient {
  static final String TYPE = "scrypt";
  private static final byte[] LABEL =
      "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]*");
  private static final int SALT_LENGTH = 16;
  private static final int FILE_KEY_LENGTH = 16;
  private static final int BODY_LENGTH = 32;

  /** What happened when a file was read, so the caller can tell a wrong passphrase from damage. */
  public enum Outcome {
    /** The stanza reader was never reached (the header did not parse). */
    NOT_CALLED,
    /** The header holds parameters or recipients we refuse (too-large work factor, X25519, ...). */
    REFUSED,
    /** The scrypt stanza is malformed (bad salt, bad work factor syntax, bad body length). */
    MALFORMED,
    /** The stanza is well formed but the passphrase does not unwrap the file key. */
    UNWRAP_FAILED,
    /** The file key was unwrapped. */
    UNWRAPPED
  }

  private final byte[] passphrase;
  private final SecureRandom random;
  private final Map<String, byte[]> wrapKeys = new HashMap<>();
  private final AtomicInteger derivations = new AtomicInteger();

  private final int maximumWorkFactor;
  private CompletableFuture<byte[]> prepared;
  private int preparedWorkFactor;
  private boolean destroyed;

  private ScryptRecipient(byte[] passphrase, SecureRandom random, int maximumWorkFactor) {
    this.passphrase = passphrase;
    this.random = random;
    this.maximumWorkFactor = maximumWorkFactor;
  }

  /** A recipient for the passphrase (encoded as UTF-8, as age does); the array is not kept. */
  public static ScryptRecipient of(char[] passphrase, SecureRandom random) {
    return of(passphrase, random, KeychainOptions.MAXIMUM_WORK_FACTOR);
  }

  /** As {@link #of(char[], SecureRandom)}, reading at most {@code maximumWorkFactor} (fuzzing). */
  public static ScryptRecipient of(char[] passphrase, SecureRandom random, int maximumWorkFactor) {
    return new ScryptRecipient(utf8(passphrase), random, maximumWorkFactor);
  }

  /** How many times scrypt ran for this passphrase. */
  public int derivations() {
    return derivations.get();
  }

  /** Overwrites the passphrase and the cached keys. */
  public synchronized void destroy() {
    destroyed = true;
    prepared = null;
    Arrays.fill(passphrase, (byte) 0);
    wrapKeys.values().forEach(k -> Arrays.fill(k, (byte) 0));
    wrapKeys.clear();
  }

  /**
   * Starts deriving the wrap key of a fresh salt for the next write on its own thread, so that it
   * overlaps the unlock (costs a second scrypt's memory at the same time). The salt is used by at
   * most one write.
   */
  public synchronized void prepareWrite(int workFactor) {
    if (prepared != null || destroyed) {
      return;
    }
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    preparedWorkFactor = workFactor;
    prepared =
        CompletableFuture.supplyAsync(
            () -> {
              wrapKey(salt, workFactor);
              return salt;
            },
            task -> {
              Thread thread = new Thread(task, "latchkey-scrypt");
              thread.setDaemon(true);
              thread.start();
            });
  }

  private synchronized CompletableFuture<byte[]> takePrepared(int workFactor) {
    CompletableFuture<byte[]> salt = prepared;
    if (salt == null || preparedWorkFactor != workFactor) {
      return null;
    }
    prepared = null;
    return salt;
  }

  /**
   * A stanza writer that uses the prepared salt (see {@link #prepareWrite}) or picks a fresh one,
   * derives its wrap key (one scrypt) and caches it.
   */
  public RecipientStanzaWriter newWriter(int workFactor) {
    return fileKey -> {
      byte[] salt = null;
      CompletableFuture<byte[]> ready = takePrepared(workFactor);
      if (ready != null) {
        try {
          salt = ready.join();
        } catch (RuntimeException e) {
          salt = null; // e.g. out of memory on the helper thread: derive here instead
        }
      }
      if (salt == null) {
        salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
      }
      byte[] wrapKey = wrapKey(salt, workFactor);
      byte[] body = chacha(Cipher.ENCRYPT_MODE, wrapKey, fileKey.getEncoded());
      String saltText = CanonicalBase64.getEncoder().encodeToString(salt);
      return List.of(new Stanza(List.of(saltText, Integer.toString(workFactor)), body));
    };
  }

  /** A reader for one decryption; ask it afterwards what happened. */
  public Reader newReader() {
    return new Reader();
  }

  /** Reads the scrypt stanza of one file and remembers the outcome and why. */
  public final class Reader implements RecipientStanzaReader {
    private Outcome outcome = Outcome.NOT_CALLED;
    private String problem = "";

    private Reader() {}

    public Outcome outcome() {
      return outcome;
    }

    /** Why the stanza was refused or malformed, without any secret. */
    public String problem() {
      return problem;
    }

    @Override
    public FileKey getFileKey(Iterable<RecipientStanza> stanzas) throws GeneralSecurityException {
      List<RecipientStanza> all = new ArrayList<>();
      stanzas.forEach(all::add);
      RecipientStanza scrypt = null;
      for (RecipientStanza stanza : all) {
        if (TYPE.equals(stanza.getType())) {
          scrypt = stanza;
        }
      }
      if (scrypt == null) {
        throw fail(
            Outcome.REFUSED,
            "it is encrypted to an age key, not a passphrase (no scrypt recipient)");
      }
      if (all.size() != 1) {
        throw fail(Outcome.REFUSED, "its scrypt recipient is not the only recipient");
      }
      List<String> args = scrypt.getArguments();
      if (args.size() != 2) {
        throw fail(
            Outcome.MALFORMED, "its scrypt recipient has " + args.size() + " arguments, not 2");
      }
      byte[] salt;
      try {
        salt = CanonicalBase64.getDecoder().decode(args.get(0).getBytes(StandardCharsets.US_ASCII));
      } catch (RuntimeException e) {
        throw fail(Outcome.MALFORMED, "its scrypt salt is not canonical base64");
      }
      if (salt.length != SALT_LENGTH) {
        throw fail(Outcome.MALFORMED, "its scrypt salt is " + salt.length + " bytes, not 16");
      }
      String wf = args.get(1);
      if (!WORK_FACTOR.matcher(wf).matches()) {
        throw fail(Outcome.MALFORMED, "its scrypt work factor is not a decimal number");
      }
      if (wf.length() > 2 || Integer.parseInt(wf) > maximumWorkFactor) {
        throw fail(
            Outcome.REFUSED,
            "its scrypt work factor "
                + (wf.length() > 2 ? "(" + wf.length() + " digits)" : wf)
                + " is above the limit of "
                + maximumWorkFactor);
      }
      byte[] body = scrypt.getBody();
      if (body == null || body.length != BODY_LENGTH) {
        throw fail(Outcome.MALFORMED, "its scrypt stanza body is not 32 bytes");
      }
      byte[] wrapKey;
      try {
        wrapKey = wrapKey(salt, Integer.parseInt(wf));
      } catch (OutOfMemoryError e) {
        throw fail(
            Outcome.REFUSED,
            "its scrypt work factor " + wf + " needs more memory than this JVM may use (-Xmx)");
      }
      byte[] fileKey;
      try {
        fileKey = chacha(Cipher.DECRYPT_MODE, wrapKey, body);
      } catch (AEADBadTagException e) {
        throw fail(Outcome.UNWRAP_FAILED, "the passphrase does not unlock it");
      }
      if (fileKey.length != FILE_KEY_LENGTH) {
        throw fail(Outcome.MALFORMED, "its file key is not 16 bytes");
      }
      outcome = Outcome.UNWRAPPED;
      // FileKey keeps this array (no copy), so it must not be cleared here.
      return new FileKey(fileKey);
    }

    private GeneralSecurityException fail(Outcome result, String why) {
      outcome = result;
      problem = why;
      return new GeneralSecurityException(why);
    }
  }

  private byte[] wrapKey(byte[] salt, int workFactor) {
    String cacheKey = CanonicalBase64.getEncoder().encodeToString(salt) + " " + workFactor;
    byte[] secret;
    synchronized (this) {
      byte[] cached = wrapKeys.get(cacheKey);
      if (cached != null) {
        return cached;
      }
      if (destroyed) {
        throw new IllegalStateException("the keychain was closed");
      }
      secret = passphrase.clone();
    }
    byte[] fullSalt = new byte[LABEL.length + salt.length];
    System.arraycopy(LABEL, 0, fullSalt, 0, LABEL.length);
    System.arraycopy(salt, 0, fullSalt, LABEL.length, salt.length);
    // Outside the lock, so that a prepared write key derives while the unlock key does.
    byte[] key = SCrypt.generate(secret, fullSalt, 1 << workFactor, 8, 1, 32);
    Arrays.fill(secret, (byte) 0);
    derivations.incrementAndGet();
    synchronized (this) {
      if (destroyed) {
        Arrays.fill(key, (byte) 0);
        throw new IllegalStateException("the keychain was closed");
      }
      byte[] prior = wrapKeys.putIfAbsent(cacheKey, key);
      return prior != null ? prior : key;
    }
  }

  private static byte[] chacha(int mode, byte[] key, byte[] input) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(new byte[12]));
    return cipher.doFinal(input);
  }

  private static byte[] utf8(char[] chars) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(chars));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the passphrase is not valid Unicode text");
    }
  }

  private record Stanza(List<String> arguments, byte[] body) implements RecipientStanza {
    @Override
    public String getType() {
      return TYPE;
    }

    @Override
    public List<String> getArguments() {
      return arguments;
    }

    @Override
    public byte[] getBody() {
      return body.clone();
    }

    @Override
    public String toString() {
      return "Stanza[scrypt]";
    }
  }
}
