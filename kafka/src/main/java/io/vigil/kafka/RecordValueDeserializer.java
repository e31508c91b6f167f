package io.vigil.kafka;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record values as JSON objects, from either form {@link RecordValueSerializer} writes: CBOR (told
 * by its self-describe tag, the first byte {@code 0xd9}, which no JSON text starts with) or JSON
 * text, as every older record is. Bytes that are neither read as no value (null) with a warning
 * naming the topic, instead of an exception: Kafka's consumer does not move past a record its
 * deserializer throws on, so one bad record would stop a stage for good, while the stages skip a
 * null value like any other unreadable record.
 */
public final class RecordValueDeserializer implements Deserializer<JsonObject> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordValueDeserializer.class);

  @Override
  public JsonObject deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return RecordValueSerializer.isCbor(data) ? fromCbor(data) : new JsonObject(Buffer.buffer(data));
    } catch (RuntimeException e) {
      LOG.warn("a record of {} is neither a CBOR nor a JSON object ({} bytes) and is read as no value: {}", topic, data.length, e.getMessage());
      return null;
    }
  }

  /** The object {@code data} holds; a CBOR value that is not an object is refused. */
  static JsonObject fromCbor(byte[] data) {
    JsonParser parser;
    try {
      parser = RecordValueSerializer.CBOR.createParser(data);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable CBOR: " + e.getMessage(), e);
    }
    if (JacksonCodec.fromParser(parser, Object.class) instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException("the CBOR value is not an object");
  }
}
