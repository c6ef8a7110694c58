package dev.latchkey.account;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.KeychainException;
import dev.latchkey.keychain.Secret;
import dev.latchkey.oauth2.ClientCredentialsGrant;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.ProblemKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The recovery after an app's consumer key and secret leaked ("regenerate the consumer key and
 * secret, then redo the whole authorization for every account"), as steps: {@link #invalidate}
 * every token issued to the old keys, {@link #where} to regenerate them, {@link #replaceKeys} in
 * every account that used the app, {@link #reauthorize} each (the app-only token here; user tokens
 * through the front end's flows), {@link #check} each. Front ends that can ask and wait ({@code
 * latchkey rotate}) walk them all with {@link #run}; a web page calls the steps one request at a
 * time. What only a person can do (regenerate the keys, approve a user token) is a callback.
 *
 * <pre>{@code
 * AppRotation rotation = AppRotation.plan(accounts, AccountId.parse("twitter/ada"));
 * AppRotation.Report report = rotation.run(myPerson);
 * }</pre>
 */
public final class AppRotation {
  /**
   * One outcome line of a step.
   *
   * @param ok whether it went as it should
   * @param text what happened, naming the account and the credential (masked)
   */
  public record Line(boolean ok, String text) {
    public Line {
      Objects.requireNonNull(text, "text");
    }

    static Line ok(String text) {
      return new Line(true, text);
    }

    static Line failed(String text) {
      return new Line(false, text);
    }
  }

  /**
   * The lines of every step, and whether all went well.
   *
   * @param lines every outcome, in order
   */
  public record Report(List<Line> lines) {
    public Report {
      lines = List.copyOf(lines);
    }

    /** True when no step failed. */
    public boolean complete() {
      return lines.stream().allMatch(Line::ok);
    }
  }

  /** What a person does during a rotation, asked by {@link #run} (and told what happens). */
  public interface Person {
    /** A step starts ({@code 1}, {@code Invalidate every token issued to the old keys}). */
    default void step(int number, String title) {}

    /** One outcome of the current step. */
    default void line(Line line) {}

    /**
     * Has the person regenerate the keys on the platform's page and give the new ones.
     *
     * @return the new consumer key and secret, or null when none were given (nothing is changed)
     */
    NewKeys newKeys(Platform.KeyRegeneration where, AppCredentials old) throws IOException;

    /**
     * Has the person authorize {@code before}'s user again ({@code credential}: a user token by the
     * PIN flow, an OAuth 2 user token by PKCE) now that the account holds the new keys; the front
     * end stores the new token.
     *
     * @param before the account as it was before the rotation (its user, its access level)
     * @return the outcome
     */
    Line authorize(Account before, Credential credential);
  }

  /**
   * The new keys as typed or read.
   *
   * @param consumerKey the new API key
   * @param consumerSecret the new API key secret
   */
  public record NewKeys(String consumerKey, String consumerSecret) {
    @Override
    public String toString() {
      return "NewKeys[" + (consumerKey == null ? "none" : Secret.of(consumerKey).masked()) + "]";
    }
  }

  private final Accounts accounts;
  private final Platform platform;
  private final AppCredentials old;
  private final List<Account> affected;

  private AppRotation(
      Accounts accounts, Platform platform, AppCredentials old, List<Account> affected) {
    this.accounts = accounts;
    this.platform = platform;
    this.old = old;
    this.affected = List.copyOf(affected);
  }

  /**
   * Plans the rotation of the app whose keys {@code named} holds: every account of the platform
   * with the same consumer key uses it, and all of them are rotated.
   *
   * @throws AccountException when there is no such account or it holds no app keys
   */
  public static AppRotation plan(Accounts accounts, AccountId named) throws AccountException {
    Account a = accounts.account(named);
    Platform platform = accounts.platform(named);
    if (a.app() == null || a.app().consumerKey() == null) {
      throw new AccountException(
          named,
          new Remedy(
              ProblemKind.NOT_FOUND,
              named + " holds no app keys to rotate; name the account that holds the leaked app",
              null,
              null));
    }
    List<Account> users = new ArrayList<>();
    for (Account other : accounts.keychain().accounts(named.platform())) {
      if (other.app() != null
          && other.app().consumerKey() != null
          && other.app().consumerKey().reveal().equals(a.app().consumerKey().reveal())) {
        users.add(other);
      }
    }
    return new AppRotation(accounts, platform, a.app(), users);
  }

  /** The platform of the app. */
  public Platform platform() {
    return platform;
  }

  /** The leaked keys. */
  public AppCredentials oldApp() {
    return old;
  }

  /** Every account that used the app, as they were when the rotation was planned. */
  public List<Account> affected() {
    return affected;
  }

  /** The ids of {@link #affected()}. */
  public List<AccountId> ids() {
    return affected.stream().map(Account::id).toList();
  }

  /** Where and how the keys are regenerated, from the platform's description. */
  public Platform.KeyRegeneration where() {
    return platform.keyRegeneration();
  }

  /**
   * Step 1: revokes every token of every affected account at the platform, as {@link
   * Accounts#revoke} does. A token the platform refuses to revoke is not a failure here (it dies
   * with the old keys); only a platform that cannot be reached fails the step.
   */
  public List<Line> invalidate() throws KeychainException {
    List<Line> lines = new ArrayList<>();
    for (Account a : affected) {
      if (a.oauth1() == null && a.bearer() == null && a.oauth2() == null) {
        lines.add(Line.ok(a.id() + " holds no tokens; nothing to invalidate"));
        continue;
      }
      Revocation r;
      try {
        r = accounts.revoke(a.id(), false);
      } catch (AccountException e) {
        lines.add(Line.failed(a.id() + ": " + e.getMessage()));
        continue;
      }
      for (Revocation.Result result : r.results()) {
        String what = a.id() + " " + result.credential().description();
        String note = result.note();
        lines.add(
            switch (result.outcome()) {
              case REVOKED ->
                  Line.ok(what + " invalidated" + (note == null ? "" : " (" + note + ")"));
              case NOT_SUPPORTED -> Line.ok(what + ": " + note + "; it dies with the old keys");
              case LOCAL_ONLY -> Line.ok(what + " removed from the keychain");
              case FAILED ->
                  result.remedy() != null && result.remedy().problem() == ProblemKind.UNREACHABLE
                      ? Line.failed(what + ": " + note)
                      : Line.ok(
                          what + " is refused already (" + note + "); it dies with the old keys");
            });
      }
    }
    return lines;
  }

  /**
   * The new keys, checked: both given, and not the old ones typed again.
   *
   * @throws IllegalArgumentException naming what is wrong (nothing is changed)
   */
  public AppCredentials newApp(NewKeys keys) {
    String key = keys == null || keys.consumerKey() == null ? "" : keys.consumerKey().strip();
    String secret =
        keys == null || keys.consumerSecret() == null ? "" : keys.consumerSecret().strip();
    if (key.isEmpty() || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "no new consumer key and secret were given; nothing was changed. Regenerate them on "
              + where().page()
              + " and give both");
    }
    if (key.equals(old.consumerKey().reveal())
        || (old.consumerSecret() != null && secret.equals(old.consumerSecret().reveal()))) {
      throw new IllegalArgumentException(
          "those are the old keys; regenerate them on " + where().page() + " first");
    }
    return new AppCredentials(
        Secret.of(key), Secret.of(secret), old.clientId(), old.clientSecret());
  }

  /**
   * Step 3: gives {@code fresh} to every affected account and drops every token they held (dead
   * with the old keys), in one change of the keychain.
   */
  public List<Line> replaceKeys(AppCredentials fresh) throws KeychainException {
    Objects.requireNonNull(fresh, "fresh");
    Set<AccountId> ids = new LinkedHashSet<>(ids());
    accounts
        .keychain()
        .edit(
            draft -> {
              for (AccountId id : ids) {
                draft
                    .get(id)
                    .ifPresent(
                        a ->
                            draft.put(
                                a.withApp(fresh)
                                    .withOAuth1(null)
                                    .withBearer(null)
                                    .withOAuth2(null)));
              }
            });
    return List.of(
        Line.ok("stored the new keys in " + ids.size() + " account(s); the dead tokens are gone"));
  }

  /**
   * Step 4: gets every credential the affected accounts held again with the new keys, account by
   * account: user tokens through {@code authorize} (the front end's PIN or PKCE flow, which may
   * also answer that the person will do it later), the app-only bearer token here (client
   * credentials, RFC 6749 §4.4).
   */
  public List<Line> reauthorize(
      java.util.function.BiFunction<Account, Credential, Line> authorize) {
    List<Line> lines = new ArrayList<>();
    for (Account before : affected) {
      if (before.oauth1() != null) {
        lines.add(authorize.apply(before, Credential.OAUTH1_USER));
      }
      if (before.bearer() != null) {
        lines.add(bearer(before.id()));
      }
      if (before.oauth2() != null) {
        lines.add(authorize.apply(before, Credential.OAUTH2_USER));
      }
      if (before.oauth1() == null && before.bearer() == null && before.oauth2() == null) {
        lines.add(Line.ok(before.id() + " held only the app keys; nothing to authorize"));
      }
    }
    return lines;
  }

  private Line bearer(AccountId id) {
    try {
      Account now = accounts.account(id);
      BearerToken token =
          new ClientCredentialsGrant(accounts.http(), platform, accounts.clock()).fetch(now.app());
      accounts
          .keychain()
          .edit(draft -> draft.get(id).ifPresent(a -> draft.put(a.withBearer(token))));
      return Line.ok(id + " app-only bearer token: done");
    } catch (AccountException | KeychainException e) {
      return Line.failed(id + " app-only bearer token: " + e.getMessage());
    } catch (dev.latchkey.oauth2.OAuth2Exception | IOException e) {
      return Line.failed(
          id
              + " app-only bearer token: "
              + platform.displayName()
              + " did not give one ("
              + e.getMessage()
              + "); run latchkey auth "
              + id.platform()
              + " --bearer --account "
              + id.name());
    }
  }

  /** Step 5: checks every affected account against the platform, as {@link Accounts#check}. */
  public List<Line> check() {
    List<Line> lines = new ArrayList<>();
    try {
      accounts.keychain().reload(); // the front end's flows may have written through another copy
    } catch (KeychainException e) {
      return List.of(Line.failed("cannot read the keychain again: " + e.getMessage()));
    }
    for (AccountId id : ids()) {
      try {
        AccountCheck c = accounts.check(id);
        if (c.failed()) {
          CredentialCheck f = c.firstFailure().orElseThrow();
          lines.add(
              Line.failed(
                  id
                      + ": "
                      + f.credential().description()
                      + " refused"
                      + (f.failure() == null ? "" : " (" + f.failure().message() + ")")
                      + (f.remedy() == null ? "" : "; " + f.remedy().message())));
        } else {
          lines.add(Line.ok(id + ": " + c.state()));
        }
      } catch (AccountException e) {
        lines.add(Line.failed(id + ": " + e.getMessage()));
      }
    }
    return lines;
  }

  /**
   * The whole walk, for a front end that can ask and wait: steps 1 to 5, telling {@code person}
   * each step and line, asking it for the new keys and the user tokens.
   *
   * @throws IllegalArgumentException when the new keys are missing or the old ones (after step 1;
   *     nothing else was changed)
   */
  public Report run(Person person) throws KeychainException, IOException {
    List<Line> all = new ArrayList<>();
    String ids = String.join(", ", ids().stream().map(AccountId::toString).toList());
    person.step(1, "Invalidate every token issued to the old keys");
    tell(person, all, invalidate());
    person.step(2, "Regenerate the app's consumer key and secret");
    AppCredentials fresh = newApp(person.newKeys(where(), old));
    Line read = Line.ok("read the new consumer key " + fresh.consumerKey().masked());
    tell(person, all, List.of(read));
    person.step(3, "Give the new keys to " + ids);
    tell(person, all, replaceKeys(fresh));
    person.step(4, "Authorize every account again");
    tell(person, all, reauthorize(person::authorize));
    person.step(5, "Check every account");
    tell(person, all, check());
    return new Report(all);
  }

  private static void tell(Person person, List<Line> all, List<Line> lines) {
    for (Line l : lines) {
      person.line(l);
      all.add(l);
    }
  }
}
