package dev.latchkey.dashboard.internal;

/**
 * What the add form shows again after a failed test: the fields that are not secret. The keys
 * themselves are never written back into the page.
 */
public record AddForm(String platform, String name, String label, boolean replace) {
  public static AddForm empty() {
    return new AddForm("twitter", null, null, false);
  }

  /** {@code selected} for the platform's option when it is the chosen one, else null. */
  public boolean selected(String platformName) {
    return platformName.equals(platform);
  }
}
