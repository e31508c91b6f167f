package io.vigil.deployments;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The phase state machine of one deployment: baseline, deploying, verifying, monitoring, done, each
 * with its state and its start and end. Times are the deployment's own (event times), so a history
 * replayed in a second goes through the same phases as the live one did. Moves only forward: an
 * event that would move it back (a late steady-state report after the verdict) changes nothing.
 * Not thread-safe; owned by one stage partition.
 */
public final class DeploymentPhases {

  /** Where a phase is. */
  public enum State {
    PENDING, ACTIVE, DONE, FAILED, SKIPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** One phase's state and times; {@code -1} for a time not reached. */
  public record Step(State state, long startedAtMillis, long endedAtMillis) {}

  private final Map<Phase, Step> steps = new EnumMap<>(Phase.class);
  private Phase current;

  private DeploymentPhases(Phase current, Map<Phase, Step> steps) {
    this.current = current;
    this.steps.putAll(steps);
  }

  /** A deployment that started at {@code startedAtMillis}: its baseline is the {@code baselineMillis} before, and it is deploying. */
  public static DeploymentPhases started(long startedAtMillis, long baselineMillis) {
    Map<Phase, Step> steps = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      steps.put(phase, new Step(State.PENDING, -1, -1));
    }
    steps.put(Phase.BASELINE, new Step(State.DONE, startedAtMillis - baselineMillis, startedAtMillis));
    steps.put(Phase.DEPLOYING, new Step(State.ACTIVE, startedAtMillis, -1));
    return new DeploymentPhases(Phase.DEPLOYING, steps);
  }

  /** Restores a machine from its phases (a checkpoint). */
  public static DeploymentPhases of(Phase current, Map<Phase, Step> steps) {
    return new DeploymentPhases(current, steps);
  }

  public Phase current() {
    return current;
  }

  public Step step(Phase phase) {
    return steps.get(phase);
  }

  public Map<Phase, Step> steps() {
    return Map.copyOf(steps);
  }

  /** The start of the deploy; the baseline ends here. */
  public long startedAtMillis() {
    return steps.get(Phase.DEPLOYING).startedAtMillis();
  }

  /** The rollout reached steady state at {@code atMillis}: verification begins. False if it is past deploying already. */
  public boolean steady(long atMillis) {
    if (current != Phase.DEPLOYING) {
      return false;
    }
    long at = Math.max(atMillis, startedAtMillis());
    steps.put(Phase.DEPLOYING, new Step(State.DONE, startedAtMillis(), at));
    steps.put(Phase.VERIFYING, new Step(State.ACTIVE, at, -1));
    current = Phase.VERIFYING;
    return true;
  }

  /** The rollout failed at {@code atMillis}: nothing to verify, the deployment is done. */
  public boolean failed(long atMillis) {
    if (current != Phase.DEPLOYING && current != Phase.VERIFYING) {
      return false;
    }
    long at = Math.max(atMillis, startedAtMillis());
    steps.put(current, new Step(State.FAILED, steps.get(current).startedAtMillis(), at));
    for (Phase later : Phase.values()) {
      if (later.ordinal() > current.ordinal() && later != Phase.DONE) {
        steps.put(later, new Step(State.SKIPPED, -1, -1));
      }
    }
    steps.put(Phase.DONE, new Step(State.DONE, at, at));
    current = Phase.DONE;
    return true;
  }

  /** Verification ended with a verdict at {@code atMillis}: monitoring begins. */
  public boolean verified(long atMillis) {
    if (current != Phase.VERIFYING) {
      return false;
    }
    steps.put(Phase.VERIFYING, new Step(State.DONE, steps.get(Phase.VERIFYING).startedAtMillis(), atMillis));
    steps.put(Phase.MONITORING, new Step(State.ACTIVE, atMillis, -1));
    current = Phase.MONITORING;
    return true;
  }

  /** Monitoring ended at {@code atMillis}: the deployment is done. */
  public boolean monitored(long atMillis) {
    if (current != Phase.MONITORING) {
      return false;
    }
    steps.put(Phase.MONITORING, new Step(State.DONE, steps.get(Phase.MONITORING).startedAtMillis(), atMillis));
    steps.put(Phase.DONE, new Step(State.DONE, atMillis, atMillis));
    current = Phase.DONE;
    return true;
  }

  /** A newer deployment of the service replaced this one at {@code atMillis}: what was still to come is skipped. */
  public boolean superseded(long atMillis) {
    if (current == Phase.DONE) {
      return false;
    }
    Step step = steps.get(current);
    steps.put(current, new Step(State.DONE, step.startedAtMillis(), Math.max(atMillis, step.startedAtMillis())));
    for (Phase later : Phase.values()) {
      if (later.ordinal() > current.ordinal() && later != Phase.DONE) {
        steps.put(later, new Step(State.SKIPPED, -1, -1));
      }
    }
    steps.put(Phase.DONE, new Step(State.DONE, atMillis, atMillis));
    current = Phase.DONE;
    return true;
  }
}
