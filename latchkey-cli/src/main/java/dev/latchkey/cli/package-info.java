/**
 * The {@code latchkey} command (picocli): its entry points and the list of its commands. {@link
 * dev.latchkey.cli.Main} runs {@link dev.latchkey.cli.LatchkeyCommand#newCommandLine(java.util.Map,
 * String[])} (or hands a short command to the agent: {@link dev.latchkey.cli.RelayedCommands});
 * tests build the same command line in-process on an injected {@code CliContext} (environment,
 * standard input, clock, keyring).
 *
 * <p>The command is presentation only: what an account can do (send as it, check it, verify new
 * credentials, revoke, say the remedy for a failure, unlock the keychain) is the account layer's,
 * {@link dev.latchkey.account}. Commands live in a package per area: {@code cli.keys} (the
 * keychain), {@code cli.auth} (getting tokens), {@code cli.use} ({@code api}, {@code status},
 * {@code token}, {@code revoke}, {@code exec}, {@code env}), {@code cli.agent}, {@code cli.scan},
 * {@code cli.rotate}, {@code cli.collect}, {@code cli.ui} and {@code cli.sandbox} ({@code sandbox},
 * {@code demo}), with the terminal and OS keyring in {@code cli.terminal} and {@code cli.keyring}.
 * What they share is in {@link dev.latchkey.cli.session}; only this package knows every command,
 * and no command package depends on it.
 */
package dev.latchkey.cli;
