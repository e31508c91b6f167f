package io.vigil.detectors.logs;

/**
 * One template as it stands.
 *
 * @param id its id (the oldest of the templates merged into it)
 * @param template its tokens joined by spaces, {@code <*>} for each variable
 * @param count lines it holds
 */
public record LogTemplate(int id, String template, long count) {}
