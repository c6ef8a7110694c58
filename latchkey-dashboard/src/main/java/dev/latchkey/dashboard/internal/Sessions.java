package dev.latchkey.dashboard.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sign-in token printed at start and the browser sessions it was exchanged for. The token works
 * once: the first browser to present it gets a session cookie and the token is spent, so a copy
 * left in a terminal's scrollback, a shell history or the browser's history is worthless.
 */
final class Sessions {
  private final SecureRandom random;
  private final Clock clock;
  private final List<WebSession> sessions = new CopyOnWriteArrayList<>();
  private String signInToken;

  Sessions(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
    this.signInToken = Tokens.random(random);
  }

  /** The token of the sign-in address, or null once it has been used. */
  synchronized String signInToken() {
    return signInToken;
  }

  /** A new one-time sign-in token (the previous one stops working). */
  synchronized String newSignInToken() {
    signInToken = Tokens.random(random);
    return signInToken;
  }

  /** Spends the sign-in token for a new session; empty when the token is wrong or was used. */
  synchronized Optional<WebSession> signIn(String token) {
    if (!Tokens.same(token, signInToken)) {
      return Optional.empty();
    }
    signInToken = null;
    WebSession session =
        new WebSession(Tokens.random(random), Tokens.random(random), clock.instant());
    sessions.add(session);
    return Optional.of(session);
  }

  /** Forgets every session's kept draft (the keychain locked). */
  void forgetDrafts() {
    sessions.forEach(WebSession::takeDraft);
  }

  /** The session whose cookie value this is. */
  Optional<WebSession> find(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    WebSession found = null;
    for (WebSession s : sessions) {
      if (Tokens.same(cookie, s.id())) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }
}
