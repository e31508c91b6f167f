/**
 * The command line, built with picocli: {@code vigil start}, {@code replay}, {@code nab},
 * {@code bench} and {@code wait-for}. Commands are thin; each delegates to the module that owns the work.
 */
package io.vigil.engine.cli;
