package dev.latchkey.account;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AppCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What storing new credentials over an existing account does, said before or after it is done: the
 * credentials given replace the stored ones of the same kind; stored ones not given are kept while
 * they still belong to the account's app (one given that is the same as the stored one is said to
 * be kept) (a user token or app-only token of other app keys is dropped); an OAuth 2 user token is
 * always kept, since it is stored with its own client.
 *
 * @param result the account to store
 * @param replaced what the new credentials replaced ({@code app keys}, ...)
 * @param added what was new
 * @param kept what stayed from the stored account
 * @param dropped what was removed, each with why
 */
public record Replacement(
    Account result,
    List<String> replaced,
    List<String> added,
    List<String> kept,
    List<String> dropped) {

  public Replacement {
    Objects.requireNonNull(result, "result");
    replaced = List.copyOf(replaced);
    added = List.copyOf(added);
    kept = List.copyOf(kept);
    dropped = List.copyOf(dropped);
  }

  /** {@code incoming} stored over {@code existing} (null when there is none). */
  public static Replacement of(Account existing, Account incoming) {
    List<String> replaced = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    if (existing == null) {
      note(incoming.app() != null, false, "app keys", added, replaced);
      note(incoming.oauth1() != null, false, "OAuth 1.0a user token", added, replaced);
      note(incoming.bearer() != null, false, "app-only bearer token", added, replaced);
      note(incoming.oauth2() != null, false, "OAuth 2 user token", added, replaced);
      return new Replacement(incoming, replaced, added, kept, dropped);
    }
    Account out = Account.empty(incoming.id());
    out = out.withLabel(incoming.label() != null ? incoming.label() : existing.label());
    AppCredentials app = incoming.app() != null ? incoming.app() : existing.app();
    boolean sameApp = sameConsumerKey(existing.app(), app);
    out = out.withApp(app);
    if (incoming.app() != null && incoming.app().equals(existing.app())) {
      kept.add("app keys");
    } else if (incoming.app() != null) {
      note(true, existing.app() != null, "app keys", added, replaced);
    } else if (existing.app() != null) {
      kept.add("app keys");
    }
    if (incoming.oauth1() != null) {
      out = out.withOAuth1(incoming.oauth1());
      boolean same =
          existing.oauth1() != null
              && existing.oauth1().token().equals(incoming.oauth1().token())
              && existing.oauth1().tokenSecret().equals(incoming.oauth1().tokenSecret());
      if (same) {
        kept.add("OAuth 1.0a user token");
      } else {
        note(true, existing.oauth1() != null, "OAuth 1.0a user token", added, replaced);
      }
    } else if (existing.oauth1() != null) {
      if (sameApp) {
        out = out.withOAuth1(existing.oauth1());
        kept.add("OAuth 1.0a user token");
      } else {
        dropped.add("OAuth 1.0a user token (issued to the old app keys)");
      }
    }
    if (incoming.bearer() != null) {
      out = out.withBearer(incoming.bearer());
      if (existing.bearer() != null
          && existing.bearer().token().equals(incoming.bearer().token())) {
        kept.add("app-only bearer token");
      } else {
        note(true, existing.bearer() != null, "app-only bearer token", added, replaced);
      }
    } else if (existing.bearer() != null) {
      if (sameApp) {
        out = out.withBearer(existing.bearer());
        kept.add("app-only bearer token");
      } else {
        dropped.add("app-only bearer token (of the old app keys)");
      }
    }
    if (incoming.oauth2() != null) {
      out = out.withOAuth2(incoming.oauth2());
      note(true, existing.oauth2() != null, "OAuth 2 user token", added, replaced);
    } else if (existing.oauth2() != null) {
      out = out.withOAuth2(existing.oauth2());
      kept.add("OAuth 2 user token");
    }
    return new Replacement(out, replaced, added, kept, dropped);
  }

  private static boolean sameConsumerKey(AppCredentials before, AppCredentials after) {
    if (before == null || after == null) {
      return before == after;
    }
    return Objects.equals(before.consumerKey(), after.consumerKey())
        && Objects.equals(before.clientId(), after.clientId());
  }

  private static void note(
      boolean given, boolean existed, String what, List<String> added, List<String> replaced) {
    if (given) {
      (existed ? replaced : added).add(what);
    }
  }

  /**
   * How to say what happened to the account in one word: {@code added} (it is new), {@code
   * replaced} (stored credentials were replaced or dropped), {@code updated} (only added to) or
   * {@code unchanged}.
   *
   * @param existed whether the account was stored before
   */
  public String verb(boolean existed) {
    if (!existed) {
      return "added";
    }
    if (replacedSomething()) {
      return "replaced";
    }
    return added.isEmpty() ? "unchanged" : "updated";
  }

  /** True when something stored was replaced or dropped. */
  public boolean replacedSomething() {
    return !replaced.isEmpty() || !dropped.isEmpty();
  }

  /**
   * One clause for people: {@code replaced: app keys; kept: OAuth 2 user token; dropped: app-only
   * bearer token (of the old app keys)}, or empty when nothing was there before.
   */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (!replaced.isEmpty()) {
      parts.add("replaced: " + String.join(", ", replaced));
    }
    if (!added.isEmpty() && (!replaced.isEmpty() || !kept.isEmpty() || !dropped.isEmpty())) {
      parts.add("added: " + String.join(", ", added));
    }
    if (!kept.isEmpty()) {
      parts.add("kept: " + String.join(", ", kept));
    }
    if (!dropped.isEmpty()) {
      parts.add("dropped: " + String.join(", ", dropped));
    }
    return String.join("; ", parts);
  }
}
