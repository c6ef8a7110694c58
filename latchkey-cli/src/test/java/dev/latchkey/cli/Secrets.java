package dev.latchkey.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Credential values used by the CLI tests: long enough that masking shows four characters. */
public final class Secrets {
  static final String CONSUMER_KEY = "ckAAAA1111bbbb2222cccc";
  static final String CONSUMER_SECRET = "csSECRET9f8e7d6c5b4a3210zz";
  static final String ACCESS_TOKEN = "12345-tokenTOKENtoken0001";
  static final String TOKEN_SECRET = "atsSECRET0a1b2c3d4e5f6g7h";
  static final String BEARER = "AAAAAAAAbearer%2FtokenXYZ123";

  static final String[] ALL = {CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, TOKEN_SECRET, BEARER};

  /** The four prompt answers of {@code keys add}, one per line. */
  static final String PROMPT_ANSWERS =
      CONSUMER_KEY + "\n" + CONSUMER_SECRET + "\n" + ACCESS_TOKEN + "\n" + TOKEN_SECRET + "\n";

  static final String TW_JSON =
      "{\n"
          + "  \"consumer_key\": \""
          + CONSUMER_KEY
          + "\",\n  \"consumer_secret\": \""
          + CONSUMER_SECRET
          + "\",\n  \"access_token\": \""
          + ACCESS_TOKEN
          + "\",\n  \"access_token_secret\": \""
          + TOKEN_SECRET
          + "\",\n  \"bearer_token\": \""
          + BEARER
          + "\"\n}\n";

  private Secrets() {}

  static Path twJson(Path dir) throws IOException {
    return Files.writeString(dir.resolve("tw.json"), TW_JSON);
  }

  /**
   * Stores these credentials as {@code twitter/alice} without asking the platform, through a {@code
   * tw.json} in {@code scratch} that is removed again, so no test finds it by accident.
   */
  static void addAlice(Cli cli, Path scratch) throws IOException {
    Path json = twJson(scratch);
    cli.run("keys", "add", "--no-verify", "twitter/alice", "--from-json", json.toString())
        .assertOk();
    Files.delete(json);
  }
}
