package io.vigil.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration in layers, each overriding the one before: the defaults in
 * {@value #DEFAULTS_RESOURCE}, then the file given with --config, then {@code VIGIL_*} environment
 * variables, then --set key=value pairs. The merged document is then typed and validated by
 * {@link VigilConfig#from}.
 */
public final class ConfigLoader {

  /** The classpath resource with every key and its default. */
  public static final String DEFAULTS_RESOURCE = "config/vigil-defaults.yaml";

  /** Environment variables that name a key other than by the VIGIL_SECTION_KEY rule. */
  private static final Map<String, String> ENV_ALIASES = Map.of(
      "VIGIL_ADMIN_TOKEN", "auth.adminToken");

  private final Vertx vertx;
  private Optional<Path> file = Optional.empty();
  private Map<String, String> environment = Map.of();
  private List<String> assignments = List.of();

  public ConfigLoader(Vertx vertx) {
    this.vertx = vertx;
  }

  public ConfigLoader file(Path file) {
    this.file = Optional.ofNullable(file);
    return this;
  }

  public ConfigLoader environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /** {@code key=value} pairs, as given to --set. */
  public ConfigLoader assignments(List<String> assignments) {
    this.assignments = List.copyOf(assignments);
    return this;
  }

  /** The merged, validated configuration; fails with a {@link ConfigException} naming the key. */
  public Future<VigilConfig> load() {
    return loadJson().map(VigilConfig::from);
  }

  /** The merged document before validation. */
  public Future<JsonObject> loadJson() {
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      return Future.failedFuture(new ConfigException("--config", "no such file: " + file.get()));
    }
    return retrieve(List.of(defaultsStore())).compose(defaults -> {
      JsonObject overrides = new JsonObject();
      try {
        applyEnvironment(defaults, overrides);
        applyAssignments(overrides);
      } catch (ConfigException e) {
        return Future.failedFuture(e);
      }
      List<ConfigStoreOptions> stores = new ArrayList<>();
      stores.add(defaultsStore());
      file.ifPresent(path -> stores.add(new ConfigStoreOptions()
          .setType("file")
          .setFormat(path.toString().endsWith(".json") ? "json" : "yaml")
          .setConfig(new JsonObject().put("path", path.toAbsolutePath().toString()))));
      stores.add(new ConfigStoreOptions().setType("json").setConfig(overrides));
      return retrieve(stores);
    });
  }

  /** The environment variable that overrides {@code key}: http.port → VIGIL_HTTP_PORT, kafka.bootstrapServers → VIGIL_KAFKA_BOOTSTRAP_SERVERS. */
  public static String environmentName(String key) {
    StringBuilder name = new StringBuilder("VIGIL");
    for (String part : key.split("\\.")) {
      name.append('_').append(part.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return name.toString();
  }

  private Future<JsonObject> retrieve(List<ConfigStoreOptions> stores) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1);
    stores.forEach(options::addStore);
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        })
        .recover(failure -> Future.failedFuture(failure instanceof ConfigException
            ? failure
            : new ConfigException(file.map(Path::toString).orElse(DEFAULTS_RESOURCE), "cannot be read: " + failure.getMessage())));
  }

  private static ConfigStoreOptions defaultsStore() {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setConfig(new JsonObject().put("path", DEFAULTS_RESOURCE));
  }

  private void applyEnvironment(JsonObject defaults, JsonObject overrides) {
    List<String> keys = new ArrayList<>();
    collectLeafKeys("", defaults, keys);
    for (String key : keys) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        put(overrides, key, value);
      }
    }
    ENV_ALIASES.forEach((variable, key) -> {
      String value = environment.get(variable);
      if (value != null) {
        put(overrides, key, value);
      }
    });
  }

  private void applyAssignments(JsonObject overrides) {
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException("--set", "expects key=value, was \"" + assignment + "\"");
      }
      put(overrides, assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
    }
  }

  private static void collectLeafKeys(String prefix, JsonObject json, List<String> keys) {
    for (String name : json.fieldNames()) {
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      Object value = json.getValue(name);
      if (value instanceof JsonObject) {
        collectLeafKeys(key, (JsonObject) value, keys);
      } else {
        keys.add(key);
      }
    }
  }

  private static void put(JsonObject root, String key, String value) {
    String[] parts = key.split("\\.");
    JsonObject section = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = section.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        section.put(parts[i], child);
      }
      section = (JsonObject) child;
    }
    section.put(parts[parts.length - 1], value);
  }
}
