package dev.latchkey.collect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store postgresql://…}: the URL, PGPASSWORD and ~/.pgpass as psql reads them. */
class PostgresLocationTest {
  @TempDir Path home;

  private PostgresLocation parse(String url, Map<String, String> env) throws StoreException {
    return PostgresLocation.parse(url, env, home, "osuser");
  }

  private void pgpass(String text, String mode) throws Exception {
    Path f = home.resolve(".pgpass");
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
  }

  @Test
  void theUrlGivesUserPasswordHostPortAndDatabaseAndNeverShowsThePassword() throws Exception {
    PostgresLocation l =
        parse("postgresql://ada:p%40ss%3Aword@db.lab.example:6543/research", Map.of());
    assertThat(l.properties().getProperty("password")).isEqualTo("p@ss:word");
    assertThat(l.user()).isEqualTo("ada");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.lab.example:6543/research");
    assertThat(l.toString()).isEqualTo("postgresql://ada@db.lab.example:6543/research");
    assertThat(l.describe()).doesNotContain("p@ss");
  }

  @Test
  void defaultsAreThePortThePgUserAndTheOsUser() throws Exception {
    assertThat(parse("postgresql://h/db", Map.of()).describe()).isEqualTo("osuser@h:5432/db");
    assertThat(parse("postgres://h/db", Map.of("PGUSER", "bo")).user()).isEqualTo("bo");
  }

  @Test
  void pgPasswordIsUsedWhenTheUrlHasNone() throws Exception {
    assertThat(
            parse("postgresql://ada@h/db", Map.of("PGPASSWORD", "s3"))
                .properties()
                .getProperty("password"))
        .isEqualTo("s3");
    assertThat(
            parse("postgresql://ada:url@h/db", Map.of("PGPASSWORD", "s3"))
                .properties()
                .getProperty("password"))
        .isEqualTo("url");
  }

  @Test
  void thePasswordFileFirstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
    pgpass(
        "# comment\n"
            + "other:5432:db:ada:nope\n"
            + "h:*:db:ada:pa\\:ss\\\\1\n"
            + "*:*:*:*:fallback\n",
        "rw-------");
    assertThat(parse("postgresql://ada@h:7000/db", Map.of()).properties().getProperty("password"))
        .isEqualTo("pa:ss\\1");
    assertThat(parse("postgresql://bo@h/db", Map.of()).properties().getProperty("password"))
        .isEqualTo("fallback");
  }

  @Test
  void aPasswordFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    pgpass("*:*:*:*:secret\n", "rw-r--r--");
    assertThatThrownBy(() -> parse("postgresql://ada@h/db", Map.of()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("chmod 600")
        .hasMessageNotContaining("secret");
  }

  @Test
  void pgPassFileNamesAnotherFile() throws Exception {
    Path f = home.resolve("elsewhere");
    Files.writeString(f, "*:*:*:*:there\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(
            parse("postgresql://ada@h/db", Map.of("PGPASSFILE", f.toString()))
                .properties()
                .getProperty("password"))
        .isEqualTo("there");
  }

  @Test
  void badUrlsAreRefusedWithTheShapeAndWithoutThePassword() {
    assertThatThrownBy(() -> parse("mysql://ada:hunter2@h/db", Map.of()))
        .hasMessageContaining("postgresql://[user[:password]@]host[:port]/database")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> parse("postgresql://ada:hunter2@h", Map.of()))
        .hasMessageContaining("no database")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> parse("postgresql://h/db?password=x", Map.of()))
        .hasMessageContaining("schema and sslmode");
    assertThatThrownBy(() -> parse("postgresql://h/db?schema=a;drop", Map.of()))
        .hasMessageContaining("plain name");
    assertThatThrownBy(() -> parse("postgresql://h/" + "d".repeat(3000), Map.of()))
        .hasMessageContaining("longer than");
  }
}
