package io.vigil.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vigil.config.HttpConfig;
import io.vigil.ingest.push.FieldError;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps web pages the user visits from using Vigil: mounted first, so every route, an extension's
 * too, is behind it.
 *
 * <ul>
 *   <li>On a loopback host, a request whose Host header is not a loopback name, {@code http.host} or
 *       one of {@code http.allowedHosts} is refused (403): that is what a DNS-rebinding page sends.
 *   <li>A write (POST, PUT, PATCH, DELETE under {@code /api/}) needs {@code Content-Type:
 *       application/json} (else 415), which a cross-site form or "simple" fetch cannot send without a
 *       CORS preflight that Vigil never grants; a write without a body (an ack, a delete) may leave it out.
 *   <li>A write or WebSocket handshake with an Origin other than Vigil's own (the scheme, Host and
 *       port the request was addressed to, its host an allowed one) or one of
 *       {@code http.allowedOrigins} is refused (403): browsers send Origin on every such request.
 * </ul>
 */
public final class BrowserSafetyHandler implements Handler<RoutingContext> {

  private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
  /** Writes whose body is optional: acknowledging an alert. */
  private static final Pattern BODYLESS_POST = Pattern.compile("/api/v1/alerts/[^/]+/ack");

  private final boolean loopbackBind;
  private final Set<String> allowedHosts = new HashSet<>();
  private final Set<String> allowedOrigins;

  BrowserSafetyHandler(HttpConfig config) {
    this.loopbackBind = isLoopback(config.host());
    LOOPBACK_NAMES.forEach(allowedHosts::add);
    allowedHosts.add(bare(config.host()));
    config.allowedHosts().forEach(host -> allowedHosts.add(bare(host)));
    this.allowedOrigins = Set.copyOf(config.allowedOrigins());
  }

  /** Whether {@code host} names a loopback address; resolves it, so call it at start-up only. */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    HostAndPort authority = request.authority();
    if (loopbackBind && (authority == null || !allowedHosts.contains(bare(authority.host())))) {
      ErrorResponses.send(context, 403, "this server answers only to its loopback names and http.allowedHosts",
          List.of(new FieldError("Host", "must be localhost, 127.0.0.1, [::1], http.host or one of http.allowedHosts, was "
              + (authority == null ? "nothing" : authority.host()))));
      return;
    }
    boolean write = WRITES.contains(request.method()) && request.path().startsWith("/api/");
    boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if ((write || webSocket) && origin != null && !ownOrigin(origin, request, authority) && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
      ErrorResponses.send(context, 403, "cross-origin writes are refused",
          List.of(new FieldError("Origin", "must be this server's own origin or one of http.allowedOrigins, was " + origin)));
      return;
    }
    if (write && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE)) && !(mayBeBodyless(request) && hasNoBody(request))) {
      ErrorResponses.send(context, 415, "writes must be JSON",
          List.of(new FieldError("Content-Type", "must be application/json, was " + request.getHeader(HttpHeaders.CONTENT_TYPE))));
      return;
    }
    context.next();
  }

  /** The Origin names the scheme, host and port the request was addressed to, and that host is an allowed one. */
  private boolean ownOrigin(String origin, HttpServerRequest request, HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return false; // includes "null", sent by sandboxed frames and file: pages
    }
    if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().equalsIgnoreCase(request.scheme())) {
      return false;
    }
    String host = bare(uri.getHost());
    return host.equals(bare(authority.host())) && allowedHosts.contains(host)
        && portOf(uri.getPort(), uri.getScheme()) == portOf(authority.port(), request.scheme());
  }

  private static boolean mayBeBodyless(HttpServerRequest request) {
    return request.method() == HttpMethod.DELETE || (request.method() == HttpMethod.POST && BODYLESS_POST.matcher(request.path()).matches());
  }

  private static boolean hasNoBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null && (length == null || length.trim().equals("0"));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return mediaType.equalsIgnoreCase("application/json");
  }

  private static int portOf(int port, String scheme) {
    return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** Lower case, IPv6 brackets off, so [::1], ::1 and [::1] compare equal. */
  private static String bare(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
  }
}
