package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.sandbox.Sandbox;
import dev.latchkey.sandbox.SandboxKeys;
import dev.latchkey.sandbox.SandboxOptions;
import dev.latchkey.sandbox.SandboxPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command on its own keychain against a sandbox on a free port, with {@code twitter/ada} stored
 * from the sandbox's keys as a person types them ({@code auth twitter --manual}). Closing it stops
 * the sandbox and checks that no key, nor any other secret named, was ever printed.
 */
final class SandboxCli implements AutoCloseable {
  final Sandbox sandbox;
  final Cli cli;
  final SandboxKeys twitter;
  private final List<String> secrets = new ArrayList<>();

  SandboxCli(Path home, long seed) {
    sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(seed).build());
    cli = new Cli(home);
    cli.env.put("LATCHKEY_SANDBOX", sandbox.baseUri().toString());
    twitter = sandbox.keys(SandboxPlatform.TWITTER);
    secrets.addAll(
        List.of(
            twitter.consumerKey(),
            twitter.consumerSecret(),
            twitter.accessToken(),
            twitter.accessTokenSecret()));
    String typed = String.join("\n", secrets) + "\n";
    cli.runWithInput(typed, "auth", "twitter", "--manual", "--account", "ada").assertOk();
  }

  /** Another secret that must never be printed (a database password, say). */
  SandboxCli neverPrinting(String secret) {
    secrets.add(secret);
    return this;
  }

  @Override
  public void close() {
    sandbox.close();
    String all = cli.transcript();
    for (String secret : secrets) {
      assertThat(all).doesNotContain(secret);
    }
  }
}
