package io.vigil.ingest.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Decodes request bodies, refusing duplicate keys. Vert.x's own decoder keeps the last of two equal
 * keys, so {@code {"value":"bad","value":2}} would pass validation with a value nobody reads twice;
 * here it is an error naming the key's path ({@code points[0].value}). Thread-safe.
 */
public final class StrictJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** A decoded body, or the error that names what is wrong with it. */
  public record Decoded(JsonObject object, FieldError error) {

    public boolean valid() {
      return error == null;
    }
  }

  private StrictJson() {}

  /** The body as a JSON object; an empty or absent body, a non-object or malformed JSON is an error on {@code body}. */
  public static Decoded object(Buffer body) {
    if (body == null || body.length() == 0) {
      return new Decoded(null, new FieldError("body", "must be a JSON object"));
    }
    JsonParser parser;
    try {
      parser = FACTORY.createParser(body.getBytes());
    } catch (IOException e) {
      return new Decoded(null, new FieldError("body", e.getMessage()));
    }
    Object value;
    try {
      value = JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
        return new Decoded(null, new FieldError(path(parser.getParsingContext()), "duplicate key: each key may appear once in an object"));
      }
      return new Decoded(null, new FieldError("body", e.getMessage()));
    }
    if (!(value instanceof JsonObject)) {
      return new Decoded(null, new FieldError("body", "must be a JSON object"));
    }
    return new Decoded((JsonObject) value, null);
  }

  /** The path of the parser's place, as the parsers name fields: {@code points[0].value}. */
  private static String path(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = path(context.getParent());
    if (context.inArray()) {
      return parent + "[" + context.getCurrentIndex() + "]";
    }
    return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
  }
}
