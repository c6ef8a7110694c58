/** JMH benchmarks; see bench/README.md for how to run them. */
package dev.latchkey.bench;
