package dev.latchkey.dashboard.internal;

/**
 * An authorization in progress as its page shows it.
 *
 * @param id the flow's id (its page is {@code /authorize/ID})
 * @param kind {@code pin}, {@code callback} or {@code oauth2}
 * @param platformName the platform's display name
 * @param authorizeUri the platform's page where the person approves the app
 */
public record FlowView(String id, String kind, String platformName, String authorizeUri) {
  public boolean pin() {
    return kind.equals("pin");
  }
}
