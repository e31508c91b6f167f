package io.vigil.config;

/** A configuration value that is missing, unknown or out of range; the message names the key. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The dotted key, e.g. {@code http.port}. */
  public String key() {
    return key;
  }
}
