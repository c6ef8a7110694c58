package dev.latchkey.collect;

import java.io.BufferedReader;
import java.io.Closeable;
import java.net.http.HttpHeaders;

/** A long-lived streaming answer (X's v2 streams): newline-delimited JSON until closed. */
public interface StreamResponse extends Closeable {
  /** The HTTP status (200 when streaming). */
  int status();

  /** The response headers. */
  HttpHeaders headers();

  /** The body, line by line; blank lines are X's keep-alives. */
  BufferedReader body();
}
