package io.vigil.detectors.rcf;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Checkpoints a forest through RCF's own state mapper and Java serialisation of its (Serializable)
 * state object, which needs neither protostuff nor a JSON library. Deserialisation only accepts
 * classes of the RCF packages and the JDK types they use.
 */
final class RcfCheckpoints {

  private static final long MAPPER_SEED = RcfDetectorType.SEED;

  private RcfCheckpoints() {}

  static byte[] toBytes(ThresholdedRandomCutForest forest) {
    ThresholdedRandomCutForestMapper mapper = new ThresholdedRandomCutForestMapper();
    ThresholdedRandomCutForestState state = mapper.toState(forest);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ThresholdedRandomCutForest fromBytes(byte[] checkpoint) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(checkpoint))) {
      in.setObjectInputFilter(info -> {
        Class<?> type = info.serialClass();
        if (type == null) {
          return java.io.ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
          type = type.getComponentType();
        }
        String name = type.getName();
        boolean allowed = type.isPrimitive() || name.startsWith("com.amazon.randomcutforest.")
            || name.startsWith("java.lang.") || name.startsWith("java.util.");
        return allowed ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED;
      });
      ThresholdedRandomCutForestState state = (ThresholdedRandomCutForestState) in.readObject();
      return new ThresholdedRandomCutForestMapper().toModel(state, MAPPER_SEED);
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException("rcf checkpoint is truncated or corrupt", e);
    }
  }
}
