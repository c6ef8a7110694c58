package dev.latchkey.formats;

import dev.latchkey.formats.Tree.Arr;
import dev.latchkey.formats.Tree.Entry;
import dev.latchkey.formats.Tree.Node;
import dev.latchkey.formats.Tree.Obj;
import dev.latchkey.formats.Tree.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads twurl's {@code ~/.twurlrc}: {@code profiles: {user: {consumer_key: {username, consumer_key,
 * consumer_secret, token, secret}}}}, {@code configuration: {default_profile: [user,
 * consumer_key]}} and {@code bearer_tokens: {consumer_key: token}} (twurl's {@code RCFile}).
 */
final class Twurlrc {
  static final Map<Slot, String> FIELDS =
      Map.of(
          Slot.CONSUMER_KEY, "consumer_key",
          Slot.CONSUMER_SECRET, "consumer_secret",
          Slot.TOKEN, "token",
          Slot.TOKEN_SECRET, "secret",
          Slot.BEARER, "bearer_tokens",
          Slot.SCREEN_NAME, "username");

  private Twurlrc() {}

  static List<Draft> read(Source source) throws ImportException {
    Node root = Tree.readYaml(source);
    if (!(root instanceof Obj top)) {
      throw source.error(
          root == null ? 0 : root.line(),
          "expected twurl's mapping with \"profiles:\"; is this a .twurlrc file?");
    }
    String defaultUser = null;
    String defaultKey = null;
    Entry configuration = top.get("configuration");
    if (configuration != null && configuration.value() instanceof Obj conf) {
      Entry dp = conf.get("default_profile");
      if (dp != null && dp.value() instanceof Arr pair) {
        List<Node> items = pair.items();
        if (items.size() >= 1 && items.get(0) instanceof Scalar u && !u.isNull()) {
          defaultUser = u.text().strip();
        }
        if (items.size() >= 2 && items.get(1) instanceof Scalar k && !k.isNull()) {
          defaultKey = k.text().strip();
        }
      } else if (dp != null && !(dp.value() instanceof Scalar s && s.isNull())) {
        throw source.error(
            dp.line(),
            "default_profile",
            "\"default_profile\" must be a list of the user name and the consumer key");
      }
    }

    List<Draft> drafts = new ArrayList<>();
    Entry profiles = top.get("profiles");
    if (profiles != null && !(profiles.value() instanceof Scalar s && s.isNull())) {
      Obj users = mapping(source, profiles, "profiles");
      for (Entry user : users.entries()) {
        Obj apps = mapping(source, user, "profiles");
        List<Draft> ofUser = new ArrayList<>();
        for (Entry app : apps.entries()) {
          Obj fields = mapping(source, app, "profiles");
          Draft d = new Draft(source, FIELDS, "twitter", app.line());
          String username = user.key();
          for (Entry f : fields.entries()) {
            Slot slot = slot(f.key());
            if (slot == null) {
              continue;
            }
            String value = scalar(source, f);
            d.put(slot, f.key(), value, f.line());
            if (slot == Slot.SCREEN_NAME && value != null && !value.isBlank()) {
              username = value.strip();
            }
          }
          if (!d.has(Slot.CONSUMER_KEY)) {
            d.put(Slot.CONSUMER_KEY, "consumer_key", app.key(), app.line());
          }
          if (!d.has(Slot.CONSUMER_KEY)) {
            throw source.error(
                app.line(),
                "consumer_key",
                "this app has no consumer key; twurl names each app under \"profiles\" by its"
                    + " consumer key");
          }
          if (!d.has(Slot.SCREEN_NAME)) {
            d.put(Slot.SCREEN_NAME, "username", user.key(), user.line());
          }
          d.proposedName(username);
          if (user.key().strip().equals(defaultUser)
              && (defaultKey == null || defaultKey.equals(d.text(Slot.CONSUMER_KEY)))
              && drafts.stream().noneMatch(Draft::isDefault)
              && ofUser.stream().noneMatch(Draft::isDefault)) {
            d.markDefault();
            ofUser.add(0, d); // the default app keeps the plain user name
          } else {
            ofUser.add(d);
          }
        }
        drafts.addAll(ofUser);
      }
    }

    Entry bearers = top.get("bearer_tokens");
    if (bearers != null && !(bearers.value() instanceof Scalar s && s.isNull())) {
      Obj byKey = mapping(source, bearers, "bearer_tokens");
      for (Entry b : byKey.entries()) {
        String token = scalar(source, b);
        if (token == null || token.isBlank()) {
          continue;
        }
        boolean attached = false;
        for (Draft d : drafts) {
          if (b.key().strip().equals(d.text(Slot.CONSUMER_KEY))) {
            d.put(Slot.BEARER, "bearer_tokens", token, b.line());
            attached = true;
          }
        }
        if (!attached) {
          Draft d = new Draft(source, FIELDS, "twitter", b.line()).allowKeyOnly();
          d.put(Slot.CONSUMER_KEY, "consumer_key", b.key(), b.line());
          d.put(Slot.BEARER, "bearer_tokens", token, b.line());
          d.proposedName("bearer");
          drafts.add(d);
        }
      }
    }

    if (drafts.isEmpty()) {
      throw source.error(
          0, "no credential found; twurl's \"profiles:\" and \"bearer_tokens:\" are both empty");
    }
    return drafts;
  }

  private static Slot slot(String key) {
    return switch (key) {
      case "consumer_key" -> Slot.CONSUMER_KEY;
      case "consumer_secret" -> Slot.CONSUMER_SECRET;
      case "token" -> Slot.TOKEN;
      case "secret" -> Slot.TOKEN_SECRET;
      case "username" -> Slot.SCREEN_NAME;
      default -> null;
    };
  }

  private static Obj mapping(Source source, Entry e, String field) throws ImportException {
    if (e.value() instanceof Obj o) {
      return o;
    }
    throw source.error(
        e.value().line(),
        field,
        "expected a mapping under "
            + Draft.quote(field)
            + " (user name, then consumer key, then its fields)");
  }

  private static String scalar(Source source, Entry e) throws ImportException {
    if (e.value() instanceof Scalar s) {
      return s.text();
    }
    String field = slot(e.key()) != null ? e.key() : "bearer_tokens";
    throw source.error(e.value().line(), field, Draft.quote(field) + " must be a single value");
  }
}
