package io.vigil.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The diagnostics catalog: the signatures shipped in {@value #SHIPPED_RESOURCE}, overlaid by the
 * user's own file (a signature with a shipped id replaces it; new ids are added after). Loaded and
 * validated once, at start-up: a bad value stops it with a {@link ConfigException} naming the file,
 * the signature and the key, e.g. {@code my-signatures.yaml: signatures[2] (slow-disk).match.logs[0]}.
 */
public final class SignatureCatalog {

  public static final String SHIPPED_RESOURCE = "diagnostics.yaml";
  public static final Set<String> CATEGORIES =
      Set.of("memory", "startup", "network", "dependency", "configuration", "deployment", "permissions", "capacity");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final SignatureCatalog SHIPPED = shippedCatalog();

  private final List<Signature> signatures;
  private final Map<String, Signature> byId;

  private SignatureCatalog(List<Signature> signatures) {
    this.signatures = List.copyOf(signatures);
    Map<String, Signature> index = new LinkedHashMap<>();
    signatures.forEach(signature -> index.put(signature.id(), signature));
    this.byId = Map.copyOf(index);
  }

  /** The shipped catalog alone. */
  public static SignatureCatalog shipped() {
    return SHIPPED;
  }

  /** The shipped catalog with {@code userFile}'s signatures laid over it. */
  public static SignatureCatalog load(Optional<Path> userFile) {
    if (userFile.isEmpty()) {
      return SHIPPED;
    }
    Path path = userFile.get();
    String label = path.getFileName().toString();
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("diagnostics.catalogFile", "no such file: " + path);
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("diagnostics.catalogFile", "cannot read " + path + ": " + e.getMessage());
    }
    Map<String, Signature> merged = new LinkedHashMap<>(SHIPPED.byId);
    for (Signature signature : parse(label, text)) {
      merged.remove(signature.id());
      merged.put(signature.id(), signature);
    }
    return new SignatureCatalog(new ArrayList<>(merged.values()));
  }

  /** Parses one catalog document; {@code label} names it in errors. */
  public static List<Signature> parse(String label, String yaml) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new ConfigException(label, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException(label, "must be a map with the key signatures");
    }
    ConfigSection root = new ConfigSection(label, new JsonObject(toJsonMap(map)));
    List<ConfigSection> items = root.sections("signatures", new JsonObject());
    root.finish();
    List<Signature> signatures = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Signature signature = signature(items.get(i), label + ": signatures[" + i + "]");
      if (!ids.add(signature.id())) {
        throw new ConfigException(label + ": signatures[" + i + "].id", "\"" + signature.id() + "\" is used by another signature in this file");
      }
      signatures.add(signature);
    }
    return signatures;
  }

  private static Signature signature(ConfigSection item, String itemKey) {
    String id = item.nonEmptyString("id");
    if (!ID.matcher(id).matches()) {
      throw new ConfigException(itemKey + ".id", "must be lower-case letters, digits and -, at most 64, was \"" + id + "\"");
    }
    String named = itemKey + " (" + id + ")";
    ConfigSection section = new ConfigSection(named, itemJson(item));
    section.string("id");
    String category = section.nonEmptyString("category");
    if (!CATEGORIES.contains(category)) {
      throw new ConfigException(section.keyOf("category"), "must be one of " + String.join(", ", new java.util.TreeSet<>(CATEGORIES)) + ", was \"" + category + "\"");
    }
    String severity = section.nonEmptyString("severity");
    if (!SEVERITIES.contains(severity)) {
      throw new ConfigException(section.keyOf("severity"), "must be info, warning or critical, was \"" + severity + "\"");
    }
    String title = section.nonEmptyString("title");
    String explanation = section.nonEmptyString("explanation");
    List<String> steps = section.strings("steps");
    if (steps.isEmpty()) {
      throw new ConfigException(section.keyOf("steps"), "must list at least one step");
    }
    ConfigSection match = section.section("match");
    List<Pattern> logs = patterns(match, "logs");
    List<Pattern> ecsReasons = patterns(match, "ecsReasons");
    List<Pattern> stackReasons = patterns(match, "stackReasons");
    Set<Integer> exitCodes = exitCodes(match);
    List<Signature.MetricCondition> metrics = metrics(match);
    match.finish();
    section.finish();
    if (logs.isEmpty() && ecsReasons.isEmpty() && stackReasons.isEmpty() && exitCodes.isEmpty() && metrics.isEmpty()) {
      throw new ConfigException(section.keyOf("match"), "must have at least one of logs, ecsReasons, exitCodes, stackReasons, metrics");
    }
    return new Signature(id, category, severity, title, explanation, logs, ecsReasons, exitCodes, stackReasons, metrics, steps);
  }

  /** The item's keys with every optional matcher defaulted to empty. */
  private static JsonObject itemJson(ConfigSection item) {
    JsonObject json = new JsonObject();
    for (String key : item.fieldNames()) {
      json.put(key, item.raw(key));
    }
    Object match = json.getValue("match");
    if (match instanceof JsonObject given) {
      JsonObject defaults = new JsonObject().put("logs", new JsonArray()).put("ecsReasons", new JsonArray())
          .put("stackReasons", new JsonArray()).put("exitCodes", new JsonArray()).put("metrics", new JsonArray());
      json.put("match", defaults.mergeIn(given));
    }
    return json;
  }

  private static List<Pattern> patterns(ConfigSection match, String key) {
    List<String> regexes = match.strings(key);
    List<Pattern> patterns = new ArrayList<>();
    for (int i = 0; i < regexes.size(); i++) {
      try {
        patterns.add(Pattern.compile(regexes.get(i)));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(match.keyOf(key) + "[" + i + "]",
            "is not a valid regex (" + e.getDescription() + " near index " + e.getIndex() + "): " + regexes.get(i));
      }
    }
    return patterns;
  }

  private static Set<Integer> exitCodes(ConfigSection match) {
    Set<Integer> codes = new LinkedHashSet<>();
    for (Object item : match.rawList("exitCodes")) {
      if (!(item instanceof Integer code) || code < 0 || code > 255) {
        throw new ConfigException(match.keyOf("exitCodes"), "must be a list of exit codes from 0 to 255, has \"" + item + "\"");
      }
      codes.add(code);
    }
    return codes;
  }

  private static List<Signature.MetricCondition> metrics(ConfigSection match) {
    List<Signature.MetricCondition> conditions = new ArrayList<>();
    for (ConfigSection item : match.sections("metrics", new JsonObject().put("above", "").put("below", ""))) {
      String metric = item.nonEmptyString("metric");
      double above = bound(item, "above");
      double below = bound(item, "below");
      item.finish();
      if (Double.isNaN(above) && Double.isNaN(below)) {
        throw new ConfigException(item.keyOf("above"), "a metric condition needs above or below");
      }
      conditions.add(new Signature.MetricCondition(metric, above, below));
    }
    return conditions;
  }

  private static double bound(ConfigSection item, String key) {
    if (item.raw(key) instanceof String text && text.isEmpty()) {
      item.string(key);
      return Double.NaN;
    }
    return item.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
  }

  public List<Signature> signatures() {
    return signatures;
  }

  public Optional<Signature> signature(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private static SignatureCatalog shippedCatalog() {
    try (InputStream in = SignatureCatalog.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED_RESOURCE + " is missing from the classpath");
      }
      return new SignatureCatalog(parse(SHIPPED_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toJsonMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put(String.valueOf(key), toJsonValue(value)));
    return out;
  }

  private static Object toJsonValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(toJsonMap(map));
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(toJsonValue(item)));
      return array;
    }
    return value instanceof Number || value instanceof Boolean || value == null ? value : String.valueOf(value);
  }
}
