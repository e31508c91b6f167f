/**
 * Vigil's configuration: defaults in YAML, layered overrides, and one immutable record per section.
 *
 * <p>{@link io.vigil.config.ConfigLoader} merges the layers with vertx-config;
 * {@link io.vigil.config.VigilConfig#from} then reads every section through a
 * {@link io.vigil.config.ConfigSection}, which checks types and ranges and refuses keys no section
 * reads, so a typo stops start-up with the key's name instead of being ignored. The records are
 * immutable and safe to share between verticles.
 */
package io.vigil.config;
