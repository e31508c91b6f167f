package io.vigil.engine.alerting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses receiver URLs whose host is, or resolves to, a loopback, link-local (169.254.169.254
 * among them), private, carrier-grade NAT, unique-local, unspecified or multicast address, unless
 * private receivers are allowed. Resolution runs on a worker thread. A host that resolves
 * differently later (DNS rebinding) is checked again before every delivery.
 */
public final class ReceiverUrlGuard {

  private final Vertx vertx;
  private final boolean allowPrivate;

  public ReceiverUrlGuard(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** Completes with null if {@code url} may be called, else with the reason it may not. */
  public Future<String> problemWith(String url) {
    String syntax = SubscriptionParser.urlProblem(url);
    if (syntax != null) {
      return Future.succeededFuture(syntax);
    }
    if (allowPrivate) {
      return Future.succeededFuture(null);
    }
    String host = URI.create(url).getHost();
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(bare);
      } catch (UnknownHostException e) {
        return "host " + host + " does not resolve";
      }
      for (InetAddress address : addresses) {
        if (forbidden(address)) {
          return "host " + host + " is a loopback, link-local, private or multicast address (" + address.getHostAddress()
              + "); set alerting.allowPrivateReceivers=true to allow it";
        }
      }
      return null;
    }, false);
  }

  static boolean forbidden(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
    }
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }
}
