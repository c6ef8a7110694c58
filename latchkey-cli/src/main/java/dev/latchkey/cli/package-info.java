/**
 * The {@code latchkey} command (picocli). {@link dev.latchkey.cli.Main} runs {@link
 * dev.latchkey.cli.LatchkeyCommand#newCommandLine(java.util.Map)}; tests build the same command
 * line in-process on an injected {@code CliContext} (environment, standard input, clock, keyring).
 *
 * <p>Writing a command in this package:
 *
 * <pre>{@code
 * @Command(name = "status", mixinStandardHelpOptions = true, description = "...")
 * final class StatusCommand implements Callable<Integer> {
 *   @Spec CommandSpec spec;
 *
 *   public Integer call() throws Exception {
 *     Session session = Session.of(spec);               // out(), err(), context(), terminal()
 *     try (Keychain keychain = session.keychain().open(false)) {   // passphrase resolved once
 *       AccountId id = accountRef.resolve(keychain);    // AccountRef: platform/name or platform
 *       session.out().println(AccountView.summary(keychain.get(id).orElseThrow()));
 *     }
 *     return ExitCode.OK;
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Print only through {@code session.out()} / {@code session.err()}; notices and warnings go
 *       to standard error as one line ({@code session.notice}, {@code session.warn}).
 *   <li>Fail by throwing: {@code CliException} (exit 1, or {@code CliException.usage} for exit 2),
 *       {@code KeychainException} or any exception of a {@code dev.latchkey} package (exit 1, its
 *       message printed). Anything else is reported as an unexpected error without its message.
 *       {@code --verbose} adds the stack trace. Never put a secret in a message.
 *   <li>Read environment variables with {@code session.context().env(NAME)}, never {@code
 *       System.getenv}; typed input with {@code session.terminal()}.
 *   <li>Show secrets with {@code Secret.masked()}, or {@code display(reveal)} behind a {@code
 *       --reveal} flag; JSON through {@code session.printJson}.
 * </ul>
 */
package dev.latchkey.cli;
