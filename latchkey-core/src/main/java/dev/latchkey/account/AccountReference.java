package dev.latchkey.account;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.platform.ProblemKind;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An account as a person names it: {@code PLATFORM/NAME}, {@code NAME} alone where the platform is
 * known from context or only one platform holds that name, or {@code PLATFORM} alone for that
 * platform's default account. The same words mean the same account in every command, the agent and
 * the dashboard.
 *
 * @param platform the platform written, lower case, or null
 * @param name the name written, or null when only a platform was
 * @param text what was written
 */
public record AccountReference(String platform, String name, String text) {

  public AccountReference {
    Objects.requireNonNull(text, "text");
    if (platform == null && name == null) {
      throw new IllegalArgumentException("an account reference names a platform or a name");
    }
  }

  /**
   * Reads {@code PLATFORM/NAME} or a single word (a name, or a platform when it is one of {@code
   * platforms}).
   *
   * @throws IllegalArgumentException naming what is wrong; the message is one line
   */
  public static AccountReference parse(String text, Collection<String> platforms) {
    String t = text == null ? "" : text.strip();
    String shown = t.replaceAll("\\p{Cntrl}", "?");
    try {
      if (t.indexOf('/') >= 0) {
        AccountId id = AccountId.parse(t);
        return new AccountReference(id.platform(), id.name(), shown);
      }
      String lower = t.toLowerCase(Locale.ROOT);
      if (platforms.contains(lower)) {
        return new AccountReference(lower, null, shown);
      }
      new AccountId("x", t); // validates the name
      return new AccountReference(null, t, shown);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?");
      throw new IllegalArgumentException(
          t.isEmpty()
              ? "an account is named PLATFORM/NAME, like twitter/alice"
              : m + " (accounts are named PLATFORM/NAME, like twitter/alice)");
    }
  }

  /** True when only a platform was named: its default account is meant. */
  public boolean isPlatformOnly() {
    return name == null;
  }

  /**
   * The stored account meant.
   *
   * @param platformHint the platform the command is about ({@code auth twitter}), or null
   * @throws AccountException naming what is missing or ambiguous and the fix
   */
  public AccountId resolve(Keychain keychain, String platformHint) throws AccountException {
    if (platform != null && platformHint != null && !platform.equals(platformHint)) {
      throw problem(
          ProblemKind.NOT_FOUND,
          text + " is not a " + platformHint + " account; name one like " + platformHint + "/NAME",
          null);
    }
    if (name == null) {
      return keychain.defaultAccount(platform).orElseThrow(() -> noDefault(keychain, platform));
    }
    if (platform != null || platformHint != null) {
      AccountId id = new AccountId(platform != null ? platform : platformHint, name);
      if (keychain.get(id).isEmpty()) {
        throw problem(
            ProblemKind.NOT_FOUND,
            "there is no account " + id + "; see: latchkey keys list",
            "latchkey keys list");
      }
      return id;
    }
    List<AccountId> named =
        keychain.accounts().stream().map(a -> a.id()).filter(id -> id.name().equals(name)).toList();
    if (named.size() == 1) {
      return named.get(0);
    }
    if (named.isEmpty()) {
      throw problem(
          ProblemKind.NOT_FOUND,
          "there is no account named " + name + "; see: latchkey keys list",
          "latchkey keys list");
    }
    throw problem(
        ProblemKind.NOT_FOUND,
        name
            + " names accounts on "
            + String.join(" and ", named.stream().map(AccountId::platform).toList())
            + "; say which, like "
            + named.get(0),
        null);
  }

  /**
   * The account to create or replace: {@code PLATFORM/NAME}, or {@code NAME} on {@code
   * platformHint}; with a platform alone, {@code defaultName} on it.
   *
   * @throws IllegalArgumentException when no platform is known, or it contradicts the hint
   */
  public AccountId target(String platformHint, String defaultName) {
    if (platform != null && platformHint != null && !platform.equals(platformHint)) {
      throw new IllegalArgumentException(
          text + " is not a " + platformHint + " account; name one like " + platformHint + "/NAME");
    }
    String p = platform != null ? platform : platformHint;
    if (p == null) {
      throw new IllegalArgumentException(
          "say which platform " + text + " is on, like twitter/" + text);
    }
    return new AccountId(p, name != null ? name : defaultName);
  }

  private static AccountException noDefault(Keychain keychain, String platform) {
    List<AccountId> on = keychain.accounts(platform).stream().map(a -> a.id()).toList();
    return on.isEmpty()
        ? problem(
            ProblemKind.NOT_FOUND,
            "there is no "
                + platform
                + " account; add one with: latchkey keys add "
                + platform
                + "/NAME",
            "latchkey keys add " + platform + "/NAME")
        : problem(
            ProblemKind.NOT_FOUND,
            platform
                + " has no default account; name one, like "
                + on.get(0)
                + ", or set it with: latchkey keys default "
                + on.get(0),
            "latchkey keys default " + on.get(0));
  }

  private static AccountException problem(ProblemKind kind, String message, String command) {
    return new AccountException(null, new Remedy(kind, message, command, null));
  }

  @Override
  public String toString() {
    return text;
  }
}
