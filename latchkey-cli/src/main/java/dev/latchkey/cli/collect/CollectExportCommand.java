package dev.latchkey.cli.collect;

import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.Session;
import dev.latchkey.collect.store.OutputFormat;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.collect.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey collect export --store URL --job NAME}: a shared job's records as JSONL or its
 * pages as twarc2 writes them (issue 11).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write out the records of a job in a shared --store.",
      "jsonl: one record per line with __latchkey; pages: the API's pages as twarc2 writes them."
    })
final class CollectExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = "postgresql://[user[:password]@]host[:port]/db (default: LATCHKEY_STORE).")
  String store;

  @Option(names = "--job", paramLabel = "NAME", required = true, description = "The job.")
  String job;

  @Option(
      names = "--format",
      paramLabel = "jsonl|pages",
      defaultValue = "jsonl",
      description = "jsonl (default) or pages.")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write (default: standard output); replaced whole when done.")
  Path output;

  @Override
  public Integer call() {
    OutputFormat f;
    try {
      f = OutputFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    if (f == OutputFormat.SQLITE) {
      throw CliException.usage(
          "export writes --format jsonl or pages; in a shared store the records are in"
              + " PostgreSQL tables already (tweets, users, follows, posts, blogs, errors)");
    }
    Session session = Session.of(spec);
    String url = SharedStores.url(session.context(), store, false);
    if (url == null) {
      throw CliException.usage("export needs --store postgresql://… (or " + SharedStores.ENV + ")");
    }
    try (PostgresStore s = SharedStores.connect(session.context(), url, job)) {
      if (output == null) {
        OutputStream out = new WriterOutputStream(spec.commandLine().getOut());
        s.export(f, out);
        out.flush();
        return 0;
      }
      // Written beside the target and moved over it at the end: never a half-written file.
      Path dir = output.toAbsolutePath().getParent();
      Path partial = Files.createTempFile(dir, "." + output.getFileName() + ".", ".partial");
      try {
        try (OutputStream out = Files.newOutputStream(partial)) {
          s.export(f, out);
        }
        Files.move(
            partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return 0;
    } catch (StoreException e) {
      throw new CliException(e.getMessage());
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + e.getMessage());
    }
  }
}
