package dev.latchkey.sandbox.internal.twitter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.oauth1.PercentEncoding;
import dev.latchkey.sandbox.internal.Json;
import dev.latchkey.sandbox.internal.data.Mix;
import dev.latchkey.sandbox.internal.data.Rng;
import dev.latchkey.sandbox.internal.data.Words;
import dev.latchkey.sandbox.internal.data.World;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * v1.1 trends ({@code trends/available}, {@code trends/place}): a few WOEID places, each with ten
 * trends that change every hour, drawn from the sandbox's hashtags and words.
 */
final class Trends {
  record Place(
      long woeid,
      String name,
      String country,
      String countryCode,
      int placeCode,
      String placeName,
      long parent) {}

  private static final List<Place> PLACES =
      List.of(
          new Place(1, "Worldwide", "", null, 19, "Supername", 0),
          new Place(23424925, "Portugal", "Portugal", "PT", 12, "Country", 1),
          new Place(742676, "Lisbon", "Portugal", "PT", 7, "Town", 23424925),
          new Place(23424975, "United Kingdom", "United Kingdom", "GB", 12, "Country", 1),
          new Place(44418, "London", "United Kingdom", "GB", 7, "Town", 23424975),
          new Place(23424977, "United States", "United States", "US", 12, "Country", 1),
          new Place(2459115, "New York", "United States", "US", 7, "Town", 23424977));

  private Trends() {}

  static Place place(long woeid) {
    return PLACES.stream().filter(p -> p.woeid() == woeid).findFirst().orElse(null);
  }

  static ArrayNode available() {
    ArrayNode out = Json.array();
    for (Place p : PLACES) {
      ObjectNode o = out.addObject();
      o.put("country", p.country());
      if (p.countryCode() == null) {
        o.putNull("countryCode");
      } else {
        o.put("countryCode", p.countryCode());
      }
      o.put("name", p.name());
      o.put("parentid", p.parent());
      ObjectNode type = o.putObject("placeType");
      type.put("code", p.placeCode());
      type.put("name", p.placeName());
      o.put("url", "http://where.yahooapis.com/v1/place/" + p.woeid());
      o.put("woeid", p.woeid());
    }
    return out;
  }

  static ArrayNode json(Place place, World world, long nowMs, boolean noHashtags) {
    Instant now = Instant.ofEpochMilli(nowMs).truncatedTo(ChronoUnit.SECONDS);
    long hour = Math.floorDiv(nowMs, 3_600_000L);
    Rng r = new Rng(Mix.hash(place.woeid(), hour));
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < 10) {
      boolean tag = !noHashtags && r.chance(0.6);
      names.add(
          tag
              ? "#" + r.pick(Words.HASHTAGS)
              : capitalize(r.pick(Words.VOCAB)) + " " + capitalize(r.pick(Words.VOCAB)));
    }
    ArrayNode out = Json.array();
    ObjectNode o = out.addObject();
    ArrayNode trends = o.putArray("trends");
    for (String name : names) {
      ObjectNode t = trends.addObject();
      t.put("name", name);
      String query = PercentEncoding.encode(name.contains(" ") ? "\"" + name + "\"" : name);
      t.put("url", "http://twitter.com/search?q=" + query);
      t.putNull("promoted_content");
      t.put("query", query);
      if (r.chance(0.7)) {
        t.put("tweet_volume", 10_000 + r.nextInt(400_000));
      } else {
        t.putNull("tweet_volume");
      }
    }
    o.put("as_of", now.toString());
    o.put("created_at", now.minusSeconds(60 + r.nextInt(600)).toString());
    ObjectNode location = o.putArray("locations").addObject();
    location.put("name", place.name());
    location.put("woeid", place.woeid());
    return out;
  }

  private static String capitalize(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
