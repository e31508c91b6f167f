package io.vigil.deployments;

import java.util.Locale;

/** The phases of a deployment, in order (seed 8.1: pre-deployment, deployment, post-deployment, monitoring). */
public enum Phase {
  /** The window before the deploy that every metric is compared against. */
  BASELINE,
  /** From the start of the rollout to its steady state (or its failure). */
  DEPLOYING,
  /** The window after steady state whose values decide the verdict. */
  VERIFYING,
  /** A longer watch after the verdict; a regression found here still fails the deployment. */
  MONITORING,
  /** Nothing more is watched. */
  DONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Phase fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
