package dev.latchkey.scan;

import dev.latchkey.keychain.AccountId;
import java.util.List;
import java.util.Objects;

/**
 * One place where a secret was found. Holds no secret: the value appears only masked.
 *
 * @param place the file, or the repository for a finding in git history
 * @param commit the abbreviated commit for a finding in git history, else null
 * @param refs what names that commit (branches, {@code stash@{0}}), possibly empty
 * @param path the file inside the repository for a finding in git history, else null
 * @param line the line (from 1) where the match starts
 * @param owners for a keychain secret, every account and field holding that value; empty for a
 *     platform credential the keychain does not hold
 * @param what the field, or the kind of platform credential ({@code X bearer token})
 * @param encoding how the value was written ({@code raw}, {@code Base64}, {@code percent-encoded},
 *     ...), or the rule that matched a platform credential
 * @param masked the first characters of the value and an ellipsis
 */
public record Finding(
    String place,
    String commit,
    List<String> refs,
    String path,
    long line,
    List<Holder> owners,
    String what,
    String encoding,
    String masked) {

  /** An account and which of its secrets has the value found. */
  public record Holder(AccountId account, String field) {
    public Holder {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(field, "field");
    }

    @Override
    public String toString() {
      return account + " " + field;
    }
  }

  public Finding {
    Objects.requireNonNull(place, "place");
    refs = List.copyOf(refs);
    owners = List.copyOf(owners);
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(masked, "masked");
  }

  /** True when the value is one the keychain holds (else it only looks like a credential). */
  public boolean isKeychainSecret() {
    return !owners.isEmpty();
  }

  /** {@code place:line}, or {@code place@commit:path:line} for git history. */
  public String location() {
    return commit == null ? place + ":" + line : place + "@" + commit + ":" + path + ":" + line;
  }

  /** Who holds the value: {@code twitter/alice consumer secret} (all holders, comma-separated). */
  public String holders() {
    if (owners.isEmpty()) {
      return "not in the keychain";
    }
    StringBuilder out = new StringBuilder();
    for (Holder h : owners) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(h);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return location()
        + ": "
        + (isKeychainSecret() ? holders() : what)
        + " ("
        + encoding
        + ", "
        + masked
        + ")";
  }
}
