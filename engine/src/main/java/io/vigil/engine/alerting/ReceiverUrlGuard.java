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
 * private receivers are allowed. Resolution runs on a worker thread. Before every delivery the host
 * is resolved and checked again, and the delivery connects to the very address that was checked
 * ({@link Target#address()}), so a DNS answer that changes in between (rebinding) cannot send it
 * elsewhere.
 */
public final class ReceiverUrlGuard {

  /** A host name to its addresses; {@link InetAddress#getAllByName} outside tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * What a URL may be called at: the reason it may not ({@code problem}, address null; {@code
   * unresolved} when the host did not resolve, which may pass), or the checked address to connect
   * to (problem null).
   */
  public record Target(String problem, InetAddress address, boolean unresolved) {

    static Target refused(String problem) {
      return new Target(problem, null, false);
    }
  }

  private final Vertx vertx;
  private final boolean allowPrivate;
  private final Resolver resolver;

  public ReceiverUrlGuard(Vertx vertx, boolean allowPrivate) {
    this(vertx, allowPrivate, InetAddress::getAllByName);
  }

  public ReceiverUrlGuard(Vertx vertx, boolean allowPrivate, Resolver resolver) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /**
   * Completes with null if {@code url} may be called, else with the reason it may not (for a new
   * subscription). With private receivers allowed only the syntax is checked.
   */
  public Future<String> problemWith(String url) {
    if (allowPrivate) {
      return Future.succeededFuture(SubscriptionParser.urlProblem(url));
    }
    return check(url).map(Target::problem);
  }

  /**
   * Resolves the URL's host and checks every address it has; the first is the one to connect to.
   * With private receivers allowed only the resolution is done, so deliveries are pinned alike.
   */
  public Future<Target> check(String url) {
    String syntax = SubscriptionParser.urlProblem(url);
    if (syntax != null) {
      return Future.succeededFuture(Target.refused(syntax));
    }
    String host = URI.create(url).getHost();
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = resolver.resolve(bare);
      } catch (UnknownHostException e) {
        return new Target("host " + host + " does not resolve", null, true);
      }
      if (addresses.length == 0) {
        return new Target("host " + host + " does not resolve", null, true);
      }
      for (InetAddress address : addresses) {
        if (!allowPrivate && forbidden(address)) {
          return Target.refused("host " + host + " is a loopback, link-local, private or multicast address ("
              + address.getHostAddress() + "); set alerting.allowPrivateReceivers=true to allow it");
        }
      }
      return new Target(null, addresses[0], false);
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
