package io.vigil.web;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation ids: every request gets one, taken from its {@code X-Request-Id} when that is a sane
 * token, made otherwise, and echoed in the response. The id is kept in the request's own Vert.x
 * context (each HTTP request runs on a duplicated context), so log lines written while the request
 * is handled, including in callbacks of the Kafka writes it starts, can carry it, and the writes
 * themselves carry it as a record header.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  private static final String LOCAL_KEY = "vigil.requestId";
  // Visible ASCII only, and short: a header value ends up in logs and in Kafka headers.
  private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private RequestIds() {}

  /** The first handler of the router. */
  static Handler<RoutingContext> handler() {
    return context -> {
      String given = context.request().getHeader(HEADER);
      String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
      context.put(LOCAL_KEY, id);
      context.response().putHeader(HEADER, id);
      Context current = Vertx.currentContext();
      if (current instanceof ContextInternal internal && internal.isDuplicate()) {
        internal.localContextData().put(LOCAL_KEY, id);
      }
      context.next();
    };
  }

  /**
   * Binds {@code id} to the context the caller runs on, when that is a duplicated context (a request,
   * an event-bus message), so that log lines written from there carry it; ids that arrive with an
   * event-bus message from the HTTP layer are bound this way. Blank or malformed ids are ignored.
   */
  public static void bind(String id) {
    Context current = Vertx.currentContext();
    if (id != null && ACCEPTED.matcher(id).matches() && current instanceof ContextInternal internal && internal.isDuplicate()) {
      internal.localContextData().put(LOCAL_KEY, id);
    }
  }

  /** The id of the request being handled. */
  public static String of(RoutingContext context) {
    String id = context.get(LOCAL_KEY);
    return id == null ? "" : id;
  }

  /** The id of the request whose context the calling thread runs on, or null outside any request. */
  public static String current() {
    Context current = Vertx.currentContext();
    if (current instanceof ContextInternal internal && internal.isDuplicate()) {
      Object id = internal.localContextData().get(LOCAL_KEY);
      return id instanceof String text ? text : null;
    }
    return null;
  }
}
