package io.vigil.web;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vigil.model.Addresses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fan-out of live events to stream clients: one event-bus consumer per kind of event for the
 * whole server, not one per connection, and each event encoded once, then written to the clients
 * subscribed to it, found by its subscription item ({@code "health"}, {@code "points:<seriesId>"}).
 * Each server instance has a hub of its own, and every hub records its clients' point subscriptions
 * in the process's {@link StreamInterest}, so the read side publishes only watched series' points.
 * Subscriptions change on the connections' event loops while events arrive on the hub's, so the
 * index is concurrent.
 */
final class StreamHub {

  private final Map<String, Set<StreamClient>> clientsByItem = new ConcurrentHashMap<>();
  private final StreamInterest interest;

  /** Registers the consumers on the caller's context; they go when its verticle is undeployed. */
  StreamHub(Vertx vertx, StreamInterest interest) {
    this.interest = interest;
    List.of(
        route(vertx, Addresses.STREAM_ANOMALIES, "anomaly", data -> StreamSubscriptions.ANOMALIES),
        route(vertx, Addresses.STREAM_ALERTS, "alert", data -> StreamSubscriptions.ALERTS),
        route(vertx, Addresses.STREAM_HEALTH, "health", data -> StreamSubscriptions.HEALTH),
        route(vertx, Addresses.STREAM_INSIGHTS, "insight", data -> StreamSubscriptions.INSIGHTS),
        route(vertx, Addresses.STREAM_RECOMMENDATIONS, "recommendation", data -> StreamSubscriptions.RECOMMENDATIONS),
        route(vertx, Addresses.STREAM_DEPLOYMENTS, "deployment", data -> StreamSubscriptions.DEPLOYMENTS),
        route(vertx, Addresses.STREAM_POINTS, "point", data -> StreamSubscriptions.POINTS_PREFIX + data.getString("seriesId")));
  }

  void subscribe(String item, StreamClient client) {
    if (clientsByItem.computeIfAbsent(item, key -> ConcurrentHashMap.newKeySet()).add(client)) {
      interest.subscribed(item);
    }
  }

  void unsubscribe(String item, StreamClient client) {
    clientsByItem.computeIfPresent(item, (key, clients) -> {
      if (clients.remove(client)) {
        interest.unsubscribed(item);
      }
      return clients.isEmpty() ? null : clients;
    });
  }

  /** Clients subscribed to {@code item} (for tests and metrics). */
  int clients(String item) {
    Set<StreamClient> clients = clientsByItem.get(item);
    return clients == null ? 0 : clients.size();
  }

  private MessageConsumer<JsonObject> route(Vertx vertx, String address, String type, Function<JsonObject, String> itemOf) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      Set<StreamClient> clients = clientsByItem.get(itemOf.apply(message.body()));
      if (clients == null || clients.isEmpty()) {
        return;
      }
      String text = new JsonObject().put("type", type).put("data", message.body()).encode();
      clients.forEach(client -> client.event(text));
    });
  }
}
