package dev.latchkey.dashboard.internal;

import dev.latchkey.formats.CredentialFormat;
import dev.latchkey.formats.CredentialImport;
import dev.latchkey.formats.ImportException;
import dev.latchkey.formats.ImportOptions;
import dev.latchkey.formats.ImportResult;
import dev.latchkey.keychain.Account;
import dev.latchkey.keychain.AccountId;
import dev.latchkey.keychain.Keychain;
import dev.latchkey.keychain.KeychainException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Importing another tool's credential file, uploaded from the browser: read in memory (at most 1
 * MiB), never written to disk but into the keychain, all accounts or none.
 */
final class ImportPages {
  private static final int MAX_BYTES = 1024 * 1024;

  private final Web[] holder;

  ImportPages(Web[] holder) {
    this.holder = holder;
  }

  void register(JavalinDefaultRouting router) {
    router.get("/import", this::show);
    router.post("/import", this::upload);
  }

  private void show(Context ctx) {
    Web web = holder[0];
    web.keychain();
    web.render(
        ctx,
        "import",
        "page",
        web.page(ctx, "Import a credential file", "import"),
        "formats",
        CredentialFormat.cliNames());
  }

  private void upload(Context ctx) throws IOException {
    Web web = holder[0];
    Keychain keychain = web.keychain();
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) {
      throw new Refused(400, "No file", "Choose the file to import.");
    }
    String name = Web.plain(file.filename(), "The file name", 255);
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new Refused(
          413, "Too large", name + " is larger than 1 MiB; it is not a credential file.");
    }
    ImportResult result;
    try {
      result = CredentialImport.parse(bytes, name, name, ImportOptions.detect());
    } catch (ImportException e) {
      web.session(ctx).flashError(e.getMessage());
      Web.seeOther(ctx, "/import");
      return;
    }
    boolean replace = ctx.formParam("replace") != null;
    List<AccountId> existing =
        result.accounts().stream()
            .map(Account::id)
            .filter(id -> keychain.get(id).isPresent())
            .toList();
    if (!existing.isEmpty() && !replace) {
      web.session(ctx)
          .flashError(
              "Already in the keychain: "
                  + String.join(", ", existing.stream().map(AccountId::toString).toList())
                  + ". Nothing was imported; tick \"Replace\" to replace them.");
      Web.seeOther(ctx, "/import");
      return;
    }
    Set<String> withDefault = new HashSet<>();
    for (Account a : result.accounts()) {
      if (keychain.defaultAccount(a.id().platform()).isPresent()) {
        withDefault.add(a.id().platform());
      }
    }
    try {
      keychain.edit(
          draft -> {
            for (Account a : result.accounts()) {
              draft.put(a);
            }
            for (AccountId id : result.defaults()) {
              if (!withDefault.contains(id.platform())) {
                draft.setDefault(id);
              }
            }
          });
    } catch (KeychainException e) {
      throw new Refused(409, "Not imported", e.getMessage());
    }
    web.session(ctx)
        .flash(
            "Imported "
                + result.accounts().size()
                + (result.accounts().size() == 1 ? " account" : " accounts")
                + " from "
                + name
                + " ("
                + result.format()
                + "): "
                + String.join(", ", result.accounts().stream().map(a -> a.id().toString()).toList())
                + ".");
    Web.seeOther(ctx, "/");
  }
}
