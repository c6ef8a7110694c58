package dev.latchkey.formats;

import dev.latchkey.io.BoundedInput;
import dev.latchkey.io.InputException;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the credential files other tools keep (twurl, twarc, MassMine, smapy, {@code tw.json},
 * {@code .env}) into {@link Account}s with proposed ids, ready to be put in the keychain.
 *
 * <p>Nothing is written anywhere and no secret appears in an error message.
 */
public final class CredentialImport {
  /** Credential files are small; anything larger is not one (standard input included). */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final String TOO_LARGE = "is larger than 1 MiB, too large to be a credential file";

  private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^A-Za-z0-9_.@-]+");
  private static final String FALLBACK_NAME = "default";

  private CredentialImport() {}

  /**
   * Reads a file, detecting its format unless given, and naming a single account {@code
   * accountName} when given.
   */
  public static ImportResult read(
      Path file, Optional<CredentialFormat> format, Optional<String> accountName)
      throws ImportException {
    ImportOptions options = ImportOptions.detect();
    if (format.isPresent()) {
      options = options.format(format.get());
    }
    if (accountName.isPresent()) {
      options = options.accountName(accountName.get());
    }
    return read(file, options);
  }

  /**
   * Reads a file as the options say. The file must be a regular file (or a shell's anonymous pipe);
   * its size is checked while reading.
   */
  public static ImportResult read(Path file, ImportOptions options) throws ImportException {
    Objects.requireNonNull(file, "file");
    String display = display(file);
    byte[] bytes;
    try {
      bytes = BoundedInput.readFile(file, MAX_BYTES, display);
    } catch (InputException e) {
      throw refused(e);
    }
    return parse(bytes, display, file.toString(), options);
  }

  /**
   * Reads credentials already in memory (from standard input, say: read it with {@link
   * BoundedInput#readStream} and {@link #MAX_BYTES}).
   *
   * @param display how to name the source in messages, like {@code ~/.twurlrc} or {@code standard
   *     input}
   * @param fileName the file's name or path, used as a format hint; may be null
   */
  public static ImportResult parse(
      byte[] content, String display, String fileName, ImportOptions options)
      throws ImportException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(options, "options");
    if (content.length > MAX_BYTES) {
      throw new ImportException(display, 0, null, TOO_LARGE);
    }
    try {
      return parse(BoundedInput.decodeUtf8(content, display), display, fileName, options);
    } catch (InputException e) {
      throw refused(e);
    }
  }

  /** The reader's refusal in an importer's words. */
  private static ImportException refused(InputException e) {
    String problem =
        switch (e.kind()) {
          case DIRECTORY -> "is a directory; give the credential file";
          case TOO_LARGE -> TOO_LARGE;
          default -> e.problem();
        };
    return new ImportException(e.source(), 0, null, problem);
  }

  static ImportResult parse(String text, String display, String fileName, ImportOptions options)
      throws ImportException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Source source = new Source(display, fileName, text);
    if (text.isBlank()) {
      throw source.error(0, "is empty; there is nothing to import");
    }
    if (text.indexOf('\0') >= 0) {
      throw source.error(0, "contains NUL bytes; it is not a text credential file");
    }
    CredentialFormat format = options.format().orElse(null);
    if (format == null) {
      format =
          Detection.detect(source)
              .orElseThrow(
                  () ->
                      source.error(
                          0,
                          "cannot tell which format this is; pass --format with one of: "
                              + CredentialFormat.cliNames()));
    }
    String platform = options.platform().orElse(null);
    List<Draft> drafts =
        switch (format) {
          case TW_JSON, SMAPY -> JsonCredentials.read(source, format);
          case TWURLRC -> Twurlrc.read(source);
          case TWARC, TWARC2 -> IniCredentials.read(source);
          case MASSMINE ->
              MassMineAlist.read(
                  source,
                  platform != null
                      ? platform
                      : Detection.platformByName(fileName).orElse("twitter"));
          case DOTENV -> Dotenv.read(source, platform);
        };
    if (platform != null) {
      for (Draft d : drafts) {
        d.platform(platform);
      }
    }
    return finish(source, format, drafts, options.accountName().orElse(null));
  }

  /** Names the accounts, picks the one asked for, checks each, and marks the defaults. */
  private static ImportResult finish(
      Source source, CredentialFormat format, List<Draft> drafts, String accountName)
      throws ImportException {
    List<AccountId> ids = new ArrayList<>();
    Set<AccountId> used = new HashSet<>();
    for (Draft d : drafts) {
      String base =
          drafts.size() == 1 && accountName != null ? accountName : sanitize(d.proposedName());
      if (base == null) {
        base = FALLBACK_NAME;
      }
      AccountId id = new AccountId(d.platform(), base);
      for (int n = 2; !used.add(id); n++) {
        String suffix = "-" + n;
        String stem =
            base.length() + suffix.length() > 64 ? base.substring(0, 64 - suffix.length()) : base;
        id = new AccountId(d.platform(), stem + suffix);
      }
      ids.add(id);
    }
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      if (drafts.size() == 1 || accountName == null || ids.get(i).name().equals(accountName)) {
        chosen.add(i);
      }
    }
    if (chosen.size() != 1 && accountName != null) {
      throw source.error(
          0,
          "holds "
              + drafts.size()
              + " accounts and --account "
              + accountName
              + " does not pick exactly one of them by name; leave --account out to import"
              + " them all");
    }
    List<String> skipped = new ArrayList<>(source.skipped());
    for (int i = 0; i < drafts.size(); i++) {
      if (!chosen.contains(i)) {
        skipped.add(ids.get(i) + ": not the account --account " + accountName + " picks");
      }
    }
    List<Account> accounts = new ArrayList<>();
    Set<AccountId> defaults = new LinkedHashSet<>();
    Set<String> platformsWithDefault = new HashSet<>();
    for (int i : chosen) {
      Draft d = drafts.get(i);
      AccountId id = ids.get(i);
      accounts.add(d.build(id));
      if (d.isDefault() && platformsWithDefault.add(d.platform())) {
        defaults.add(id);
      }
    }
    return new ImportResult(format, accounts, defaults, skipped);
  }

  /**
   * A name from a file made into a valid account name: runs of other characters become {@code -},
   * and a leading {@code .}, {@code @} or {@code -} is dropped. Null when nothing is left.
   */
  static String sanitize(String raw) {
    if (raw == null) {
      return null;
    }
    String name = INVALID_NAME_CHARS.matcher(raw.strip()).replaceAll("-");
    int start = 0;
    while (start < name.length() && "-.@".indexOf(name.charAt(start)) >= 0) {
      start++;
    }
    name = name.substring(start);
    if (name.length() > 64) {
      name = name.substring(0, 64);
    }
    while (name.endsWith("-")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.isEmpty() ? null : name;
  }

  /** The path with the home directory written {@code ~}, as people know their files. */
  static String display(Path file) {
    String home = System.getProperty("user.home");
    if (file.isAbsolute() && home != null && !home.isEmpty()) {
      Path abs = file.normalize();
      Path homePath = Path.of(home).toAbsolutePath().normalize();
      if (abs.startsWith(homePath) && !abs.equals(homePath)) {
        return "~/" + homePath.relativize(abs).toString().replace('\\', '/');
      }
    }
    return file.toString();
  }
}
