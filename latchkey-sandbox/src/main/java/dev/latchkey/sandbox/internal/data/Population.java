package dev.latchkey.sandbox.internal.data;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The users of one platform, addressed by index and computed on demand: the named users (the
 * original seeded four, then the {@link Role}s) and as many generated ones as configured. Ids,
 * screen names and Tumblr UUIDs encode the index, so each maps back without a table; nothing here
 * grows with the number of users.
 */
public final class Population {
  /** A named user given by the caller: the four original seeded users keep their ids and names. */
  public record Named(long id, String screenName, String name, String uuid) {}

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ra", "ve", "to", "sa", "ne", "li", "do", "ru", "fe", "ta", "zo", "ma", "ki",
    "ne", "bo", "si", "la", "pe", "vo", "ri", "ha", "nu", "de", "ol", "an", "el", "is"
  };
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final long seed;
  private final int size;
  private final List<Named> named;
  private final List<Role> roles;
  private final char separator;
  private final long idBase;
  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<Long, Integer> byId = new HashMap<>();
  private final Map<String, Integer> byUuid = new HashMap<>();

  /**
   * @param size the number of users, named ones included
   * @param separator between a generated name and its number ({@code _} on X, {@code -} on Tumblr)
   * @param idBase the smallest id of the users after the original four
   */
  public Population(
      long seed, int size, List<Named> named, List<Role> roles, char separator, long idBase) {
    if (size < named.size() + roles.size() + 2) {
      throw new IllegalArgumentException("too few users for the named ones");
    }
    this.seed = seed;
    this.size = size;
    this.named = List.copyOf(named);
    this.roles = List.copyOf(roles);
    this.separator = separator;
    this.idBase = idBase;
    for (int i = 0; i < this.named.size(); i++) {
      Named n = this.named.get(i);
      byName.put(n.screenName().toLowerCase(Locale.ROOT), i);
      byId.put(n.id(), i);
      byUuid.put(n.uuid(), i);
    }
    for (int r = 0; r < this.roles.size(); r++) {
      byName.put(this.roles.get(r).screenName().toLowerCase(Locale.ROOT), this.named.size() + r);
    }
  }

  public int size() {
    return size;
  }

  /** Index of the first generated user (after the original four and the roles). */
  public int firstGenerated() {
    return named.size() + roles.size();
  }

  /** How many users have fixed names (the original four and the roles). */
  public int namedCount() {
    return firstGenerated();
  }

  /** The role of an index, or null for the original four and generated users. */
  public Role role(int index) {
    int r = index - named.size();
    return r >= 0 && r < roles.size() ? roles.get(r) : null;
  }

  public List<Role> roles() {
    return roles;
  }

  /** The index of the first role with this part, or -1. */
  public int roleIndex(String part) {
    for (int r = 0; r < roles.size(); r++) {
      if (roles.get(r).part().equals(part)) {
        return named.size() + r;
      }
    }
    return -1;
  }

  public long id(int index) {
    if (index < named.size()) {
      return named.get(index).id();
    }
    return idBase + index * 1000L + Mix.below(Mix.hash(seed, 1, index), 1000);
  }

  public String screenName(int index) {
    if (index < named.size()) {
      return named.get(index).screenName();
    }
    Role role = role(index);
    if (role != null) {
      return role.screenName();
    }
    String number = Integer.toString(index);
    int letters = Math.min(10, 14 - number.length());
    Rng r = new Rng(Mix.hash(seed, 2, index));
    StringBuilder name = new StringBuilder();
    while (name.length() < letters - 1) {
      name.append(r.pick(SYLLABLES));
      if (name.length() >= 4 && r.chance(0.4)) {
        break;
      }
    }
    if (name.length() > letters) {
      name.setLength(letters);
    }
    return name.append(separator).append(number).toString();
  }

  /** The Tumblr-style UUID ({@code t:} and 22 characters) of a user. */
  public String uuid(int index) {
    if (index < named.size()) {
      return named.get(index).uuid();
    }
    Rng r = new Rng(Mix.hash(seed, 3, index));
    StringBuilder out = new StringBuilder("t:").append(r.chars(BASE62 + "-_", 16));
    long n = index;
    char[] digits = new char[6];
    for (int i = 5; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (n % 62));
      n /= 62;
    }
    return out.append(digits).toString();
  }

  public OptionalInt indexOfId(long id) {
    Integer known = byId.get(id);
    if (known != null) {
      return OptionalInt.of(known);
    }
    if (id < idBase) {
      return OptionalInt.empty();
    }
    long index = (id - idBase) / 1000L;
    if (index < named.size() || index >= size || id((int) index) != id) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) index);
  }

  /** Case-insensitive, with or without a leading {@code @}. */
  public OptionalInt indexOfScreenName(String screenName) {
    if (screenName == null || screenName.isEmpty() || screenName.length() > 40) {
      return OptionalInt.empty();
    }
    String wanted =
        (screenName.startsWith("@") ? screenName.substring(1) : screenName)
            .toLowerCase(Locale.ROOT);
    Integer known = byName.get(wanted);
    if (known != null) {
      return OptionalInt.of(known);
    }
    int cut = wanted.lastIndexOf(separator);
    if (cut < 0 || cut == wanted.length() - 1 || wanted.length() - cut > 8) {
      return OptionalInt.empty();
    }
    int index;
    try {
      index = Integer.parseInt(wanted.substring(cut + 1));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
    if (index < firstGenerated()
        || index >= size
        || !screenName(index).toLowerCase(Locale.ROOT).equals(wanted)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(index);
  }

  public OptionalInt indexOfUuid(String uuid) {
    if (uuid == null || uuid.length() != 24 || !uuid.startsWith("t:")) {
      return OptionalInt.empty();
    }
    Integer known = byUuid.get(uuid);
    if (known != null) {
      return OptionalInt.of(known);
    }
    long n = 0;
    for (int i = 18; i < 24; i++) {
      int d = BASE62.indexOf(uuid.charAt(i));
      if (d < 0) {
        return OptionalInt.empty();
      }
      n = n * 62 + d;
    }
    if (n < named.size() || n >= size || !uuid((int) n).equals(uuid)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) n);
  }

  /** The display name: a named user's, else a seeded first and last name. */
  public String name(int index) {
    if (index < named.size()) {
      return named.get(index).name();
    }
    Role role = role(index);
    if (role != null) {
      return role.name();
    }
    Rng r = new Rng(Mix.hash(seed, 4, index));
    return r.pick(Words.FIRST_NAMES) + " " + r.pick(Words.LAST_NAMES);
  }
}
