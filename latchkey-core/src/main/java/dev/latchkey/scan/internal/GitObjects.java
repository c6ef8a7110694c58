package dev.latchkey.scan.internal;

import dev.latchkey.scan.Finding;
import dev.latchkey.scan.LeakScanner.Source;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a repository's blobs with the {@code git} binary: {@code git rev-list --objects --all
 * --reflog --filter=object:type=blob} names every blob reachable from any branch, tag, stash entry
 * or reflog entry (so a file deleted since is still there), each once with one path it had; {@code
 * git cat-file --batch} then streams their contents through one process. Only for a blob that holds
 * a finding does {@code git log -m --find-object} name the commits that added it, and the stash's
 * reflog names stash entries, so the cost of attribution is paid only where something was found.
 *
 * <p>The {@code git} binary rather than JGit: it is already where repositories are, reads every
 * pack and repository format the user's git writes, and keeps a large library out of a command that
 * must start fast.
 */
public final class GitObjects {
  /** Scans one blob's content (the stream holds exactly {@code size} bytes). */
  @FunctionalInterface
  public interface BlobScanner {
    void scan(Source source, InputStream in, long size, Consumer<Finding> sink) throws IOException;
  }

  private static final long TIMEOUT_SECONDS = 600;

  private GitObjects() {}

