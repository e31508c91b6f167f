package io.vigil.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vigil.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record values of the stages' producers: CBOR (Jackson's binary JSON, RFC 8949) on the topics
 * every point crosses, {@code vigil.points} and {@code vigil.scores}, JSON text everywhere else.
 * The same object model either way ({@link io.vigil.model.Wire}'s forms); CBOR only spares the
 * readers parsing and the writers printing numbers and text, which on those two topics is most of
 * what the pipeline does per point. Each CBOR value starts with the self-describe tag, so readers
 * ({@link RecordValueDeserializer}) tell it from JSON by its first byte.
 */
public final class RecordValueSerializer implements Serializer<JsonObject> {

  /** The topics whose values are written as CBOR. */
  public static final Set<String> CBOR_TOPICS = Set.of(Topics.POINTS, Topics.SCORES);

  /** The first byte of the self-describe tag (55799, {@code d9 d9 f7}); JSON text never starts with it. */
  static final byte CBOR_TAG_BYTE = (byte) 0xd9;

  static final CBORFactory CBOR = CBORFactory.builder().enable(CBORGenerator.Feature.WRITE_TYPE_HEADER).build();

  private final boolean cbor;

  /** A serializer writing CBOR on {@link #CBOR_TOPICS} if {@code cbor}, JSON text everywhere otherwise. */
  public RecordValueSerializer(boolean cbor) {
    this.cbor = cbor;
  }

  @Override
  public byte[] serialize(String topic, JsonObject data) {
    if (data == null) {
      return null;
    }
    return cbor && CBOR_TOPICS.contains(topic) ? toCbor(data) : data.toBuffer().getBytes();
  }

  /** {@code value} as CBOR, starting with the self-describe tag. */
  static byte[] toCbor(JsonObject value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = CBOR.createGenerator(out)) {
      JacksonCodec.encodeJson(value, generator);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write CBOR to memory", e);
    }
    return out.toByteArray();
  }

  /** Whether {@code data} is a CBOR value as this serializer writes them. */
  static boolean isCbor(byte[] data) {
    return data.length > 0 && data[0] == CBOR_TAG_BYTE;
  }
}
