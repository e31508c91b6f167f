package io.vigil.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  private static FieldError error(String body) {
    StrictJson.Decoded decoded = StrictJson.object(Buffer.buffer(body));
    assertThat(decoded.valid()).as(body).isFalse();
    return decoded.error();
  }

  @Test
  void duplicateKeysAreRefusedNamingTheirPath() {
    assertThat(error("{\"points\":[{\"bad\":1}],\"points\":[]}").field()).isEqualTo("points");
    assertThat(error("{\"points\":[{\"value\":\"bad\",\"value\":2}]}").field()).isEqualTo("points[0].value");
    assertThat(error("{\"a\":{\"b\":[1,{\"c\":1,\"c\":2}]}}").field()).isEqualTo("a.b[1].c");
    assertThat(error("{\"points\":[{\"value\":\"bad\",\"value\":2}]}").message()).contains("duplicate key");
  }

  @Test
  void otherBadBodiesAreErrorsOnTheBody() {
    assertThat(error("{\"points\": [").field()).isEqualTo("body");
    assertThat(error("[1,2]").field()).isEqualTo("body");
    assertThat(error("").field()).isEqualTo("body");
    assertThat(error("{} trailing").field()).isEqualTo("body");
  }

  @Test
  void aValidObjectDecodesAsVertxWould() {
    StrictJson.Decoded decoded = StrictJson.object(Buffer.buffer("{\"points\":[{\"value\":2}],\"big\":18446744073709551617}"));
    assertThat(decoded.valid()).isTrue();
    assertThat(decoded.object().getJsonArray("points").getJsonObject(0).getInteger("value")).isEqualTo(2);
    assertThat(decoded.object().getValue("big")).isInstanceOf(java.math.BigInteger.class);
  }
}
