package io.vigil.detectors;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The detector types on the class path, found with {@link ServiceLoader}, so that a module such as
 * the Random Cut Forest peer can add one without this module depending on it.
 */
public final class DetectorRegistry {

  private final Map<String, DetectorType> types;

  private DetectorRegistry(Map<String, DetectorType> types) {
    this.types = types;
  }

  /** Every {@link DetectorType} registered under META-INF/services on the given class loader. */
  public static DetectorRegistry load(ClassLoader loader) {
    Map<String, DetectorType> byName = new TreeMap<>();
    for (DetectorType type : ServiceLoader.load(DetectorType.class, loader)) {
      DetectorType previous = byName.putIfAbsent(type.name(), type);
      if (previous != null && previous.getClass() != type.getClass()) {
        throw new IllegalStateException("two detector types are named " + type.name());
      }
    }
    return new DetectorRegistry(byName);
  }

  /** The registry of this module's class loader. */
  public static DetectorRegistry load() {
    return load(DetectorRegistry.class.getClassLoader());
  }

  /** The type named {@code name}; the message of the exception lists the names there are. */
  public DetectorType byName(String name) {
    DetectorType type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown detector '" + name + "'; known: " + String.join(", ", names()));
    }
    return type;
  }

  public List<String> names() {
    return types.keySet().stream().collect(Collectors.toUnmodifiableList());
  }
}
