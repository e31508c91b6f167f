package io.vigil.eval.nab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's {@code combined_windows.json}: an object mapping {@code category/file.csv} to a list of
 * {@code [start, end]} timestamp pairs. A small parser for just that shape, so this module needs no
 * JSON library.
 */
final class WindowsJson {

  private final String text;
  private int pos;

  private WindowsJson(String text) {
    this.text = text;
  }

  /** Parses the file's text into key to list of {start, end} timestamp texts, in file order. */
  static Map<String, List<String[]>> parse(String text) {
    WindowsJson parser = new WindowsJson(text);
    Map<String, List<String[]>> windows = new LinkedHashMap<>();
    parser.expect('{');
    if (!parser.consumeIf('}')) {
      do {
        String key = parser.string();
        parser.expect(':');
        windows.put(key, parser.pairs(key));
      } while (parser.consumeIf(','));
      parser.expect('}');
    }
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("trailing text");
    }
    return windows;
  }

  private List<String[]> pairs(String key) {
    List<String[]> pairs = new ArrayList<>();
    expect('[');
    if (!consumeIf(']')) {
      do {
        expect('[');
        String start = string();
        expect(',');
        String end = string();
        expect(']');
        pairs.add(new String[] {start, end});
      } while (consumeIf(','));
      expect(']');
    }
    return pairs;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char escaped = text.charAt(pos++);
        switch (escaped) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> out.append(escaped);
        }
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private boolean consumeIf(char c) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("windows file: " + what + " at character " + pos);
  }
}
