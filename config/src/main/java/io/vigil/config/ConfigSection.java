package io.vigil.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one section of the configuration, checking every value's type and range and, at
 * {@link #finish()}, that no key was left unread. Values given as text (environment variables and
 * --set flags) are converted to the type the key expects.
 */
public final class ConfigSection {

  private final String path;
  private final JsonObject json;
  private final Set<String> read = new LinkedHashSet<>();

  ConfigSection(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /** The root of a configuration document. */
  public static ConfigSection root(JsonObject json) {
    return new ConfigSection("", json);
  }

  public ConfigSection section(String key) {
    Object value = take(key);
    if (!(value instanceof JsonObject)) {
      throw new ConfigException(keyOf(key), "must be a section (a map of keys), was " + describe(value));
    }
    return new ConfigSection(keyOf(key), (JsonObject) value);
  }

  public int integer(String key, int min, int max) {
    long value = longValue(key, min, max);
    return (int) value;
  }

  public long longValue(String key, long min, long max) {
    Object value = take(key);
    long number;
    if (value instanceof Number && isWhole((Number) value)) {
      number = ((Number) value).longValue();
    } else if (value instanceof String) {
      try {
        number = Long.parseLong(((String) value).trim());
      } catch (NumberFormatException e) {
        throw outOfRange(key, min, max, value);
      }
    } else {
      throw outOfRange(key, min, max, value);
    }
    if (number < min || number > max) {
      throw outOfRange(key, min, max, value);
    }
    return number;
  }

  public double number(String key, double min, double max) {
    Object value = take(key);
    double number;
    if (value instanceof Number) {
      number = ((Number) value).doubleValue();
    } else if (value instanceof String) {
      try {
        number = Double.parseDouble(((String) value).trim());
      } catch (NumberFormatException e) {
        throw numberOutOfRange(key, min, max, value);
      }
    } else {
      throw numberOutOfRange(key, min, max, value);
    }
    if (!(number >= min && number <= max)) {
      throw numberOutOfRange(key, min, max, value);
    }
    return number;
  }

  public boolean bool(String key) {
    Object value = take(key);
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw new ConfigException(keyOf(key), "must be true or false, was " + describe(value));
  }

  /** A text value; empty text is allowed. */
  public String string(String key) {
    Object value = take(key);
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new ConfigException(keyOf(key), "must be text, was " + describe(value));
  }

  public String nonEmptyString(String key) {
    String value = string(key);
    if (value.isBlank()) {
      throw new ConfigException(keyOf(key), "must not be empty");
    }
    return value;
  }

  /** A list of text values, given as a YAML list or as comma-separated text. */
  public List<String> strings(String key) {
    Object value = take(key);
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray) {
      for (Object item : (JsonArray) value) {
        if (!(item instanceof String) || ((String) item).isBlank()) {
          throw new ConfigException(keyOf(key), "must be a list of non-empty text values, has " + describe(item));
        }
        items.add(((String) item).trim());
      }
    } else if (value instanceof String) {
      Arrays.stream(((String) value).split(","))
          .map(String::trim)
          .filter(item -> !item.isEmpty())
          .forEach(items::add);
    } else if (value != null) {
      throw new ConfigException(keyOf(key), "must be a list, was " + describe(value));
    }
    return List.copyOf(items);
  }

