package dev.latchkey.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code latchkey}. Subcommands do the work. */
@Command(
    name = "latchkey",
    mixinStandardHelpOptions = true,
    versionProvider = LatchkeyCommand.Version.class,
    description = "Get, keep, check and use social-media API credentials.",
    subcommands = {
      KeysCommand.class,
      AuthCommand.class,
      StatusCommand.class,
      ApiCommand.class,
      SandboxCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LatchkeyCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the command line with the process environment injected, so tests can pass their own. */
  public static CommandLine newCommandLine(Map<String, String> environment) {
    return new CommandLine(new LatchkeyCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = LatchkeyCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"latchkey " + p.getProperty("version", "unknown")};
    }
  }
}
