package dev.latchkey.dashboard.internal;

import java.util.List;

/**
 * One account as the pages show it: never a secret unless one of {@link #keys()} was revealed.
 *
 * @param id {@code platform/name}
 * @param platformName the platform's display name
 * @param label the person's note, or null
 * @param isDefault whether it is its platform's default account
 * @param keys the credentials it holds, masked
 * @param status its last check
 */
public record AccountRow(
    String id,
    String platformName,
    String label,
    boolean isDefault,
    List<KeyView> keys,
    StatusView status) {
  public AccountRow {
    keys = List.copyOf(keys);
  }

  /** The account's page, {@code /accounts/platform/name}. */
  public String path() {
    return "/accounts/" + id;
  }

  /** An HTML id for its row. */
  public String anchor() {
    return "account-" + id.replace('/', '-').replace('@', '-').replace('.', '-');
  }
}
