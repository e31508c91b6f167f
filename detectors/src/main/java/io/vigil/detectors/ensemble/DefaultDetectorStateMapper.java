package io.vigil.detectors.ensemble;

import io.vigil.detectors.stats.TailCalibration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Encodes a {@link DefaultDetectorState} as a versioned binary record (arrays length-prefixed).
 * Version 2 added the last alarm's surprise; version 3 the spread and record views; version 4 the
 * cusum view; version 5 the weekday offsets. Older checkpoints still restore: with no last alarm, a
 * fast spread equal to the slow one, a record range of the level plus or minus three spreads,
 * cumulative sums of zero, no weekday seen yet and empty calibrations for the views they did not
 * have.
 */
public final class DefaultDetectorStateMapper {

  private static final int VERSION = 5;
  private static final int FIRST_VERSION = 1;
  private static final int SECOND_VERSION = 2;
  private static final int THIRD_VERSION = 3;
  /** Moments and calibrated views before version 3. */
  private static final int FIRST_MOMENTS = 6;
  private static final int FIRST_COMPONENTS = 6;
  /** Moments and calibrated views of version 3. */
  private static final int THIRD_MOMENTS = 9;
  private static final int THIRD_COMPONENTS = 8;
  private static final int FOURTH_VERSION = 4;
  /** Moments of version 4: no time of the previous point. */
  private static final int FOURTH_MOMENTS = 11;

  private DefaultDetectorStateMapper() {}

  public static byte[] toBytes(DefaultDetectorState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1536);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(state.count());
      out.writeInt(state.suppressionLeft());
      out.writeDouble(state.lastAlarmDecades());
      writeDoubles(out, state.moments());
      writeDoubles(out, state.seasonalLevel());
      writeFloats(out, state.seasonalSpread());
      writeFloats(out, state.seasonalCount());
      writeFloats(out, state.transitions());
      out.writeInt(state.previousLevelBin());
      writeFloats(out, state.calibration());
      writeFloats(out, state.weekly());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static DefaultDetectorState fromBytes(byte[] checkpoint) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      int version = in.readUnsignedByte();
      if (version < FIRST_VERSION || version > VERSION) {
        throw new IllegalArgumentException("default detector checkpoint version " + version + " is not one of "
            + FIRST_VERSION + ".." + VERSION);
      }
      long count = in.readLong();
      int suppressionLeft = in.readInt();
      double lastAlarmDecades = version == FIRST_VERSION ? 0.0 : in.readDouble();
      DefaultDetectorState state = new DefaultDetectorState(count, suppressionLeft, lastAlarmDecades, readDoubles(in),
          readDoubles(in), readFloats(in), readFloats(in), readFloats(in), in.readInt(), readFloats(in),
          version == VERSION ? readFloats(in) : new float[DefaultDetector.WEEKLY]);
      if (version <= SECOND_VERSION) {
        return upgrade(state, version, FIRST_MOMENTS, FIRST_COMPONENTS);
      }
      if (version == THIRD_VERSION) {
        return upgrade(state, version, THIRD_MOMENTS, THIRD_COMPONENTS);
      }
      return version == FOURTH_VERSION ? upgrade(state, version, FOURTH_MOMENTS, DefaultDetector.COMPONENTS.length) : state;
    } catch (IOException e) {
      throw new IllegalArgumentException("default detector checkpoint is truncated or corrupt", e);
    }
  }

  private static DefaultDetectorState upgrade(DefaultDetectorState old, int version, int oldMoments, int oldComponents) {
    if (old.moments().length != oldMoments || old.calibration().length != oldComponents * TailCalibration.SLICE) {
      throw new IllegalArgumentException("default detector checkpoint of version " + version + " must have "
          + oldMoments + " moments and " + oldComponents + " calibrations");
    }
    // Moments added later start at zero: the cusum view's cumulative sums, the previous point's time
    // (so the first point after the upgrade stands for the longest gap counted, an hour).
    double[] moments = Arrays.copyOf(old.moments(), DefaultDetector.MOMENTS);
    if (version < THIRD_VERSION) {
      double level = moments[DefaultDetector.M_LEVEL];
      double spread = moments[DefaultDetector.M_SPREAD];
      moments[DefaultDetector.M_FAST_SPREAD] = spread;
      moments[DefaultDetector.M_RECORD_HIGH] = level + 3.0 * spread;
      moments[DefaultDetector.M_RECORD_LOW] = level - 3.0 * spread;
    }
    float[] calibration = Arrays.copyOf(old.calibration(), DefaultDetector.COMPONENTS.length * TailCalibration.SLICE);
    for (int c = oldComponents; c < DefaultDetector.COMPONENTS.length; c++) {
      TailCalibration.reset(calibration, c * TailCalibration.SLICE);
    }
    return new DefaultDetectorState(old.count(), old.suppressionLeft(), old.lastAlarmDecades(), moments,
        old.seasonalLevel(), old.seasonalSpread(), old.seasonalCount(), old.transitions(), old.previousLevelBin(),
        calibration, new float[DefaultDetector.WEEKLY]);
  }

  static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeShort(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeShort(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] values = new double[in.readUnsignedShort()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] values = new float[in.readUnsignedShort()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
