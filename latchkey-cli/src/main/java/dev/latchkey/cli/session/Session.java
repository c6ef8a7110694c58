package dev.latchkey.cli.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.KeychainAccess;
import dev.latchkey.account.PassphrasePrompt;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one running command works with: its output streams, the injected {@link CliContext}, the
 * global options, the keychain and the accounts in it. Every command gets one with {@code
 * Session.of(spec)}.
 */
public final class Session {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CommandSpec spec;
  private final RootCommand root;

  private Session(CommandSpec spec, RootCommand root) {
    this.spec = spec;
    this.root = root;
  }

  /** The session of the command {@code spec} describes (any command under {@code latchkey}). */
  public static Session of(CommandSpec spec) {
    Object user = spec.root().userObject();
    if (!(user instanceof RootCommand root)) {
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

  /** {@code latchkey} itself: its global options, and new command lines. */
  public RootCommand root() {
    return root;
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

  /** The command's keychain options, else the ones given to {@code latchkey} itself. */
  private KeychainOption keychainOption() {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      for (CommandSpec mixin : s.mixins().values()) {
        if (mixin.userObject() instanceof KeychainOption k
            && (k.keychain() != null || k.insecureStorage())) {
          return k;
        }
      }
    }
    return root.keychainOption();
  }

  /** Whether {@code --insecure-storage} was given (a plaintext keychain without passphrase). */
  public boolean insecureStorage() {
    return keychainOption().insecureStorage();
  }

  /**
   * The global options this command was given ({@code --keychain}, {@code --insecure-storage},
   * {@code --verbose}), for a command that runs another one in-process ({@code rotate} runs {@code
   * auth}, {@code revoke} and {@code status}).
   */
  public List<String> globalOptions() {
    KeychainOption option = keychainOption();
    List<String> out = new ArrayList<>();
    if (option.keychain() != null) {
      out.add("--keychain");
      out.add(option.keychain().toString());
    }
    if (option.insecureStorage()) {
      out.add("--insecure-storage");
    }
    if (root.verbose()) {
      out.add("--verbose");
    }
    return out;
  }

  /** The keychain this command works on, with the passphrase chain; open it when needed. */
  public KeychainAccess keychain() {
    KeychainOption option = keychainOption();
    Path file = option.keychain();
    return KeychainAccess.builder(context().environment())
        .keychain(file)
        .insecurePlaintext(option.insecureStorage())
        .keyring(context().keyring())
        .keyringTimeout(context().keyringTimeout())
        .prompt(prompt())
        .warnings(this::warn)
        .notices(this::notice)
        .clock(context().clock())
        .lockWaitListener(holder -> notice("waiting for " + holder + " …"))
        .holderDescription(spec.qualifiedName())
        .build();
  }

  /** The terminal as the library's passphrase prompt. */
  public PassphrasePrompt prompt() {
    return new PassphrasePrompt() {
      @Override
      public char[] readSecret(String prompt) {
        return terminal().readSecret(prompt, err());
      }

      @Override
      public void tell(String line) {
        notice(line);
      }
    };
  }

  /** Every platform with hosts from the config file and the environment. */
  public Platforms platforms() {
    return PlatformOptions.platforms(this);
  }

  /**
   * The platform named {@code name}, among the configured ones.
   *
   * @throws CliException (usage) for an unknown platform, naming the configured ones
   */
  public Platform platform(String name) {
    try {
      return platforms().get(name);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The accounts of an open keychain, on {@code platforms}, with this session's clock. */
  public Accounts accounts(Keychain keychain, Platforms platforms) {
    return Accounts.builder(keychain, platforms)
        .clock(context().clock())
        .http(context().http().forPlatforms(platforms))
        .build();
  }

  /**
   * A value typed into a hidden prompt, stripped: null when left blank or when nobody can be asked.
   * The typed characters are wiped.
   */
  public String askSecret(String prompt) {
    char[] typed = terminal().readSecret(prompt, err());
    if (typed == null) {
      return null;
    }
    String value = new String(typed).strip();
    KeychainAccess.wipe(typed);
    return value.isEmpty() ? null : value;
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

  /**
   * All of standard input, for commands given {@code -} as a file: at most {@link
   * CredentialImport#MAX_BYTES}, refused as soon as it passes that (never read whole first), and
   * handed on as bytes for the reader to decode strictly.
   */
  public byte[] readStandardInput() {
    try {
      return BoundedInput.readStream(
          terminal().rawInput(), CredentialImport.MAX_BYTES, "standard input");
    } catch (InputException e) {
      throw new CliException(e.getMessage());
    }
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
