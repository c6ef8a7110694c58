/**
 * What every command of {@code latchkey} works with: {@link Session} (its outputs, the injected
 * {@link CliContext}, the keychain and accounts), {@link RootCommand} (what a command sees of
 * {@code latchkey} itself), {@link AccountOption} and {@link AccountParameter} (the one meaning of
 * ACCOUNT), {@link KeychainOption}, {@link PlatformOptions}, {@link CliException} and {@link
 * ExitCode}.
 *
 * <p>Writing a command:
 *
 * <pre>{@code
 * @Command(name = "whoami", mixinStandardHelpOptions = true, description = "...")
 * public final class WhoamiCommand implements Callable<Integer> {
 *   @Spec CommandSpec spec;
 *   @Mixin KeychainOption keychainOption;     // --keychain, --insecure-storage
 *   @Mixin AccountOption accountOption;       // --account PLATFORM/NAME
 *
 *   public Integer call() throws Exception {
 *     Session session = Session.of(spec);     // out(), err(), context(), terminal()
 *     try (Keychain keychain = session.keychain().open(false)) {   // passphrase resolved once
 *       AccountId id = accountOption.resolve(keychain, null);
 *       Accounts accounts = session.accounts(keychain, session.platforms());
 *       AccountCheck check = accounts.check(id);          // what the platform says of it
 *       session.out().println(id + ": " + check.state());
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
 *       {@code AccountException} (its message is the fix), {@code KeychainException} or any
 *       exception of a {@code dev.latchkey} package (exit 1, its message printed). Anything else is
 *       reported as an unexpected error without its message. {@code --verbose} adds the stack
 *       trace. Never put a secret in a message.
 *   <li>Read environment variables with {@code session.context().env(NAME)}, never {@code
 *       System.getenv}; typed input with {@code session.terminal()}.
 *   <li>Show secrets with {@code Secret.masked()}, or {@code display(reveal)} behind a {@code
 *       --reveal} flag; JSON through {@code session.printJson}.
 * </ul>
 */
package dev.latchkey.cli.session;
