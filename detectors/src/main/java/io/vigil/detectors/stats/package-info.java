/**
 * Streaming statistics shared by detectors. Functions here operate on arrays the caller owns, so a
 * detector's whole state stays in a few primitive arrays that a mapper can write out verbatim.
 * Stateless and thread-safe; the arrays they touch belong to one detector and one thread.
 */
package io.vigil.detectors.stats;