  /**
   * A list of sections, each laid over {@code defaults} (a key the item leaves out takes the
   * default), named {@code key[i]} in errors, e.g. {@code ingest.probes[2].url}.
   */
  public List<ConfigSection> sections(String key, JsonObject defaults) {
    Object value = take(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray)) {
      throw new ConfigException(keyOf(key), "must be a list of sections, was " + describe(value));
    }
    List<ConfigSection> items = new ArrayList<>();
    JsonArray array = (JsonArray) value;
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String itemKey = keyOf(key) + "[" + i + "]";
      if (!(item instanceof JsonObject)) {
        throw new ConfigException(itemKey, "must be a section (a map of keys), was " + describe(item));
      }
      items.add(new ConfigSection(itemKey, defaults.copy().mergeIn((JsonObject) item, false)));
    }
    return List.copyOf(items);
  }

  /** The raw map under {@code key}, for defaults that list items are laid over. */
  public JsonObject rawSection(String key) {
    Object value = take(key);
    if (!(value instanceof JsonObject)) {
      throw new ConfigException(keyOf(key), "must be a section (a map of keys), was " + describe(value));
    }
    return ((JsonObject) value).copy();
  }

  /** The raw list under {@code key}, for lists of values other than text. */
  public JsonArray rawList(String key) {
    Object value = take(key);
    if (!(value instanceof JsonArray)) {
      throw new ConfigException(keyOf(key), "must be a list, was " + describe(value));
    }
    return ((JsonArray) value).copy();
  }

  /** A map of text to text, such as dimension filters; values may be empty. */
  public java.util.SortedMap<String, String> stringMap(String key) {
    return textMap(key, "must be a map of names to text values", (name, item) -> {
      if (name.isBlank() || !(item == null || item instanceof String || item instanceof Number)) {
        throw new ConfigException(keyOf(key) + "." + name, "must be a text value, was " + describe(item));
      }
      return item == null ? "" : String.valueOf(item);
    });
  }

  /**
   * A map of names to settings as text, checked by whoever applies them; a list of numbers or text
   * becomes comma-separated text, as --set gives it. Absent or empty: an empty map.
   */
  public java.util.SortedMap<String, String> settings(String key) {
    return textMap(key, "must be a map of setting names to values", (name, item) -> {
      if (item instanceof String || item instanceof Number || item instanceof Boolean) {
        return String.valueOf(item);
      }
      if (!(item instanceof JsonArray)) {
        throw new ConfigException(keyOf(key) + "." + name, "must be a number, text or a list, was " + describe(item));
      }
      List<String> items = new ArrayList<>();
      for (Object element : (JsonArray) item) {
        if (!(element instanceof String || element instanceof Number)) {
          throw new ConfigException(keyOf(key) + "." + name, "must be a list of numbers or text, has " + describe(element));
        }
        items.add(String.valueOf(element));
      }
      return String.join(",", items);
    });
  }

  /**
   * A map of names to lists of names, such as a dependency map; each list is a YAML list or
   * comma-separated text (as --set gives it). Absent or empty: an empty map.
   */
  public java.util.SortedMap<String, List<String>> stringLists(String key) {
    Object value = take(key);
    java.util.SortedMap<String, List<String>> map = new java.util.TreeMap<>();
    if (value == null) {
      return map;
    }
    if (!(value instanceof JsonObject)) {
      throw new ConfigException(keyOf(key), "must be a map of names to lists of names, was " + describe(value));
    }
    ConfigSection items = new ConfigSection(keyOf(key), (JsonObject) value);
    for (String name : ((JsonObject) value).fieldNames()) {
      if (name.isBlank()) {
        throw new ConfigException(keyOf(key), "must not have an empty name");
      }
      map.put(name, items.strings(name));
    }
    return map;
  }

  /** The map under {@code key} (absent: empty), each value turned into text by {@code asText}, which names what it refuses. */
  private java.util.SortedMap<String, String> textMap(
      String key, String notAMap, java.util.function.BiFunction<String, Object, String> asText) {
    Object value = take(key);
    java.util.SortedMap<String, String> map = new java.util.TreeMap<>();
    if (value == null) {
      return map;
    }
    if (!(value instanceof JsonObject)) {
      throw new ConfigException(keyOf(key), notAMap + ", was " + describe(value));
    }
    for (String name : ((JsonObject) value).fieldNames()) {
      map.put(name, asText.apply(name, ((JsonObject) value).getValue(name)));
    }
    return map;
  }

  /** Fails, naming the key, if the section has a key no reader asked for. */
  /**
   * Refuses {@code key}'s {@code value} below {@code lowerKey}'s {@code lower}, naming both keys
   * (a serious limit below its warning one, a maximum below its initial value).
   */
  public void requireNotBelow(String key, double value, String lowerKey, double lower) {
    if (value < lower) {
      throw new ConfigException(keyOf(key), "must not be below " + keyOf(lowerKey) + " (" + format(lower) + ")");
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }

  public void finish() {
    for (String key : json.fieldNames()) {
      if (!read.contains(key)) {
        throw new ConfigException(keyOf(key), "unknown key");
      }
    }
  }

  /** The keys this section holds, in their order, for sections that are maps of names (a service, a region). */
  public Set<String> fieldNames() {
    return new LinkedHashSet<>(json.fieldNames());
  }

  /** The value under {@code key} as given (null when absent), without reading it: for readers that branch on its form. */
  Object raw(String key) {
    return json.getValue(key);
  }

  /** The dotted name of {@code key} in this section. */
  public String keyOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object take(String key) {
    if (!json.containsKey(key)) {
      throw new ConfigException(keyOf(key), "is missing");
    }
    read.add(key);
    return json.getValue(key);
  }

  private static boolean isWhole(Number number) {
    return number instanceof Integer || number instanceof Long || number.doubleValue() == Math.rint(number.doubleValue());
  }

  private ConfigException outOfRange(String key, long min, long max, Object value) {
    return new ConfigException(keyOf(key), "must be a whole number from " + min + " to " + max + ", was " + describe(value));
  }

  private ConfigException numberOutOfRange(String key, double min, double max, Object value) {
    return new ConfigException(keyOf(key), "must be a number from " + min + " to " + max + ", was " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    if (value instanceof JsonObject) {
      return "a section";
    }
    if (value instanceof JsonArray) {
      return "a list";
    }
    return String.valueOf(value);
  }
}
