package dev.latchkey.cli;

import dev.latchkey.cli.agent.LockCommand;
import dev.latchkey.cli.agent.UnlockCommand;
import dev.latchkey.cli.auth.AuthCommand;
import dev.latchkey.cli.collect.CollectCommand;
import dev.latchkey.cli.keys.KeysCommand;
import dev.latchkey.cli.rotate.RotateCommand;
import dev.latchkey.cli.sandbox.DemoCommand;
import dev.latchkey.cli.sandbox.SandboxCommand;
import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.KeychainOption;
import dev.latchkey.cli.session.RootCommand;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.ui.UiCommand;
import dev.latchkey.cli.use.ApiCommand;
import dev.latchkey.cli.use.EnvCommand;
import dev.latchkey.cli.use.ExecCommand;
import dev.latchkey.cli.use.RevokeCommand;
import dev.latchkey.cli.use.StatusCommand;
import dev.latchkey.cli.use.TokenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: {@code latchkey}. Subcommands do the work. */
@Command(
    name = "latchkey",
    mixinStandardHelpOptions = true,
    versionProvider = LatchkeyCommand.Version.class,
    description = "Get, keep, check and use social-media API credentials.",
    footer = {
      "",
      "Environment:",
      "  LATCHKEY_HOME             keychain directory (default ~/.local/share/latchkey)",
      "  LATCHKEY_PASSPHRASE_FILE  file whose first line is the keychain passphrase",
      "  LATCHKEY_PASSPHRASE       the passphrase itself (others may see it)",
      "  LATCHKEY_WORK_FACTOR      scrypt work factor for writing, 17 to 22 (18)",
      "  LATCHKEY_SANDBOX          URL of a running sandbox; all platforms use it",
      "  LATCHKEY_NO_KEYRING       set: never ask the OS keyring (keys remember)",
      "  LATCHKEY_NO_AGENT         set: ignore the agent of latchkey unlock",
      "",
      "Exit codes: 0 done, 1 failed, 2 wrong command line."
    },
    // Subcommands are added in newCommandLine: only the one asked for, when that is clear.
    subcommands = {})
public final class LatchkeyCommand implements java.util.concurrent.Callable<Integer>, RootCommand {
  /** The width help text is wrapped at. */
  public static final int HELP_WIDTH = 80;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CliContext context;
  private boolean verbose;

  @Mixin KeychainOption keychainOption = new KeychainOption();

  LatchkeyCommand(CliContext context) {
    this.context = context;
  }

  /** Builds the command line with the process environment injected, so tests can pass their own. */
  public static CommandLine newCommandLine(Map<String, String> environment) {
    return newCommandLine(CliContext.system(environment));
  }

  /** Every subcommand, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          KeysCommand.class,
          AuthCommand.class,
          StatusCommand.class,
          ApiCommand.class,
          TokenCommand.class,
          RevokeCommand.class,
          UnlockCommand.class,
          LockCommand.class,
          ExecCommand.class,
          EnvCommand.class,
          ScanCommand.class,
          RotateCommand.class,
          CollectCommand.class,
          UiCommand.class,
          SandboxCommand.class,
          DemoCommand.class);

  /**
   * The command line for these arguments: when they name a subcommand, only that one is built,
   * since building picocli's model of every command (and loading what their fields refer to, the
   * sandbox included) is most of a short command's start-up.
   */
  public static CommandLine newCommandLine(Map<String, String> environment, String[] args) {
    return newCommandLine(CliContext.system(environment), subcommandNamed(args));
  }

  /** The command line for these arguments on an injected context (as above). */
  public static CommandLine newCommandLine(CliContext context, String[] args) {
    return newCommandLine(context, subcommandNamed(args));
  }

  /** Builds the command line on an injected context (environment, input, keyring). */
  public static CommandLine newCommandLine(CliContext context) {
    return newCommandLine(context, (Class<?>) null);
  }

  /** The subcommand the arguments name, or null when it is not plain which (then all are built). */
  static Class<?> subcommandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--keychain") || a.equals("--task")) {
        i++; // its value
      } else if (a.equals("--")) {
        return null;
      } else if (!a.startsWith("-")) {
        for (Class<?> c : SUBCOMMANDS) {
          if (c.getAnnotation(Command.class).name().equals(a)) {
            return c;
          }
        }
        return null;
      }
    }
    return null;
  }

  private static CommandLine newCommandLine(CliContext context, Class<?> only) {
    CommandLine commandLine = new CommandLine(new LatchkeyCommand(context));
    for (Class<?> c : SUBCOMMANDS) {
      if (only == null || only == c) {
        commandLine.addSubcommand(c);
      }
    }
    if (only == null) {
      commandLine.addSubcommand(CommandLine.HelpCommand.class);
    }
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(ErrorHandler::handleParameterException);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setUsageHelpAutoWidth(false);
    commandLine.setUsageHelpWidth(HELP_WIDTH);
    commandLine.setUsageHelpLongOptionsMaxWidth(30);
    return commandLine;
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the full stack trace of an error (demo: every HTTP exchange too).")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public CliContext context() {
    return context;
  }

  @Override
  public boolean verbose() {
    return verbose;
  }

  /** The keychain options given to {@code latchkey} itself. */
  @Override
  public KeychainOption keychainOption() {
    return keychainOption;
  }

  @Override
  public CommandLine commandLine(CliContext context) {
    return newCommandLine(context);
  }

  @Override
  public Class<?> mainClass() {
    return Main.class;
  }

  @Override
  public Class<?> agentMainClass() {
    return AgentMain.class;
  }

  /** MassMine's {@code --task=twitter-auth} and {@code --task=tumblr-auth}, kept for its users. */
  @Option(
      names = "--task",
      paramLabel = "TASK",
      description =
          "MassMine compatibility: twitter-auth or tumblr-auth asks for the app's keys and a"
              + " user token as MassMine does, checks them and saves them.")
  String task;

  @Option(
      names = "--no-verify",
      description = "With --task: save the keys without checking them with the platform first.")
  boolean noVerify;

  @Override
  public Integer call() throws Exception {
    if (task != null) {
      return new MassMineTask(Session.of(spec), task, noVerify).run();
    }
    if (noVerify) {
      throw CliException.usage("--no-verify goes with --task");
    }
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
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
