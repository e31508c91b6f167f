/** The default detector. Instances are not thread-safe; the type object is stateless. */
package io.vigil.detectors.ensemble;
