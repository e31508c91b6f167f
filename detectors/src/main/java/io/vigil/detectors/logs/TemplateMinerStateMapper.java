package io.vigil.detectors.logs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Encodes a {@link TemplateMinerState} as a versioned binary record. */
public final class TemplateMinerStateMapper {

  private static final int VERSION = 1;

  private TemplateMinerStateMapper() {}

  public static byte[] toBytes(TemplateMinerState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(state.overflowLines());
      out.writeInt(state.groups().size());
      for (TemplateMinerState.Group g : state.groups()) {
        out.writeInt(g.parent());
        out.writeLong(g.count());
        writeStrings(out, g.tokens());
      }
      out.writeInt(state.signatures().size());
      for (TemplateMinerState.Signature s : state.signatures()) {
        writeString(out, s.line());
        out.writeInt(s.group());
      }
      out.writeInt(state.evidence().size());
      for (TemplateMinerState.Evidence e : state.evidence()) {
        out.writeLong(e.key());
        out.writeInt(e.groups().size());
        for (int id : e.groups()) {
          out.writeInt(id);
        }
        writeStrings(out, e.values());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static TemplateMinerState fromBytes(byte[] checkpoint) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("template miner checkpoint version " + version + " is not " + VERSION);
      }
      long overflowLines = in.readLong();
      int groupCount = count(in);
      List<TemplateMinerState.Group> groups = new ArrayList<>(groupCount);
      for (int i = 0; i < groupCount; i++) {
        int parent = in.readInt();
        if (parent < -1 || parent >= groupCount) {
          throw new IllegalArgumentException("template miner checkpoint: template " + i + " has parent " + parent);
        }
        groups.add(new TemplateMinerState.Group(parent, in.readLong(), readStrings(in)));
      }
      int signatureCount = count(in);
      List<TemplateMinerState.Signature> signatures = new ArrayList<>(signatureCount);
      for (int i = 0; i < signatureCount; i++) {
        signatures.add(new TemplateMinerState.Signature(readString(in), id(in, groupCount)));
      }
      int evidenceCount = count(in);
      List<TemplateMinerState.Evidence> evidence = new ArrayList<>(evidenceCount);
      for (int i = 0; i < evidenceCount; i++) {
        long key = in.readLong();
        int ids = count(in);
        List<Integer> members = new ArrayList<>(ids);
        for (int j = 0; j < ids; j++) {
          members.add(id(in, groupCount));
        }
        evidence.add(new TemplateMinerState.Evidence(key, members, readStrings(in)));
      }
      return new TemplateMinerState(groups, signatures, evidence, overflowLines);
    } catch (IOException e) {
      throw new IllegalArgumentException("template miner checkpoint is truncated or corrupt", e);
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IllegalArgumentException("template miner checkpoint is corrupt: count " + n);
    }
    return n;
  }

  private static int id(DataInputStream in, int groupCount) throws IOException {
    int id = in.readInt();
    if (id < 0 || id >= groupCount) {
      throw new IllegalArgumentException("template miner checkpoint is corrupt: template id " + id);
    }
    return id;
  }

  private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = count(in);
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(readString(in));
    }
    return strings;
  }

  /** Length-prefixed UTF-16 code units, so lines longer than writeUTF's 64 KiB limit still fit. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / 2) {
      throw new IllegalArgumentException("template miner checkpoint is corrupt: string length " + n);
    }
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = in.readChar();
    }
    return new String(chars);
  }
}
