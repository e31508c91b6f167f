package io.vigil.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vigil.alerting.ReceiverUrlGuard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * One POST of a JSON body to a receiver URL, as every HTTP receiver sends it: the host checked by
 * the {@link ReceiverUrlGuard} (SSRF) and connected to at the address it checked, a timeout, no
 * redirects followed, the delivery id in {@code X-Vigil-Delivery}, and the answer classified by
 * {@link DeliveryResult#ofHttpStatus}. Failure reasons never carry the URL's path or query, where
 * incoming-webhook URLs keep their tokens.
 */
final class GuardedPost {

  static final String DELIVERY_HEADER = "X-Vigil-Delivery";

  private final WebClient client;
  private final ReceiverUrlGuard guard;
  private final long timeoutMillis;

  GuardedPost(WebClient client, ReceiverUrlGuard guard, long timeoutMillis) {
    this.client = client;
    this.guard = guard;
    this.timeoutMillis = timeoutMillis;
  }

  Future<DeliveryResult> send(String url, String body, String deliveryId, Map<String, String> headers) {
    return guard.check(url).compose(target -> {
      if (target.unresolved()) {
        // DNS failures are often brief: retried like a refused connection, until the maximum age.
        return Future.succeededFuture(DeliveryResult.retry(target.problem()));
      }
      if (target.problem() != null) {
        return Future.succeededFuture(DeliveryResult.permanent("receiver URL refused: " + target.problem()));
      }
      // Connect to the address the guard checked; the URL still names the host for the Host header
      // and TLS (server name and certificate check).
      URI uri = URI.create(url);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      SocketAddress server = SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port));
      HttpRequest<Buffer> request = client.request(HttpMethod.POST, server, new RequestOptions().setAbsoluteURI(url))
          .followRedirects(false)
          .timeout(timeoutMillis)
          .putHeader("Content-Type", "application/json")
          .putHeader("User-Agent", "Vigil-Alerting/1")
          .putHeader(DELIVERY_HEADER, deliveryId);
      headers.forEach(request::putHeader);
      return request.sendBuffer(Buffer.buffer(body))
          .map(response -> DeliveryResult.ofHttpStatus(response.statusCode()))
          .otherwise(failure -> DeliveryResult.retry(HttpReceiver.scrub(failure.getClass().getSimpleName() + ": " + failure.getMessage(), url)));
    });
  }
}
