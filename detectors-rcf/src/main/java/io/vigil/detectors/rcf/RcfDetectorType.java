package io.vigil.detectors.rcf;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detectors.Detector;
import io.vigil.detectors.DetectorType;

/** The detector type {@code rcf}: Amazon's ThresholdedRandomCutForest, 50 trees, sample 256, shingle 8, fixed seed. */
public final class RcfDetectorType implements DetectorType {

  static final int TREES = 50;
  static final int SAMPLE_SIZE = 256;
  static final int SHINGLE_SIZE = 8;
  static final long SEED = 42L;

  @Override
  public String name() {
    return "rcf";
  }

  @Override
  public Detector create() {
    ThresholdedRandomCutForest forest = ThresholdedRandomCutForest.builder()
        .dimensions(SHINGLE_SIZE)
        .shingleSize(SHINGLE_SIZE)
        .internalShinglingEnabled(true)
        .numberOfTrees(TREES)
        .sampleSize(SAMPLE_SIZE)
        .transformMethod(TransformMethod.NORMALIZE)
        .parallelExecutionEnabled(false)
        .randomSeed(SEED)
        .build();
    return new RcfDetector(forest);
  }

  @Override
  public Detector restore(byte[] checkpoint) {
    return new RcfDetector(RcfCheckpoints.fromBytes(checkpoint));
  }
}
