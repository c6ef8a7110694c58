package dev.latchkey.cli.keyring;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import dev.latchkey.account.Keyring;
import java.util.Optional;

/**
 * The real OS keyring through java-keyring. Each call opens the backend afresh; on a machine
 * without one (headless Linux without a D-Bus session) every call fails with {@link
 * Keyring.Unavailable}.
 */
public final class SystemKeyring implements Keyring {

  @Override
  public Optional<String> get(String account) throws Unavailable {
    try (com.github.javakeyring.Keyring keyring = open()) {
      return Optional.ofNullable(keyring.getPassword(SERVICE, account));
    } catch (PasswordAccessException e) {
      return Optional.empty();
    } catch (Unavailable e) {
      throw e;
    } catch (Exception e) {
      throw new Unavailable(e.getClass().getSimpleName());
    }
  }

  @Override
  public void set(String account, String secret) throws Unavailable {
    try (com.github.javakeyring.Keyring keyring = open()) {
      keyring.setPassword(SERVICE, account, secret);
    } catch (PasswordAccessException e) {
      throw new Unavailable("the keyring refused to store the entry");
    } catch (Unavailable e) {
      throw e;
    } catch (Exception e) {
      throw new Unavailable(e.getClass().getSimpleName());
    }
  }

  @Override
  public boolean delete(String account) throws Unavailable {
    try (com.github.javakeyring.Keyring keyring = open()) {
      keyring.deletePassword(SERVICE, account);
      return true;
    } catch (PasswordAccessException e) {
      return false;
    } catch (Unavailable e) {
      throw e;
    } catch (Exception e) {
      throw new Unavailable(e.getClass().getSimpleName());
    }
  }

  private static com.github.javakeyring.Keyring open() throws Unavailable {
    try {
      return com.github.javakeyring.Keyring.create();
    } catch (BackendNotSupportedException e) {
      // The message is the library's own ("No available keyring backend found"); it holds no
      // secret.
      throw new Unavailable(String.valueOf(e.getMessage()));
    }
  }
}
