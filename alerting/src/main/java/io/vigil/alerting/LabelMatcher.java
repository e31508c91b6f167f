package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager matcher on an alert's labels: equal, not equal, regex match or regex non-match.
 * A missing label matches as the empty string, as in Alertmanager. Regexes are anchored.
 */
public record LabelMatcher(String name, String value, boolean isRegex, boolean isEqual, Pattern pattern) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

  /** Builds a matcher; the exception message says what is wrong. */
  public static LabelMatcher of(String name, String value, boolean isRegex, boolean isEqual) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("label name must match " + NAME.pattern() + ", was " + name);
    }
    if (value == null) {
      throw new IllegalArgumentException("value is required");
    }
    Pattern pattern = null;
    if (isRegex) {
      try {
        pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription());
      }
    }
    return new LabelMatcher(name, value, isRegex, isEqual, pattern);
  }

  /** Parses {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}. */
  public static LabelMatcher parse(String text) {
    int at = text.indexOf('=');
    int bang = text.indexOf('!');
    if (bang > 0 && bang < at) {
      at = bang;
    }
    if (at <= 0 || at + 1 >= text.length()) {
      throw new IllegalArgumentException("expected name=value, name!=value, name=~regex or name!~regex, was " + text);
    }
    String name = text.substring(0, at);
    String rest = text.substring(at);
    if (rest.startsWith("!~")) {
      return of(name, rest.substring(2), true, false);
    }
    if (rest.startsWith("=~")) {
      return of(name, rest.substring(2), true, true);
    }
    if (rest.startsWith("!=")) {
      return of(name, rest.substring(2), false, false);
    }
    return of(name, rest.substring(1), false, true);
  }

  /** Reads {@code {"name","value","isRegex","isEqual"}}; the two flags default to false and true. */
  public static LabelMatcher fromJson(JsonObject json) {
    Object regex = json.getValue("isRegex", false);
    Object equal = json.getValue("isEqual", true);
    if (!(regex instanceof Boolean) || !(equal instanceof Boolean)) {
      throw new IllegalArgumentException("isRegex and isEqual must be true or false");
    }
    Object name = json.getValue("name");
    Object value = json.getValue("value");
    if (!(name instanceof String) || !(value instanceof String)) {
      throw new IllegalArgumentException("name and value must be text");
    }
    return of((String) name, (String) value, (Boolean) regex, (Boolean) equal);
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("value", value).put("isRegex", isRegex).put("isEqual", isEqual);
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    boolean hit = isRegex ? pattern.matcher(actual).matches() : value.equals(actual);
    return hit == isEqual;
  }
}
