/**
 * Vigil's configuration: defaults in YAML, layered overrides, and one immutable record per section.
 *
 * <p>{@link io.vigil.config.ConfigLoader} merges the layers with vertx-config;
 * {@link io.vigil.config.VigilConfig#from} then reads every section through a
 * {@link io.vigil.config.ConfigSection}, which checks types and ranges and refuses keys no section
 * reads, so a typo stops start-up with the key's name instead of being ignored. The records are
 * immutable and safe to share between verticles.
 *
 * <p>The diagnostics catalog lives here too, as configuration: {@link io.vigil.config.SignatureCatalog}
 * reads the shipped {@code diagnostics.yaml} and the user's {@code diagnostics.catalogFile} through
 * the same {@code ConfigSection} checks, naming the file, the signature and the key, and compiles
 * each {@link io.vigil.config.Signature}'s patterns once. It sits below the stages so that health
 * and diagnostics read one definition of each failure rather than each keeping its own regexes.
 */
package io.vigil.config;
