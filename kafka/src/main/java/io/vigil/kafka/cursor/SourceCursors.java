package io.vigil.kafka.cursor;

import io.vertx.core.json.JsonObject;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the committed cursors of one source from the compacted {@link Topics#SOURCE_CURSORS} topic.
 * Blocking: call it from a worker (executeBlocking), once, before the source starts polling.
 */
public final class SourceCursors {

  private SourceCursors() {}

  /** The key of a cursor: {@code <source>/<item>}. */
  public static String key(String source, String item) {
    return source + "/" + item;
  }

  /**
   * Every cursor of {@code source} keyed by item (the part after {@code <source>/}); a tombstone
   * removes an item. Reads with isolation.level=read_committed, so cursors of aborted transactions
   * (a crash between sending and committing) are never seen.
   */
  public static Map<String, JsonObject> load(KafkaEndpoint kafka, String source) {
    String prefix = source + "/";
    Map<String, JsonObject> cursors = new HashMap<>();
    kafka.reader().read(Topics.SOURCE_CURSORS, (key, value) -> {
      if (key == null || !key.startsWith(prefix)) {
        return;
      }
      String item = key.substring(prefix.length());
      if (value == null) {
        cursors.remove(item);
      } else {
        cursors.put(item, value);
      }
    });
    return cursors;
  }

}
