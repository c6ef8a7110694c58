package dev.latchkey.formats;

import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.AppCredentials;
import dev.latchkey.keychain.BearerToken;
import dev.latchkey.keychain.OAuth1Token;
import dev.latchkey.keychain.Secret;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials found for one account while reading a file, with the field and line each came
 * from, so that a missing or conflicting part can be reported precisely. Checked and turned into an
 * {@link Account} by {@link #build(AccountId)}.
 */
final class Draft {
  private record Value(String field, String text, int line) {}

  private final Source source;
  private final Map<Slot, String> fieldNames;
  private final Map<Slot, Value> values = new EnumMap<>(Slot.class);
  private final int line;
  private String platform;
  private String proposedName;
  private boolean isDefault;
  private boolean keyOnlyAllowed;

  /**
   * @param fieldNames how this file's format names each part, for "is missing" messages
   * @param line where the account's group (object, section, profile) starts
   */
  Draft(Source source, Map<Slot, String> fieldNames, String platform, int line) {
    this.source = source;
    this.fieldNames = fieldNames;
    this.platform = platform;
    this.line = line;
  }

  int line() {
    return line;
  }

  String platform() {
    return platform;
  }

  void platform(String newPlatform) {
    this.platform = newPlatform;
  }

  /** The name the file gives the account (profile, user, section), or null. */
  String proposedName() {
    return proposedName;
  }

  Draft proposedName(String name) {
    this.proposedName = name;
    return this;
  }

  boolean isDefault() {
    return isDefault;
  }

  Draft markDefault() {
    this.isDefault = true;
    return this;
  }

  /** Lets a consumer key stand without its secret (twurl's bearer-only apps). */
  Draft allowKeyOnly() {
    this.keyOnlyAllowed = true;
    return this;
  }

  /**
   * Records one value. Null or blank values count as absent. The same part given twice with the
   * same value is fine; with different values it is an error.
   */
  void put(Slot slot, String field, String text, int valueLine) throws ImportException {
    if (text == null || text.isBlank()) {
      return;
    }
    String value = text.strip();
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw source.error(
            valueLine,
            field,
            quote(field) + " contains a control character (a line break or tab); remove it");
      }
    }
    Value previous = values.get(slot);
    if (previous == null) {
      values.put(slot, new Value(field, value, valueLine));
    } else if (!previous.text.equals(value)) {
      String where =
          previous.line > 0 && previous.line != valueLine ? " on line " + previous.line : "";
      throw source.error(
          valueLine,
          field,
          quote(field)
              + " disagrees with "
              + quote(previous.field)
              + where
              + "; keep only one of them");
    }
  }

  boolean has(Slot slot) {
    return values.containsKey(slot);
  }

  String text(Slot slot) {
    Value v = values.get(slot);
    return v == null ? null : v.text;
  }

  /** True when any credential (not just an identity) was found. */
  boolean hasCredential() {
    return values.keySet().stream().anyMatch(Slot::credential);
  }

  /** Checks that the parts found make a usable account, then builds it. */
  Account build(AccountId id) throws ImportException {
    requireWith(Slot.TOKEN_SECRET, Slot.TOKEN);
    requireWith(Slot.TOKEN, Slot.TOKEN_SECRET);
    requireWith(Slot.CONSUMER_KEY, Slot.TOKEN);
    requireWith(Slot.CONSUMER_SECRET, Slot.TOKEN);
    requireWith(Slot.CONSUMER_KEY, Slot.CONSUMER_SECRET);
    if ("twitter".equals(platform) && !keyOnlyAllowed) {
      requireWith(Slot.CONSUMER_SECRET, Slot.CONSUMER_KEY);
    }
    requireWith(Slot.CONSUMER_KEY, Slot.CLIENT_ID);
    requireWith(Slot.CLIENT_ID, Slot.CLIENT_SECRET);

    Account account = Account.empty(id);
    if (has(Slot.CONSUMER_KEY)) {
      AppCredentials app =
          new AppCredentials(
              Secret.of(text(Slot.CONSUMER_KEY)),
              Secret.ofNullable(text(Slot.CONSUMER_SECRET)),
              null,
              null);
      if (has(Slot.CLIENT_ID)) {
        app =
            app.withOAuth2Client(text(Slot.CLIENT_ID), Secret.ofNullable(text(Slot.CLIENT_SECRET)));
      }
      account = account.withApp(app);
    }
    if (has(Slot.TOKEN)) {
      account =
          account.withOAuth1(
              new OAuth1Token(
                  Secret.of(text(Slot.TOKEN)),
                  Secret.of(text(Slot.TOKEN_SECRET)),
                  text(Slot.USER_ID),
                  text(Slot.SCREEN_NAME),
                  null));
    }
    if (has(Slot.BEARER)) {
      account = account.withBearer(BearerToken.of(text(Slot.BEARER)));
    }
    return account;
  }

  /** When {@code present} was given, {@code needed} must be too. */
  private void requireWith(Slot needed, Slot present) throws ImportException {
    Value p = values.get(present);
    if (p != null && !values.containsKey(needed)) {
      String missing = fieldNames.getOrDefault(needed, needed.name().toLowerCase(Locale.ROOT));
      throw source.error(
          p.line > 0 ? p.line : line,
          missing,
          quote(missing) + " is missing; add it next to " + quote(p.field));
    }
  }

  static String quote(String field) {
    return "\"" + field + "\"";
  }
}
