package dev.latchkey.dashboard.internal;

import java.util.List;

/**
 * The outcome of checking one credential of an account.
 *
 * @param credential which credential ({@code OAuth 1.0a token})
 * @param ok whether the platform accepted it
 * @param text whose it is, or the platform's own refusal
 * @param fix what to do about a refusal, or null
 * @param details more facts: access level, scopes, expiry
 */
public record CheckLine(
    String credential, boolean ok, String text, String fix, List<String> details) {
  public CheckLine {
    details = List.copyOf(details);
  }
}
