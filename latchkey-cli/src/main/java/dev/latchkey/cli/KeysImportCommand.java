package dev.latchkey.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code latchkey keys import}. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class KeysImportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("latchkey keys import is not implemented yet");
  }
}
