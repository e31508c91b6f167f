package io.vigil.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The diagnostics stage: known failure signatures matched in log lines and deployment events.
 *
 * @param catalogFile the user's own signatures, laid over the shipped catalog; empty for none
 * @param catalog the shipped catalog with the user's file, loaded and validated with this section
 * @param maxEvidence evidence items kept per service and signature (the newest)
 * @param windowHours how long a signature seen for a service stays in its diagnosis
 */
public record DiagnosticsConfig(boolean enabled, String catalogFile, SignatureCatalog catalog, int checkpointIntervalSeconds,
    int maxEvidence, int windowHours) {

  static DiagnosticsConfig from(ConfigSection section) {
    boolean enabled = section.bool("enabled");
    String file = section.string("catalogFile");
    SignatureCatalog catalog = SignatureCatalog.load(file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)));
    DiagnosticsConfig config = new DiagnosticsConfig(
        enabled,
        file,
        catalog,
        section.integer("checkpointIntervalSeconds", 1, 3_600),
        section.integer("maxEvidence", 1, 100),
        section.integer("windowHours", 1, 24 * 30));
    section.finish();
    return config;
  }
}
