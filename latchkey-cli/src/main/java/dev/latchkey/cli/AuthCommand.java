package dev.latchkey.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey auth}. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Get credentials for a platform (OAuth flows or pasted keys).")
final class AuthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PLATFORM",
      converter = AccountRef.Converter.class,
      description = "twitter or tumblr (or platform/name).")
  AccountRef platform;

  @Option(
      names = "--account",
      paramLabel = "NAME",
      description = "The account to store the credentials in (default: the platform's default).")
  String accountName;

  @Mixin OAuth2AuthOptions oauth2Options;

  @Override
  public Integer call() throws Exception {
    AccountRef target =
        accountName == null ? platform : AccountRef.parse(platform.platform() + "/" + accountName);
    if (oauth2Options.requested()) {
      return oauth2Options.run(Session.of(spec), target);
    }
    throw new CliException(
        "latchkey auth with OAuth 1.0a is not implemented yet; use --bearer or --oauth2");
  }
}
