package io.vigil.detectors.logs;

/**
 * What {@link TemplateMiner#add} made of one line.
 *
 * @param templateId the template the line belongs to now (-1 when the miner is full and none matched);
 *     templates merge as they generalise, so {@link TemplateMiner#resolve} maps an old id to its current one
 * @param created whether this line started a new template
 */
public record TemplateMatch(int templateId, boolean created) {

  /** The answer for a line that matched nothing once the miner was full. */
  public static final TemplateMatch OVERFLOW = new TemplateMatch(-1, false);

  public boolean overflow() {
    return templateId < 0;
  }
}