  /** Every blob in the repository's history, with findings attributed to commits. */
  public static void scanHistory(
      Path repository,
      long maxBlobSize,
      BlobScanner scanner,
      Consumer<Finding> sink,
      Consumer<String> skipped)
      throws IOException {
    String place = repository.toString();
    Map<String, String> blobs = new LinkedHashMap<>(); // sha -> first path
    for (String line :
        run(
            repository,
            "rev-list",
            "--objects",
            "--all",
            "--reflog",
            "--filter=object:type=blob")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        blobs.putIfAbsent(line.substring(0, space), line.substring(space + 1));
      }
    }
    Map<String, List<Finding>> found = new LinkedHashMap<>();
    catFile(
        repository,
        new ArrayList<>(blobs.keySet()),
        (name, size, in) -> {
          String path = blobs.get(name);
          if (size > maxBlobSize) {
            skipped.accept(
                place + ": " + path + " (blob " + name.substring(0, 8) + ", " + size + " bytes)");
            in.skipNBytes(size);
            return;
          }
          scanner.scan(
              new Source(place, name, List.of(), path),
              in,
              size,
              f -> found.computeIfAbsent(name, k -> new ArrayList<>()).add(f));
        });
    if (found.isEmpty()) {
      return;
    }
    Map<String, String> stashes = stashNames(repository);
    for (Map.Entry<String, List<Finding>> e : found.entrySet()) {
      List<String> commits =
          run(
              repository,
              "log",
              "--all",
              "--reflog",
              "-m",
              "--format=%H",
              "--find-object=" + e.getKey());
      String commit = commits.isEmpty() ? e.getKey() : commits.get(commits.size() - 1);
      List<String> refs = new ArrayList<>();
      for (String c : commits) {
        String name = stashes.get(c);
        if (name == null) {
          List<String> named =
              run(repository, "name-rev", "--name-only", "--no-undefined", "--always", c);
          name = named.isEmpty() || named.get(0).equals(abbreviate(c)) ? null : named.get(0);
        }
        if (name != null && !refs.contains(name)) {
          refs.add(name);
        }
      }
      for (Finding f : e.getValue()) {
        sink.accept(
            new Finding(
                f.place(),
                abbreviate(commit),
                refs,
                f.path(),
                f.line(),
                f.owners(),
                f.what(),
                f.encoding(),
                f.masked()));
      }
    }
  }

  /** What is staged for the next commit: added, copied, modified and renamed paths. */
  public static void scanStaged(
      Path repository, BlobScanner scanner, Consumer<Finding> sink, Consumer<String> skipped)
      throws IOException {
    List<String> names = new ArrayList<>();
    String listing =
        String.join(
            "\n", run(repository, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"));
    for (String path : listing.split("\0")) {
      if (path.isEmpty()) {
        continue;
      }
      if (path.indexOf('\n') >= 0) {
        skipped.accept(path.replace('\n', '?') + " (a line break in its name)");
        continue;
      }
      names.add(path);
    }
    List<String> objects = names.stream().map(p -> ":" + p).toList();
    int[] i = {0};
    catFile(
        repository,
        objects,
        (name, size, in) -> {
          String path = name.substring(1);
          i[0]++;
          scanner.scan(new Source(path, null, List.of("staged"), null), in, size, sink);
        });
  }

  private interface Blob {
    void read(String name, long size, InputStream in) throws IOException;
  }

  /**
   * Streams objects through one {@code git cat-file --batch}: names are written on a second thread
   * so that neither side waits for the other's pipe.
   */
  private static void catFile(Path repository, List<String> names, Blob consumer)
      throws IOException {
    if (names.isEmpty()) {
      return;
    }
    Process git = start(repository, "cat-file", "--batch");
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = git.getOutputStream()) {
                for (String n : names) {
                  out.write((n + "\n").getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                // git died; the reader reports it.
              }
            },
            "latchkey-git-names");
    writer.setDaemon(true);
    writer.start();
    try (InputStream in = new BufferedInputStream(git.getInputStream(), 1 << 16)) {
      for (String name : names) {
        String header = readLine(in);
        if (header == null) {
          throw new IOException("git cat-file stopped early in " + repository);
        }
        String[] parts = header.split(" ");
        if (parts.length == 2 && parts[1].equals("missing")) {
          continue;
        }
        if (parts.length != 3) {
          throw new IOException("git cat-file answered an unexpected header in " + repository);
        }
        long size = Long.parseLong(parts[2]);
        BoundedInputStream body = new BoundedInputStream(in, size);
        consumer.read(name, size, body);
        body.skipNBytes(body.remaining());
        if (in.read() != '\n') {
          throw new IOException("git cat-file answered a malformed object in " + repository);
        }
      }
    } finally {
      git.destroy();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        return out.toString();
      }
      if (out.length() > 4096) {
        throw new IOException("git cat-file answered an overlong header");
      }
      out.append((char) b);
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** Stash commits and their index and untracked-files parents, by full hash. */
  private static Map<String, String> stashNames(Path repository) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> entries;
    try {
      entries = run(repository, "reflog", "show", "--format=%H %gd", "refs/stash", "--");
    } catch (IOException e) {
      return out; // no stash
    }
    for (String line : entries) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      String sha = line.substring(0, space);
      String name = line.substring(space + 1);
      out.putIfAbsent(sha, name);
      for (String parent : run(repository, "rev-list", "--parents", "-n", "1", sha)) {
        String[] p = parent.split(" ");
        for (int i = 2; i < p.length; i++) {
          out.putIfAbsent(p[i], name);
        }
      }
    }
    return out;
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  private static Process start(Path repository, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(repository.toString());
    command.add("-c");
    command.add("core.quotePath=false");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("LC_ALL", "C");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException("cannot run git (" + e.getMessage() + "); install git to scan history");
    }
  }

  /** Runs git to completion and returns its output lines; a failure names the command. */
  private static List<String> run(Path repository, String... args) throws IOException {
    Process git = start(repository, args);
    git.getOutputStream().close();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(git.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    try {
      if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        throw new IOException(
            "git " + args[0] + " took over " + TIMEOUT_SECONDS + " s in " + repository);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      git.destroyForcibly();
      throw new IOException("interrupted while git " + args[0] + " ran");
    }
    if (git.exitValue() != 0) {
      throw new IOException(
          "git " + args[0] + " failed in " + repository + " (exit " + git.exitValue() + ")");
    }
    return lines;
  }

  /** At most {@code size} bytes of the underlying stream, never closing it. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    long remaining() {
      return remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {}
  }
}
