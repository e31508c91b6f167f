package io.vigil.detectors.baseline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes a {@link RobustBaselineState} as a versioned fixed-layout binary record. */
public final class RobustBaselineStateMapper {

  private static final int VERSION = 1;

  private RobustBaselineStateMapper() {}

  public static byte[] toBytes(RobustBaselineState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(state.count());
      out.writeDouble(state.level());
      out.writeDouble(state.meanAbsDeviation());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RobustBaselineState fromBytes(byte[] checkpoint) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("robust baseline checkpoint version " + version + " is not " + VERSION);
      }
      return new RobustBaselineState(in.readLong(), in.readDouble(), in.readDouble());
    } catch (IOException e) {
      throw new IllegalArgumentException("robust baseline checkpoint is truncated or corrupt", e);
    }
  }
}
