package dev.latchkey.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code latchkey keys export}. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class KeysExportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("latchkey keys export is not implemented yet");
  }
}
