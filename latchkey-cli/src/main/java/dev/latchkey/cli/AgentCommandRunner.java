package dev.latchkey.cli;

import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.Session;
import dev.latchkey.cli.terminal.Terminal;
import dev.latchkey.http.ApiClient;
import dev.latchkey.keychain.KeychainAgent;
import dev.latchkey.keychain.KeychainAgent.RelayedCommand;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@link RelayedCommands} inside the agent: each on a command line of its own, with the
 * client's environment, no input (a relayed command never prompts) and one HTTP client shared by
 * all, whose connections stay open between commands.
 */
final class AgentCommandRunner implements KeychainAgent.CommandRunner {
  private volatile HttpClient http;

  @Override
  public boolean accepts(RelayedCommand command) {
    return RelayedCommands.relayable(command.args());
  }

  @Override
  public int run(RelayedCommand command, OutputStream out, OutputStream err) {
    CliContext context =
        CliContext.system(command.environment())
            .withTerminal(Terminal.of(InputStream.nullInputStream()))
            .withHttp(http());
    String[] args = command.args().toArray(String[]::new);
    CommandLine commandLine = LatchkeyCommand.newCommandLine(context, args);
    PrintWriter o = writer(out, command);
    PrintWriter e = writer(err, command);
    commandLine.setOut(o);
    commandLine.setErr(e);
    try {
      return Main.run(commandLine, args, new PrintStream(err, true, command.charset()));
    } finally {
      o.flush();
      e.flush();
    }
  }

  private static PrintWriter writer(OutputStream stream, RelayedCommand command) {
    return new PrintWriter(
        new OutputStreamWriter(new BufferedOutputStream(stream, 8192), command.charset()), true);
  }

  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (this) {
        if (http == null) {
          http = ApiClient.newHttpClient();
        }
        h = http;
      }
    }
    return h;
  }

  /**
   * Loads what a relayed command needs (picocli's model of each, Jackson, the HTTP client), so the
   * first command after {@code latchkey unlock} is as quick as the next.
   */
  @Override
  public void warmUp() {
    http();
    for (List<String> command : RelayedCommands.COMMANDS) {
      List<String> help = new java.util.ArrayList<>(command);
      help.add("--help");
      String[] args = help.toArray(String[]::new);
      CommandLine c =
          LatchkeyCommand.newCommandLine(
              CliContext.system(java.util.Map.of()).withHttp(http()), args);
      PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
      c.setOut(sink);
      c.setErr(sink);
      c.execute(args);
    }
    Session.json();
  }
}
