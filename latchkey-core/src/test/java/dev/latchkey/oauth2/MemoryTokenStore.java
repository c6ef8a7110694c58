package dev.latchkey.oauth2;

import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.OAuth2Token;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** A {@link TokenStore} in memory, with one lock for all accounts and a count of writes. */
final class MemoryTokenStore implements TokenStore {
  final Map<AccountId, OAuth2Token> tokens = new ConcurrentHashMap<>();
  final ReentrantLock lock = new ReentrantLock();
  final AtomicInteger writes = new AtomicInteger();

  @Override
  public Optional<OAuth2Token> read(AccountId account) {
    return Optional.ofNullable(tokens.get(account));
  }

  @Override
  public OAuth2Token update(AccountId account, Update update) throws OAuth2Exception, IOException {
    lock.lock();
    try {
      OAuth2Token current = tokens.get(account);
      OAuth2Token next = update.apply(current);
      if (next != current) {
        tokens.put(account, next);
        writes.incrementAndGet();
      }
      return next;
    } finally {
      lock.unlock();
    }
  }
}
