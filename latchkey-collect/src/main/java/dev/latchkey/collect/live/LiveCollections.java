package dev.latchkey.collect.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The directory of collections: one {@link LiveStatus} file per collection output (and per run to
 * standard output), written by {@link LivePublisher} and read here. It lives beside the keychain
 * ({@code ~/.local/share/latchkey/collections/}), so the command and the dashboard of one Latchkey
 * home see the same collections.
 */
public final class LiveCollections {
  /** The most collections listed (the most recently updated). */
  public static final int MAX_LISTED = 100;

  /** The largest status file read; anything larger is not ours. */
  static final int MAX_FILE = 64 * 1024;

  static final String SUFFIX = ".json";

  private final Path directory;

  private LiveCollections(Path directory) {
    this.directory = directory;
  }

  /** The collections of the Latchkey home whose keychain is {@code keychainFile}. */
  public static LiveCollections beside(Path keychainFile) {
    return in(keychainFile.toAbsolutePath().normalize().resolveSibling("collections"));
  }

  /** The collections recorded in {@code directory}. */
  public static LiveCollections in(Path directory) {
    return new LiveCollections(directory.toAbsolutePath().normalize());
  }

  /** Where the status files are. */
  public Path directory() {
    return directory;
  }

  /**
   * Every collection recorded here, the running ones first, then the most recently updated; files
   * that are not status files are skipped. Empty when the directory does not exist.
   */
  public List<LiveStatus> list() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    record Found(Path file, FileTime modified) {}
    List<Found> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path f : stream) {
        if (f.getFileName().toString().startsWith(".")
            || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          files.add(new Found(f, Files.getLastModifiedTime(f)));
        } catch (IOException gone) {
          // removed while listing
        }
      }
    }
    files.sort(Comparator.comparing(Found::modified).reversed());
    List<LiveStatus> out = new ArrayList<>();
    for (Found f : files.subList(0, Math.min(files.size(), MAX_LISTED))) {
      read(f.file()).ifPresent(out::add);
    }
    out.sort(
        Comparator.comparing((LiveStatus s) -> !s.running())
            .thenComparing(LiveStatus::updated, Comparator.nullsLast(Comparator.reverseOrder())));
    return out;
  }

  /** The collection with this id, if its file is here and readable. */
  public Optional<LiveStatus> get(String id) {
    if (id == null || !id.matches("[A-Za-z0-9-]{1,80}")) {
      return Optional.empty();
    }
    return read(directory.resolve(id + SUFFIX));
  }

  /** What the run writing to {@code output} last published, if one did here. */
  public Optional<LiveStatus> forOutput(Path output) {
    return get(idFor(output));
  }

  /** Forgets a collection that no longer runs (its output stays); false when it runs or is gone. */
  public boolean forget(String id) throws IOException {
    Optional<LiveStatus> s = get(id);
    if (s.isEmpty() || s.get().running()) {
      return false;
    }
    return Files.deleteIfExists(directory.resolve(id + SUFFIX));
  }

  private static Optional<LiveStatus> read(Path file) {
    String name = file.getFileName().toString();
    String id = name.substring(0, name.length() - SUFFIX.length());
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_FILE + 1);
      if (bytes.length > MAX_FILE) {
        return Optional.empty();
      }
      return Optional.ofNullable(LiveJson.read(id, bytes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The id of the collection writing to {@code output}: the same for every run of it. */
  static String idFor(Path output) {
    String path = output.toAbsolutePath().normalize().toString();
    return idFor(path, output.getFileName() == null ? "output" : output.getFileName().toString());
  }

  /**
   * The id of one worker's collection into a shared store: each worker of a job publishes its own
   * (several may run on one machine), the same for every run of that process.
   */
  static String idFor(String store, long pid) {
    return idFor(store + " pid " + pid, store);
  }

  private static String idFor(String key, String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String readable = name.replaceAll("[^A-Za-z0-9]+", "-");
      if (readable.length() > 40) {
        readable = readable.substring(0, 40);
      }
      return readable.replaceAll("^-+|-+$", "") + "-" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
