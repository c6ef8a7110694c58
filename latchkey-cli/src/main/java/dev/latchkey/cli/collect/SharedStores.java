package dev.latchkey.cli.collect;

import dev.latchkey.cli.session.CliContext;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.collect.store.PostgresLocation;
import dev.latchkey.collect.store.PostgresStore;
import dev.latchkey.collect.store.StoreException;
import java.nio.file.Path;

/**
 * {@code --store postgresql://…} and {@code --job NAME} (issue 11): which shared store a command
 * uses ({@code --store}, else {@code LATCHKEY_STORE}), with the password from the URL, {@code
 * PGPASSWORD} or {@code ~/.pgpass}.
 */
final class SharedStores {
  /** The environment variable naming the default shared store. */
  static final String ENV = "LATCHKEY_STORE";

  private SharedStores() {}

  /** {@code --store}, else {@code LATCHKEY_STORE} when {@code fileGiven} is false; else null. */
  static String url(CliContext context, String option, boolean fileGiven) {
    if (option != null) {
      return option;
    }
    return fileGiven ? null : context.env(ENV);
  }

  /** Connects to the store {@code url} for job {@code job}; usage errors exit 2. */
  static PostgresStore connect(CliContext context, String url, String job) {
    String from = url.equals(context.env(ENV)) ? ENV : "--store";
    if (job == null) {
      throw CliException.usage(
          from
              + " names a shared store: add --job NAME (the same name on every machine that works"
              + " on the collection)");
    }
    PostgresLocation where;
    try {
      PostgresStore.checkJobName(job);
      String home = context.env("HOME");
      String user = context.env("USER");
      where =
          PostgresLocation.parse(
              url,
              context.environment(),
              Path.of(home == null ? System.getProperty("user.home") : home),
              user == null ? System.getProperty("user.name") : user);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage().replace("--store", from));
    } catch (StoreException e) {
      throw new CliException(e.getMessage());
    }
    try {
      return PostgresStore.connect(where, job);
    } catch (StoreException e) {
      throw new CliException(e.getMessage());
    }
  }
}
