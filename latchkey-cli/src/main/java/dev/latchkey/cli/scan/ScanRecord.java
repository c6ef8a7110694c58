package dev.latchkey.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.session.Session;
import dev.latchkey.scan.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where scans found the keychain's secrets, kept beside the keychain ({@code
 * keychain.age.scan-findings.json}, 0600) so that {@code latchkey rotate} can scan those places
 * again. It names places, accounts and fields only, never a value. A scan that covers a place again
 * replaces what was recorded for it.
 */
public final class ScanRecord {
  /** One place where an account's secret was found. */
  public record Place(String account, String field, String place, boolean git) {}

  private static final long MAX_SIZE = 4L << 20;

  private ScanRecord() {}

  public static Path file(Session session) {
    Path keychain = session.keychain().path();
    return keychain.resolveSibling(keychain.getFileName() + ".scan-findings.json");
  }

  /** The recorded places, or none when there is no readable record. */
  public static List<Place> read(Session session) {
    Path file = file(session);
    List<Place> out = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_SIZE) {
        return out;
      }
      JsonNode root = Session.json().readTree(Files.readAllBytes(file));
      for (JsonNode n : root.path("findings")) {
        out.add(
            new Place(
                n.path("account").asText(),
                n.path("field").asText(),
                n.path("place").asText(),
                n.path("git").asBoolean()));
      }
    } catch (IOException | RuntimeException e) {
      session.notice("ignoring unreadable " + file + "; the next scan rewrites it");
    }
    return out;
  }

  /** Replaces what was recorded under {@code roots} by this scan's keychain findings. */
  static void update(Session session, List<Path> roots, List<Finding> findings) {
    Path keychainDir = session.keychain().path().getParent();
    if (keychainDir == null || !Files.isDirectory(keychainDir)) {
      return; // no keychain, nothing of it to record
    }
    List<Path> scanned = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    Set<Place> places = new LinkedHashSet<>();
    for (Place p : read(session)) {
      Path where = Path.of(p.place()).toAbsolutePath().normalize();
      if (scanned.stream().noneMatch(where::startsWith)) {
        places.add(p);
      }
    }
    for (Finding f : findings) {
      for (Finding.Holder h : f.owners()) {
        places.add(
            new Place(
                h.account().toString(),
                h.field(),
                Path.of(f.place()).toAbsolutePath().normalize().toString(),
                f.commit() != null));
      }
    }
    Path file = file(session);
    try {
      if (places.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      ObjectNode root = Session.jsonObject();
      root.put(
          "about",
          "where latchkey scan found the keychain's secrets (no values); latchkey rotate reads it");
      ArrayNode array = root.putArray("findings");
      for (Place p : places) {
        array
            .addObject()
            .put("account", p.account())
            .put("field", p.field())
            .put("place", p.place())
            .put("git", p.git());
      }
      PrivateFile.write(file, Session.json().writeValueAsString(root) + "\n", true);
    } catch (IOException e) {
      session.notice("could not record the findings in " + file + " for latchkey rotate");
    }
  }
}
