package io.vigil.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CloudFormation source: the stack events of configured stacks, as deployment events of the
 * service each stack deploys.
 *
 * @param lookbackMinutes how far back a stack seen for the first time is read
 */
public record CloudFormationConfig(boolean enabled, List<Stack> stacks, int pollIntervalSeconds, int lookbackMinutes) {

  /** One stack, by name or id, and the Vigil service it deploys (default: the stack's name). */
  public record Stack(String name, String service) {}

  public CloudFormationConfig {
    stacks = List.copyOf(stacks);
  }

  static CloudFormationConfig from(ConfigSection section) {
    boolean enabled = section.bool("enabled");
    List<Stack> stacks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigSection item : section.sections("stacks", new JsonObject().put("name", "").put("service", ""))) {
      String name = item.nonEmptyString("name");
      if (name.length() > 256 || !name.matches("[A-Za-z][-A-Za-z0-9]*|arn:[\\w\\-:/.]+")) {
        throw new ConfigException(item.keyOf("name"), "must be a stack name (letters, digits and -, starting with a letter) or a stack id, was \"" + name + "\"");
      }
      String service = item.string("service");
      item.finish();
      if (!names.add(name)) {
        throw new ConfigException(item.keyOf("name"), "\"" + name + "\" is listed twice");
      }
      stacks.add(new Stack(name, service.isEmpty() ? name : service));
    }
    CloudFormationConfig config = new CloudFormationConfig(
        enabled,
        stacks,
        section.integer("pollIntervalSeconds", 1, 3600),
        section.integer("lookbackMinutes", 0, 14 * 24 * 60));
    if (enabled && stacks.isEmpty()) {
      throw new ConfigException(section.keyOf("stacks"), "must name at least one stack when the source is enabled");
    }
    section.finish();
    return config;
  }
}
