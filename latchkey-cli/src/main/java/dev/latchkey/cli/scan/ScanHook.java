package dev.latchkey.cli.scan;

import dev.latchkey.account.KeychainAccess;
import dev.latchkey.cli.keys.PrivateFile;
import dev.latchkey.cli.session.CliException;
import dev.latchkey.cli.session.ExitCode;
import dev.latchkey.cli.session.Session;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.scan.KnownSecret;
import dev.latchkey.scan.SecretDigests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git pre-commit hook {@code latchkey scan --install-hook} writes: a two-line script that runs
 * {@code latchkey scan --staged}, and beside the repository's own files ({@code
 * .git/latchkey/scan-digests.json}, never in the work tree) the salted digests of the keychain's
 * secrets ({@link SecretDigests}). So the hook needs neither the passphrase nor the agent and never
 * holds a secret: a commit made from an editor with no terminal is checked all the same.
 */
public final class ScanHook {
  private final Session session;

  ScanHook(Session session) {
    this.session = session;
  }

  int install(Path repository, boolean force) throws Exception {
    Path hooks = gitPath(repository, "--git-path", "hooks");
    Path common = gitPath(repository, "--git-common-dir");
    if (hooks == null || common == null) {
      throw new CliException(
          repository + " is not in a git repository; run this inside one or name it");
    }
    Path hook = hooks.resolve("pre-commit");
    if (Files.exists(hook, LinkOption.NOFOLLOW_LINKS)) {
      String existing =
          Files.isRegularFile(hook, LinkOption.NOFOLLOW_LINKS)
              ? Files.readString(hook, StandardCharsets.ISO_8859_1)
              : "";
      if (!existing.contains(ScanCommand.HOOK_MARKER) && !force) {
        throw new CliException(
            hook
                + " already exists; add the line \""
                + command()
                + " scan --staged\" to it, or replace it with --install-hook --force");
      }
    }
    KeychainAccess access = session.keychain();
    if (!access.exists()) {
      throw new CliException(
          "no keychain at " + access.path() + " yet; add an account first: latchkey keys add");
    }
    List<KnownSecret> secrets;
    try (Keychain keychain = access.open(false)) {
      secrets = KnownSecret.of(keychain.accounts());
    }
    SecretDigests digests = SecretDigests.of(secrets, new SecureRandom());
    Path dir = common.resolve("latchkey");
    Files.createDirectories(dir);
    PrivateFile.write(
        dir.resolve("scan-digests.json"),
        new String(digests.toJson(), StandardCharsets.UTF_8),
        true);
    Files.createDirectories(hooks);
    String script =
        "#!/bin/sh\n"
            + "# Installed by "
            + ScanCommand.HOOK_MARKER
            + ": refuses a commit that carries a secret of\n"
            + "# the keychain or an X/Tumblr credential. It keeps only salted digests of the\n"
            + "# secrets (in the git directory, latchkey/scan-digests.json); refresh them after\n"
            + "# adding accounts by running latchkey scan --install-hook again.\n"
            + "# To commit anyway, once: git commit --no-verify\n"
            + "exec "
            + command()
            + " scan --staged\n";
    Path temp = Files.createTempFile(hooks, ".pre-commit.", ".tmp");
    try {
      Files.writeString(temp, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(
          temp,
          hook,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    session
        .out()
        .println(
            "installed "
                + hook
                + ": commits carrying one of "
                + secrets.size()
                + " secrets (in "
                + digests.size()
                + " forms, kept as salted digests) or an X/Tumblr credential are refused");
    session.out().flush();
    return ExitCode.OK;
  }

  /** Where the hook's digests are for the repository at {@code repository}, or null outside one. */
  Path digestsFile(Path repository) throws IOException {
    Path common = gitPath(repository, "--git-common-dir");
    return common == null ? null : common.resolve("latchkey").resolve("scan-digests.json");
  }

  /** Says so when the keychain changed after the digests were made. */
  void warnIfStale(Path digests) throws IOException {
    Path keychain = session.keychain().path();
    if (Files.exists(keychain)
        && Files.getLastModifiedTime(keychain).compareTo(Files.getLastModifiedTime(digests)) > 0) {
      session.notice(
          "the keychain changed after this hook was installed, so new secrets are not checked;"
              + " refresh it with: latchkey scan --install-hook");
    }
  }

  /**
   * How the hook runs latchkey: the launcher when it said where it is ({@code LATCHKEY_COMMAND},
   * which {@code ./latchkey} sets), else this Java with this jar (or class path).
   */
  String command() {
    String launcher = session.context().env("LATCHKEY_COMMAND");
    if (launcher != null && Path.of(launcher).isAbsolute()) {
      return quote(launcher);
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    try {
      Path location =
          Path.of(
              session
                  .root()
                  .mainClass()
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      if (Files.isRegularFile(location)) {
        classPath = location.toString(); // the shaded jar holds everything
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // keep the class path
    }
    return quote(java) + " -cp " + quote(classPath) + " " + session.root().mainClass().getName();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static Path gitPath(Path repository, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("git", "-C", repository.toString(), "rev-parse"));
    command.addAll(List.of(args));
    Process git;
    try {
      git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new CliException("cannot run git; install it to use the hook");
    }
    git.getOutputStream().close();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0 || out.isEmpty()) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    Path p = Path.of(out);
    return p.isAbsolute() ? p : repository.resolve(p).toAbsolutePath().normalize();
  }
}
