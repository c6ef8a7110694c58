package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.keyring.OsKeyring;
import dev.latchkey.cli.terminal.Terminal;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one running command works with: its output streams, the injected {@link CliContext}, the
 * global options and the keychain. Every command gets one with {@code Session.of(spec)}.
 */
public final class Session {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CommandSpec spec;
  private final LatchkeyCommand root;

  private Session(CommandSpec spec, LatchkeyCommand root) {
    this.spec = spec;
    this.root = root;
  }

  /** The session of the command {@code spec} describes (any command under {@code latchkey}). */
  public static Session of(CommandSpec spec) {
    Object user = spec.root().userObject();
    if (!(user instanceof LatchkeyCommand root)) {
      throw new IllegalStateException("not a latchkey command: " + spec.qualifiedName());
    }
    return new Session(spec, root);
  }

  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  public CliContext context() {
    return root.context();
  }

  public Terminal terminal() {
    return root.context().terminal();
  }

  public boolean verbose() {
    return root.verbose();
  }

  /** Whether {@code --insecure-storage} was given (a plaintext keychain without passphrase). */
  public boolean insecureStorage() {
    return root.insecureStorage();
  }

  /** The OS keyring, every call bounded by {@link CliContext#keyringTimeout()}. */
  public OsKeyring keyring() {
    return OsKeyring.withTimeout(context().keyring(), context().keyringTimeout());
  }

  /** The keychain this command works on, opened on demand. */
  public KeychainAccess keychain() {
    return new KeychainAccess(this, root.keychainOverride(), root.insecureStorage());
  }

  /** One line on standard error, {@code latchkey: warning: ...}. */
  public void warn(String message) {
    err().println("latchkey: warning: " + message);
    err().flush();
  }

  /** One line on standard error, {@code latchkey: ...}, for progress and notices. */
  public void notice(String message) {
    err().println("latchkey: " + message);
    err().flush();
  }

  /** All of standard input, for commands given {@code -} as a file. */
  public byte[] readStandardInput() throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n; (n = terminal().input().read(buffer)) > 0; ) {
      text.append(buffer, 0, n);
    }
    return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A new JSON object to fill and {@link #printJson print}. */
  public static ObjectNode jsonObject() {
    return JSON.createObjectNode();
  }

  /** Prints a JSON value, indented, on standard output. */
  public void printJson(JsonNode node) {
    try {
      out().println(JSON.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out().flush();
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
