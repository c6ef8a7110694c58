package dev.latchkey.cli.keyring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every keyring call on a daemon thread and waits at most a fixed time, as the GitHub CLI does
 * (3 s), so that a hung keyring never hangs the command. Any failure becomes {@link
 * OsKeyring.Unavailable}.
 */
public final class TimeLimitedKeyring implements OsKeyring {
  private final OsKeyring delegate;
  private final Duration timeout;

  TimeLimitedKeyring(OsKeyring delegate, Duration timeout) {
    this.delegate = Objects.requireNonNull(delegate);
    this.timeout = Objects.requireNonNull(timeout);
  }

  @Override
  public Optional<String> get(String account) throws Unavailable {
    return call(() -> delegate.get(account));
  }

  @Override
  public void set(String account, String secret) throws Unavailable {
    call(
        () -> {
          delegate.set(account, secret);
          return null;
        });
  }

  @Override
  public boolean delete(String account) throws Unavailable {
    return call(() -> delegate.delete(account));
  }

  private <T> T call(Callable<T> work) throws Unavailable {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "latchkey-keyring");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new Unavailable("it did not answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Unavailable unavailable) {
        throw unavailable;
      }
      throw new Unavailable(e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
  }
}
