/**
 * Reading what a person hands Latchkey (a file they named, standard input) with a size bound
 * checked while reading, strict UTF-8, and a one-line refusal that names the source: {@link
 * dev.latchkey.io.BoundedInput}. The keychain, the importers and the command read their input
 * through it.
 */
package dev.latchkey.io;
