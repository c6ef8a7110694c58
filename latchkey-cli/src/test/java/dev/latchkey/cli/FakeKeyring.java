package dev.latchkey.cli;

import dev.latchkey.account.Keyring;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** An in-memory OS keyring for tests, which can also be unavailable or hang like a dead D-Bus. */
public final class FakeKeyring implements Keyring {
  enum Mode {
    WORKING,
    UNAVAILABLE,
    HANGING,
    /** Fails the test when called at all. */
    FORBIDDEN
  }

  final Map<String, String> entries = new HashMap<>();
  private final Mode mode;
  private final CountDownLatch never = new CountDownLatch(1);
  int calls;

  FakeKeyring(Mode mode) {
    this.mode = mode;
  }

  static FakeKeyring working() {
    return new FakeKeyring(Mode.WORKING);
  }

  @Override
  public synchronized Optional<String> get(String account) throws Unavailable {
    behave();
    return Optional.ofNullable(entries.get(account));
  }

  @Override
  public synchronized void set(String account, String secret) throws Unavailable {
    behave();
    entries.put(account, secret);
  }

  @Override
  public synchronized boolean delete(String account) throws Unavailable {
    behave();
    return entries.remove(account) != null;
  }

  private void behave() throws Unavailable {
    calls++;
    if (mode == Mode.FORBIDDEN) {
      throw new AssertionError("the OS keyring was asked although the user never opted in");
    }
    if (mode == Mode.UNAVAILABLE) {
      throw new Unavailable("No available keyring backend found");
    }
    if (mode == Mode.HANGING) {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
