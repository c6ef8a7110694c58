/**
 * Import and export of the credential files other tools keep: {@code tw.json}, smapy token dicts,
 * twurl's {@code ~/.twurlrc}, twarc's {@code ~/.twarc} and {@code ~/.config/twarc/config},
 * MassMine's {@code twitter_cred}/{@code tumblr_cred} and {@code .env} files.
 *
 * <p>Start with {@link dev.latchkey.formats.CredentialImport} and {@link
 * dev.latchkey.formats.CredentialExport}. Parsing uses Jackson (JSON, YAML) and small hand-written
 * readers for the line formats; no message ever quotes a file's content.
 */
package dev.latchkey.formats;
