package dev.latchkey.formats;

import com.fasterxml.jackson.core.JsonToken;
import dev.latchkey.formats.Tree.Entry;
import dev.latchkey.formats.Tree.Node;
import dev.latchkey.formats.Tree.Obj;
import dev.latchkey.formats.Tree.Scalar;
import dev.latchkey.platform.Platform;
import dev.latchkey.platform.Platforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code tw.json} and smapy token dicts: one JSON object of credentials, or a JSON object of
 * such objects keyed by name (smapy's KeyChain keys them by network: {@code tw}).
 */
final class JsonCredentials {
  private static final Map<String, Slot> KEYS =
      Map.of(
          "consumer_key", Slot.CONSUMER_KEY,
          "consumer_secret", Slot.CONSUMER_SECRET,
          "access_token", Slot.TOKEN,
          "access_token_secret", Slot.TOKEN_SECRET,
          "access_secret", Slot.TOKEN_SECRET,
          "bearer_token", Slot.BEARER,
          "screen_name", Slot.SCREEN_NAME,
          "user_id", Slot.USER_ID,
          "client_id", Slot.CLIENT_ID,
          "client_secret", Slot.CLIENT_SECRET);

  /** smapy's two-letter network ids, with their names; only {@code tw} is one Latchkey knows. */
  private static final Map<String, String> SMAPY_NETWORKS =
      Map.of(
          "fb", "Facebook",
          "vk", "VKontakte",
          "ok", "Odnoklassniki",
          "ig", "Instagram",
          "gp", "Google+",
          "yt", "YouTube",
          "lj", "LiveJournal");

  /** Keys naming a platform, as {@code latchkey sandbox --print-keys} writes them. */
  private static final Set<String> PLATFORM_KEYS =
      Platforms.builtIn().all().stream().map(Platform::name).collect(Collectors.toSet());

  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private JsonCredentials() {}

  /** True when the JSON names the token secret {@code access_secret}, as smapy does. */
  static boolean looksLikeSmapy(Node root) {
    if (!(root instanceof Obj obj)) {
      return false;
    }
    if (obj.get("access_secret") != null) {
      return true;
    }
    return obj.entries().stream()
        .anyMatch(e -> e.value() instanceof Obj inner && inner.get("access_secret") != null);
  }

  static List<Draft> read(Source source, CredentialFormat format) throws ImportException {
    Node root = Tree.readJson(source);
    Map<Slot, String> names = fieldNames(format);
    if (!(root instanceof Obj obj)) {
      throw source.error(
          root == null ? 0 : root.line(),
          "expected a JSON object like {\"consumer_key\": \"...\", ...}");
    }
    List<Draft> drafts = new ArrayList<>();
    if (hasKnownKey(obj)) {
      drafts.add(readOne(source, names, obj));
    } else {
      for (Entry e : obj.entries()) {
        if (!(e.value() instanceof Obj inner) || !hasKnownKey(inner)) {
          source.skip(
              Draft.quote(e.key())
                  + " (line "
                  + e.line()
                  + "): holds no credential Latchkey reads");
          continue;
        }
        if (SMAPY_NETWORKS.containsKey(e.key())) {
          source.skip(
              Draft.quote(e.key())
                  + " (line "
                  + e.line()
                  + "): smapy's "
                  + SMAPY_NETWORKS.get(e.key())
                  + " keys; Latchkey has no such platform");
          continue;
        }
        Draft d = readOne(source, names, inner);
        if (PLATFORM_KEYS.contains(e.key())) {
          d.platform(e.key());
        } else if (!"tw".equals(e.key())) {
          d.proposedName(e.key());
        }
        drafts.add(d);
      }
    }
    if (drafts.isEmpty() || drafts.stream().noneMatch(Draft::hasCredential)) {
      throw source.error(
          obj.line(),
          "no credential found; expected \"consumer_key\", \"consumer_secret\", \"access_token\", \""
              + names.get(Slot.TOKEN_SECRET)
              + "\" or \"bearer_token\"");
    }
    return drafts;
  }

  private static boolean hasKnownKey(Obj obj) {
    return obj.entries().stream().anyMatch(e -> KEYS.containsKey(e.key()));
  }

  private static Draft readOne(Source source, Map<Slot, String> names, Obj obj)
      throws ImportException {
    Draft draft = new Draft(source, names, "twitter", obj.line());
    for (Entry e : obj.entries()) {
      Slot slot = KEYS.get(e.key());
      if (slot != null) {
        draft.put(slot, e.key(), text(source, e, slot == Slot.USER_ID), e.line());
      } else if (e.key().equals("platform")) {
        String platform = text(source, e, false);
        if (platform != null && !platform.isBlank()) {
          if (!PLATFORM.matcher(platform.strip()).matches()) {
            throw source.error(
                e.line(), "platform", "\"platform\" must be a platform name like \"twitter\"");
          }
          draft.platform(platform.strip());
        }
      }
    }
    if (!draft.hasCredential()) {
      throw source.error(
          obj.line(),
          "no credential found; expected \"consumer_key\", \"consumer_secret\", \"access_token\", \""
              + names.get(Slot.TOKEN_SECRET)
              + "\" or \"bearer_token\"");
    }
    if (draft.has(Slot.SCREEN_NAME)) {
      draft.proposedName(draft.text(Slot.SCREEN_NAME));
    }
    return draft;
  }

  private static String text(Source source, Entry e, boolean numberAllowed) throws ImportException {
    if (e.value() instanceof Scalar s) {
      if (s.isNull()) {
        return null;
      }
      if (s.isString()) {
        return s.text();
      }
      if (numberAllowed && s.token() == JsonToken.VALUE_NUMBER_INT) {
        return s.text();
      }
    }
    throw source.error(
        e.value().line(), e.key(), Draft.quote(e.key()) + " must be a string in double quotes");
  }

  private static Map<Slot, String> fieldNames(CredentialFormat format) {
    return Map.of(
        Slot.CONSUMER_KEY, "consumer_key",
        Slot.CONSUMER_SECRET, "consumer_secret",
        Slot.TOKEN, "access_token",
        Slot.TOKEN_SECRET,
            format == CredentialFormat.SMAPY ? "access_secret" : "access_token_secret",
        Slot.BEARER, "bearer_token",
        Slot.CLIENT_ID, "client_id",
        Slot.CLIENT_SECRET, "client_secret");
  }
}
