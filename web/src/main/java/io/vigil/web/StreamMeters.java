package io.vigil.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The stream's meters: clients connected, and clients closed for not keeping up, by reason. */
final class StreamMeters {

  final AtomicInteger connected = new AtomicInteger();
  final Counter closedForEvents;
  final Counter closedForReplies;

  StreamMeters(MeterRegistry registry) {
    Gauge.builder("vigil.stream.clients", connected, AtomicInteger::get).description("Open /api/v1/stream connections").register(registry);
    closedForEvents = Counter.builder("vigil.stream.clients.closed").tag("reason", "slow-events")
        .description("Stream clients closed (1013) because their events could not be written").register(registry);
    closedForReplies = Counter.builder("vigil.stream.clients.closed").tag("reason", "unread-replies")
        .description("Stream clients closed (1008) because they sent while their replies went unread").register(registry);
  }
}
