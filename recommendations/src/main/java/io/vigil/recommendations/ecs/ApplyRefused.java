package io.vigil.recommendations.ecs;

/** An apply or rollback that must not go ahead (409), with the reason and the field it concerns. */
public final class ApplyRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public ApplyRefused(String field, String reason) {
    super(reason, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
