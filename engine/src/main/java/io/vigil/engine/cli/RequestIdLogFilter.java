package io.vigil.engine.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.vigil.web.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the correlation id of the HTTP request being handled into the MDC (key {@value #KEY}) just
 * before each log event is made. A turbo filter runs on the logging thread before the event exists,
 * so every line a request causes carries its id, in the text and in the JSON format, while Vert.x
 * callbacks hop between requests on one event-loop thread (a thread-local MDC set once would leak
 * from one request into the next). Decides nothing: always neutral.
 */
public final class RequestIdLogFilter extends TurboFilter {

  static final String KEY = "requestId";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    String id = RequestIds.current();
    if (id == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, id);
    }
    return FilterReply.NEUTRAL;
  }
}
