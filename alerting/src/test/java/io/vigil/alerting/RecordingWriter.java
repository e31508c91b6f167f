package io.vigil.alerting;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link RecordWriter} that keeps what was written, in order; a topic's writes can be held back or failed. */
final class RecordingWriter implements RecordWriter {

  record Sent(String topic, String key, JsonObject value) {}

  final List<Sent> sent = new ArrayList<>();
  /** Sends and flushes in the order they happened, with whatever else the test logs here. */
  final List<String> events = new ArrayList<>();
  private final Set<String> failing = new HashSet<>();
  private final Map<String, List<Promise<Void>>> held = new HashMap<>();

  @Override
  public Future<Void> send(String topic, String key, JsonObject value) {
    sent.add(new Sent(topic, key, value));
    events.add("send " + topic);
    if (failing.contains(topic)) {
      return Future.failedFuture("broker unavailable");
    }
    if (held.containsKey(topic)) {
      Promise<Void> acknowledged = Promise.promise();
      held.get(topic).add(acknowledged);
      return acknowledged.future();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> flush() {
    events.add("flush");
    return Future.succeededFuture();
  }

  /** Writes to this topic wait for {@link #release}. */
  void hold(String topic) {
    held.put(topic, new ArrayList<>());
  }

  void release(String topic) {
    held.remove(topic).forEach(Promise::complete);
  }

  void fail(String topic) {
    failing.add(topic);
  }

  List<Sent> to(String topic) {
    return sent.stream().filter(record -> record.topic().equals(topic)).toList();
  }
}
