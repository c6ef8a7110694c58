/** {@code latchkey ui}: the command that starts the credentials dashboard. */
package dev.latchkey.cli.ui;
