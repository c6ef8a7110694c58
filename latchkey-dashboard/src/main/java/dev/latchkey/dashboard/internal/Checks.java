package dev.latchkey.dashboard.internal;

import dev.latchkey.account.AccountCheck;
import dev.latchkey.account.AccountException;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.CredentialCheck;
import dev.latchkey.account.Revocation;
import dev.latchkey.http.Identity;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.platform.Platforms;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the dashboard asks of the platforms, all through the account layer ({@link Accounts}): check
 * an account, verify keys before they are stored, revoke an account's tokens. This class only turns
 * the account layer's results into what the pages show.
 */
final class Checks {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Platforms platforms;
  private final Clock clock;
  private Keychain keychain;
  private Accounts accounts;

  Checks(Platforms platforms, Clock clock) {
    this.platforms = platforms;
    this.clock = clock;
  }

  /** One account layer per unlocked keychain (it keeps its HTTP clients between calls). */
  synchronized Accounts accounts(Keychain current) {
    if (current != keychain) {
      keychain = current;
      accounts = Accounts.builder(current, platforms).clock(clock).build();
    }
    return accounts;
  }

  /** Checks every credential the account holds (an expired OAuth 2 token is refreshed first). */
  StatusView check(Keychain keychain, AccountId id) {
    try {
      return view(accounts(keychain).check(id), null);
    } catch (AccountException e) {
      return new StatusView("skipped", e.getMessage(), List.of(), now());
    }
  }

  /**
   * The outcome of testing keys before storing them.
   *
   * @param line what the platform said (or why they cannot be tested)
   * @param account the account, with the owner the platform named filled in
   */
  record Tested(CheckLine line, Account account) {}

  /** Tests keys before they are stored; nothing is written. */
  Tested test(Keychain keychain, Account candidate) {
    AccountCheck check;
    try {
      check = accounts(keychain).verify(candidate);
    } catch (AccountException e) {
      return new Tested(new CheckLine("Keys", false, e.getMessage(), null, List.of()), candidate);
    }
    if (check.notChecked() != null) {
      return new Tested(
          new CheckLine(
              "Keys",
              false,
              check.notChecked(),
              "tick \"Store without testing\"; an OAuth 2 client is tested by authorizing a user",
              List.of()),
          candidate);
    }
    CredentialCheck first = check.firstFailure().orElse(check.checks().get(0));
    return new Tested(line(first), check.account());
  }

  /**
   * What revoking did.
   *
   * @param lines one per credential: revoked, not supported (and what to do), failed
   * @param after the revoked tokens checked again, so the page shows the platform's refusal
   */
  record Revoked(List<String> lines, StatusView after) {}

  /**
   * Revokes every token the account holds at its platform (the account layer then removes them from
   * the keychain), and shows the revoked tokens to the platform once more: its refusal is the proof
   * that they are dead.
   */
  Revoked revoke(Keychain keychain, AccountId id) throws AccountException, KeychainException {
    Accounts layer = accounts(keychain);
    Account before = layer.account(id);
    Revocation revocation = layer.revoke(id, false);
    List<String> lines = new ArrayList<>();
    for (Revocation.Result r : revocation.results()) {
      String what = r.credential().description();
      lines.add(
          switch (r.outcome()) {
            case REVOKED -> "revoked the " + what;
            case NOT_SUPPORTED -> "the " + what + " cannot be revoked here: " + r.note();
            case FAILED -> "the " + what + " was not revoked: " + r.note();
            case LOCAL_ONLY -> "removed the " + what + " locally";
          });
    }
    if (lines.isEmpty()) {
      lines.add("it holds no token to revoke");
    }
    StatusView after = view(layer.verify(before), "revoked; ");
    return new Revoked(lines, after);
  }

  private StatusView view(AccountCheck check, String prefix) {
    if (check.notChecked() != null) {
      return new StatusView("skipped", check.notChecked(), List.of(), now());
    }
    List<CheckLine> lines = check.checks().stream().map(Checks::line).toList();
    CheckLine shown =
        lines.stream()
            .filter(l -> !l.ok())
            .findFirst()
            .orElse(lines.isEmpty() ? null : lines.get(0));
    String summary = shown == null ? "" : shown.text();
    return new StatusView(check.state(), (prefix == null ? "" : prefix) + summary, lines, now());
  }

  private static CheckLine line(CredentialCheck c) {
    String what = capitalized(c.credential().description());
    List<String> details = new ArrayList<>();
    c.identity().map(Identity::accessLevel).ifPresent(a -> details.add("access level: " + a));
    if (!c.scopes().isEmpty()) {
      details.add("scopes: " + String.join(" ", new TreeSet<>(c.scopes())));
    }
    if (c.expiresAt() != null) {
      details.add(
          "expires "
              + DAY_AND_TIME.format(c.expiresAt())
              + (c.refreshable() ? ", refreshable" : ", not refreshable"));
    }
    if (c.refreshed()) {
      details.add("it had expired: refreshed, and the new token saved");
    }
    if (c.ok()) {
      String who =
          c.identity().map(Identity::screenName).map(name -> "@" + name).orElse("accepted");
      return new CheckLine(what, true, who, null, details);
    }
    return new CheckLine(
        what,
        false,
        c.failure().message(),
        c.remedy() == null ? null : c.remedy().message(),
        details);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String now() {
    return TIME.format(clock.instant());
  }
}
