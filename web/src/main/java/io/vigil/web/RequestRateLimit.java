package io.vigil.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.ConnectionLimits;
import io.vigil.ingest.push.FieldError;
import io.vigil.model.RateLimiter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Holds each remote address to {@code http.requestsPerSecond} API requests a second on average,
 * {@code http.requestBurst} at once: a request beyond it gets 429 with {@code Retry-After} and is
 * not handled, so one client's loop cannot take the API from the others. Counted in
 * {@code vigil_http_requests_limited_total}.
 */
final class RequestRateLimit implements Handler<RoutingContext> {

  private final RateLimiter limiter;
  private final ConnectionLimits limits;
  private final Counter limited;

  RequestRateLimit(ConnectionLimits limits, Clock clock, MeterRegistry registry) {
    this.limits = limits;
    this.limiter = new RateLimiter(clock, limits.requestsPerSecond(), limits.requestBurst());
    this.limited = Counter.builder("vigil.http.requests.limited").description("API requests refused by http.requestsPerSecond").register(registry);
  }

  @Override
  public void handle(RoutingContext context) {
    long waitMillis = limiter.acquire(ConnectionGuard.addressOf(context.request().remoteAddress()));
    if (waitMillis == 0) {
      context.next();
      return;
    }
    limited.increment();
    context.response().putHeader("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
    ErrorResponses.send(context, 429, "too many requests from this address: nothing was done; retry after Retry-After seconds",
        List.of(new FieldError("http.requestsPerSecond", String.format(Locale.ROOT, "at most %s a second, %d at once, per address",
            trim(limits.requestsPerSecond()), limits.requestBurst()))));
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
