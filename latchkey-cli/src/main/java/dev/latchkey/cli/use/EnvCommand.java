package dev.latchkey.cli.use;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.session.AccountParameter;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.Session;
import dev.latchkey.formats.CredentialExport;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.Keychain;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey env ACCOUNT [--format sh|dotenv|json]}: prints an account's credentials as
 * variables, for tools that insist on reading them from the environment or a file. It prints
 * secrets: that is its purpose, and its help says so. Prefer {@code latchkey exec}.
 */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = {
      "Print an account's credentials as environment variables.",
      "THIS PRINTS SECRETS IN THE CLEAR: anyone who sees the output, your shell",
      "history or the file you redirect it to has them. Prefer latchkey exec,",
      "which hands them to one program without printing them.",
      "",
      "  eval \"$(latchkey env twitter/alice)\"       # sh: export NAME='value'",
      "  latchkey env twitter/alice --format dotenv  # NAME=value lines",
      "  latchkey env twitter/alice --format json"
    })
public final class EnvCommand implements Callable<Integer> {
  enum Format {
    SH,
    DOTENV,
    JSON
  }

  @Spec CommandSpec spec;

  @Mixin AccountParameter account;

  @Mixin KeychainOption keychainOption;

  @Option(
      names = "--format",
      paramLabel = "sh|dotenv|json",
      description = "sh (export lines, the default), dotenv or json.")
  Format format = Format.SH;

  @Mixin CredentialEnvironment environment;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Account chosen;
    try (Keychain keychain = session.keychain().open(false)) {
      chosen = account.stored(keychain);
    }
    Map<String, String> variables = environment.variables(chosen);
    switch (format) {
      case SH ->
          variables.forEach(
              (name, value) ->
                  session
                      .out()
                      .println("export " + name + "='" + value.replace("'", "'\\''") + "'"));
      case DOTENV ->
          variables.forEach(
              (name, value) -> session.out().print(CredentialExport.dotenvLine(name, value)));
      case JSON -> {
        ObjectNode json = Session.jsonObject();
        variables.forEach(json::put);
        session.printJson(json);
      }
    }
    session.out().flush();
    return ExitCode.OK;
  }
}
