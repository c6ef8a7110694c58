package dev.latchkey.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one credential file, with the name it is shown under in messages and the name used as
 * a format hint.
 */
final class Source {
  private final String display;
  private final String fileName;
  private final String text;
  private final List<String> skipped = new ArrayList<>();

  Source(String display, String fileName, String text) {
    this.display = display;
    this.fileName = fileName;
    this.text = text;
  }

  /** How the file is named in messages. */
  String display() {
    return display;
  }

  /** The file's name or path, for format hints; may be null. */
  String fileName() {
    return fileName;
  }

  /** The whole text. */
  String text() {
    return text;
  }

  /** Notes that part of the file was left out, and why, for the import's report. */
  void skip(String what) {
    skipped.add(what);
  }

  /** What was left out so far. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }

  /** Makes an exception about this file; {@code problem} must not quote the file's content. */
  ImportException error(int line, String field, String problem) {
    return new ImportException(display, line, field, problem);
  }

  ImportException error(int line, String problem) {
    return error(line, null, problem);
  }

  /** The text split into lines on LF, CRLF or CR, without the terminators. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
