package io.vigil.eval.nab;

import java.util.List;

/**
 * One NAB application profile: the weights of a true positive, a false positive and a missed window.
 *
 * @param name the profile's name as NAB's config/profiles.json spells it
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

  public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
  public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
  public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /** The three profiles NAB publishes scores for, in its usual order. */
  public static List<NabProfile> all() {
    return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
  }

  public NabProfile {
    if (!(tpWeight > 0 && fpWeight >= 0 && fnWeight >= 0)) {
      throw new IllegalArgumentException("profile " + name + ": weights must be tp > 0, fp >= 0, fn >= 0");
    }
  }
}
