package io.vigil.detectors.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes a {@link DefaultDetectorState} as a versioned binary record (arrays length-prefixed).
 * Version 2 added the last alarm's surprise; version 1 checkpoints still restore, with none.
 */
public final class DefaultDetectorStateMapper {

  private static final int VERSION = 2;
  private static final int FIRST_VERSION = 1;

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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static DefaultDetectorState fromBytes(byte[] checkpoint) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      int version = in.readUnsignedByte();
      if (version != VERSION && version != FIRST_VERSION) {
        throw new IllegalArgumentException("default detector checkpoint version " + version + " is not "
            + FIRST_VERSION + " or " + VERSION);
      }
      long count = in.readLong();
      int suppressionLeft = in.readInt();
      double lastAlarmDecades = version == FIRST_VERSION ? 0.0 : in.readDouble();
      return new DefaultDetectorState(count, suppressionLeft, lastAlarmDecades, readDoubles(in), readDoubles(in),
          readFloats(in), readFloats(in), readFloats(in), in.readInt(), readFloats(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("default detector checkpoint is truncated or corrupt", e);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeShort(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
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
