package dev.latchkey.scan;

import dev.latchkey.scan.internal.AhoCorasick;
import dev.latchkey.scan.internal.Encodings;
import dev.latchkey.scan.internal.GitObjects;
import dev.latchkey.scan.internal.PlatformRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds secrets in files and git history in one pass over the bytes: every secret the keychain
 * holds, in every form it travels in (see {@link #formsOf}), and credentials of the known platforms
 * that the keychain does not hold (X bearer tokens, {@code consumer_secret = …} lines).
 *
 * <p>All needles and rule keywords go into one Aho-Corasick automaton; the automaton matches the
 * first {@value #ANCHOR} bytes of each needle and a hit is then checked against the whole needle,
 * so the table stays small however long the secrets are. Input is read in windows of {@value
 * #WINDOW} bytes that overlap by the longest needle, so a file of any size needs bounded memory.
 *
 * <p>The secrets live only in this object's memory; findings carry masked values only.
 */
public final class LeakScanner {
  /** How many leading bytes of a needle the automaton matches. */
  static final int ANCHOR = 32;

  /** The shortest secret worth looking for; shorter values would match by chance. */
  public static final int SHORTEST_SECRET = 10;

  /** Bytes read per window. */
  static final int WINDOW = 8 << 20;

  /** Where the bytes being scanned come from, for the findings' locations. */
  public record Source(String place, String commit, List<String> refs, String path) {
    public Source {
      Objects.requireNonNull(place, "place");
      refs = refs == null ? List.of() : List.copyOf(refs);
    }

    /** A plain file. */
    public static Source file(String place) {
      return new Source(place, null, List.of(), null);
    }
  }

  /** Told about each file or blob as its scan starts, for progress displays. */
  @FunctionalInterface
  public interface Progress {
    void scanning(Source source, long bytes);

    Progress NONE = (s, b) -> {};
  }

  private sealed interface Pattern permits Needle, Keyword {}

  private record Needle(byte[] bytes, List<Finding.Holder> owners, String encoding, String masked)
      implements Pattern {}

  private record Keyword(PlatformRules.Rule rule, int length) implements Pattern {}

  private final AhoCorasick automaton;
  private final Pattern[] patterns;
  private final List<KnownSecret> tooShort;
  private final Set<String> knownValues;
  private final int overlap;

  private final SecretDigests digests;

  private LeakScanner(List<KnownSecret> secrets, SecretDigests digests, boolean platformRules) {
    this.digests = digests;
    Map<String, Needle> needles = new LinkedHashMap<>();
    List<KnownSecret> skipped = new ArrayList<>();
    Set<String> values = new HashSet<>();
    for (KnownSecret s : secrets) {
      String value = s.value().reveal();
      if (value.length() < SHORTEST_SECRET) {
        skipped.add(s);
        continue;
      }
      values.add(value);
      Finding.Holder holder = new Finding.Holder(s.account(), s.field());
      for (Map.Entry<String, byte[]> e : Encodings.of(value).entrySet()) {
        String key = new String(e.getValue(), StandardCharsets.ISO_8859_1);
        values.add(key);
        Needle n = needles.get(key);
        if (n == null) {
          needles.put(
              key,
              new Needle(
                  e.getValue(), new ArrayList<>(List.of(holder)), e.getKey(), s.value().masked()));
        } else if (!n.owners().contains(holder)) {
          n.owners().add(holder);
        }
      }
    }
    List<Pattern> all = new ArrayList<>();
    List<byte[]> anchors = new ArrayList<>();
    int longest = 0;
    for (Needle n : needles.values()) {
      all.add(new Needle(n.bytes(), List.copyOf(n.owners()), n.encoding(), n.masked()));
      anchors.add(Arrays.copyOf(n.bytes(), Math.min(ANCHOR, n.bytes().length)));
      longest = Math.max(longest, n.bytes().length);
    }
    if (platformRules) {
      for (PlatformRules.Rule rule : PlatformRules.RULES) {
        for (String k : rule.keywords()) {
          all.add(new Keyword(rule, k.length()));
          anchors.add(k.getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    this.patterns = all.toArray(new Pattern[0]);
    this.automaton = AhoCorasick.compile(anchors, true);
    this.tooShort = List.copyOf(skipped);
    this.knownValues = Set.copyOf(values);
    this.overlap = longest + PlatformRules.LOOKAHEAD + 64;
  }

  /**
   * A scanner for these secrets.
   *
   * @param platformRules whether to also report platform credentials the keychain does not hold
   */
  public static LeakScanner create(List<KnownSecret> secrets, boolean platformRules) {
    return new LeakScanner(List.copyOf(secrets), null, platformRules);
  }

  /**
   * A scanner that recognises secrets by their salted digests only (a pre-commit hook's, which
   * holds no secret), plus the platform rules when asked.
   */
  public static LeakScanner create(SecretDigests digests, boolean platformRules) {
    return new LeakScanner(List.of(), Objects.requireNonNull(digests), platformRules);
  }

  /**
   * Every form a value is looked for in, by name ({@code raw}, {@code percent-encoded}, {@code
   * Base64 (offset 1)}, ...); the Base64 forms are the characters that do not depend on what
   * surrounds the value. For benchmarks and tools that need the same needles.
   */
  public static Map<String, String> formsOf(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    Encodings.of(value).forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
    return out;
  }

  /** Secrets shorter than {@link #SHORTEST_SECRET}, which are not looked for. */
  public List<KnownSecret> tooShort() {
    return tooShort;
  }

  /** How many needles and keywords the automaton matches, and its table's size in ints. */
  public String describe() {
    return patterns.length + " patterns, " + automaton.tableSize() + " table entries";
  }

  /** Scans a stream to its end (at most {@code limit} bytes) and reports what it finds. */
  public void scan(Source source, InputStream in, long limit, Consumer<Finding> sink)
      throws IOException {
    long wanted = Math.max(1, Math.min(limit, Integer.MAX_VALUE));
    byte[] buffer = new byte[(int) Math.min(WINDOW + (long) overlap, wanted)];
    int filled = 0;
    long lines = 0; // newlines before buffer[0]
    long remaining = limit;
    Set<String> seen = new HashSet<>();
    while (true) {
      while (filled < buffer.length && remaining > 0) {
        int n = in.read(buffer, filled, (int) Math.min(buffer.length - filled, remaining));
        if (n < 0) {
          remaining = 0;
          break;
        }
        filled += n;
        remaining -= n;
      }
      boolean last = remaining <= 0 || filled < buffer.length;
      int reportEnd = last ? filled : Math.min(filled, WINDOW);
      scanWindow(source, buffer, filled, reportEnd, lines, seen, sink);
      if (last) {
        return;
      }
      lines += count(buffer, 0, reportEnd);
      System.arraycopy(buffer, reportEnd, buffer, 0, filled - reportEnd);
      filled -= reportEnd;
    }
  }

  /** Scans bytes in memory. */
  public void scan(Source source, byte[] bytes, Consumer<Finding> sink) {
    try {
      scan(source, new java.io.ByteArrayInputStream(bytes), bytes.length, sink);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Hit(int start, int pattern, int end) {}

  private void scanWindow(
      Source source,
      byte[] buffer,
      int filled,
      int reportEnd,
      long linesBefore,
      Set<String> seen,
      Consumer<Finding> sink) {
    Set<Long> digestLines = new HashSet<>();
    if (digests != null) {
      digests.scan(
          source,
          buffer,
          filled,
          reportEnd,
          linesBefore + 1,
          f -> {
            digestLines.add(f.line());
            if (seen.add(f.line() + "\0" + f.holders() + "\0" + f.encoding())) {
              sink.accept(f);
            }
          });
    }
    List<Hit> hits = new ArrayList<>();
    automaton.scan(
        buffer,
        0,
        filled,
        automaton.start(),
        0,
        (p, end) -> {
          int anchorLength =
              patterns[p] instanceof Needle n
                  ? Math.min(ANCHOR, n.bytes().length)
                  : ((Keyword) patterns[p]).length();
          int start = (int) end - anchorLength;
          if (start < reportEnd) {
            hits.add(new Hit(start, p, (int) end));
          }
        });
    if (hits.isEmpty()) {
      return;
    }
    hits.sort(Comparator.comparingInt(Hit::start));
    long line = linesBefore + 1;
    int counted = 0;
    for (Hit h : hits) {
      line += count(buffer, counted, h.start());
      counted = h.start();
      Finding f = check(source, buffer, filled, h, line);
      // A digest names the keychain's secret; the same value's shape need not be told again.
      if (f != null && !f.isKeychainSecret() && digestLines.contains(f.line())) {
        continue;
      }
      if (f != null
          && seen.add(
              f.line() + "\0" + f.what() + "\0" + f.encoding() + "\0" + f.masked() + f.holders())) {
        sink.accept(f);
      }
    }
  }

  private Finding check(Source source, byte[] buffer, int filled, Hit h, long line) {
    Pattern p = patterns[h.pattern()];
    if (p instanceof Needle n) {
      byte[] b = n.bytes();
      if (h.start() + b.length > filled
          || !Arrays.equals(buffer, h.start(), h.start() + b.length, b, 0, b.length)) {
        return null;
      }
      return new Finding(
          source.place(),
          source.commit(),
          source.refs(),
          source.path(),
          line,
          n.owners(),
          n.owners().get(0).field(),
          n.encoding(),
          n.masked());
    }
    Keyword k = (Keyword) p;
    String value = PlatformRules.capture(k.rule(), buffer, h.start(), h.end(), filled);
    if (value == null || knownValues.contains(value)) {
      return null;
    }
    return new Finding(
        source.place(),
        source.commit(),
        source.refs(),
        source.path(),
        line,
        List.of(),
        k.rule().what(),
        "not in the keychain",
        value.substring(0, 4) + "…");
  }

  private static long count(byte[] b, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  // ---- files --------------------------------------------------------------------------------

  /**
   * Scans a file, or every regular file under a directory (not following symbolic links, and
   * skipping {@code .git} directories, whose history {@link #scanGitHistory} reads).
   *
   * @param maxFileSize files larger than this are skipped and named to {@code skipped}
   */
  public void scanFiles(
      Path root,
      long maxFileSize,
      Progress progress,
      Consumer<Finding> sink,
      Consumer<String> skipped)
      throws IOException {
    if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
      scanFile(root, root.toString(), maxFileSize, progress, sink, skipped);
      return;
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult preVisitDirectory(
              Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
            return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                : java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              files.add(file);
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.accept(file + " (cannot be read: " + e.getClass().getSimpleName() + ")");
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.naturalOrder());
    for (Path f : files) {
      scanFile(f, f.toString(), maxFileSize, progress, sink, skipped);
    }
  }

  private void scanFile(
      Path file,
      String name,
      long maxFileSize,
      Progress progress,
      Consumer<Finding> sink,
      Consumer<String> skipped)
      throws IOException {
    long size = Files.size(file);
    if (size > maxFileSize) {
      skipped.accept(name + " (" + size + " bytes, larger than the limit " + maxFileSize + ")");
      return;
    }
    Source source = Source.file(name);
    progress.scanning(source, size);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      scan(source, in, size, sink); // what it holds now; bytes appended meanwhile are left out
    } catch (java.nio.file.AccessDeniedException e) {
      skipped.accept(name + " (permission denied)");
    }
  }

  /** Directories under {@code root} (itself included) that are git work trees or repositories. */
  public static List<Path> findRepositories(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(".git"))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  /**
   * Scans every blob reachable from any commit of the repository: every branch and tag, every stash
   * entry (the stash's reflog), and every reflog, so files deleted since are included. See {@link
   * dev.latchkey.scan.internal.GitObjects} for how.
   */
  public void scanGitHistory(
      Path repository,
      long maxBlobSize,
      Progress progress,
      Consumer<Finding> sink,
      Consumer<String> skipped)
      throws IOException {
    GitObjects.scanHistory(repository, maxBlobSize, blobScanner(progress), sink, skipped);
  }

  /** Scans what is staged for the next commit (the index), for a pre-commit hook. */
  public void scanStaged(
      Path repository, Progress progress, Consumer<Finding> sink, Consumer<String> skipped)
      throws IOException {
    GitObjects.scanStaged(repository, blobScanner(progress), sink, skipped);
  }

  private GitObjects.BlobScanner blobScanner(Progress progress) {
    return (source, in, size, sink) -> {
      progress.scanning(source, size);
      scan(source, in, size, sink);
    };
  }

  @Override
  public String toString() {
    return "LeakScanner[" + describe() + "]";
  }
}
