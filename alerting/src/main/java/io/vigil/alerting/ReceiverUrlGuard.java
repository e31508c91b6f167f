package io.vigil.alerting;

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
    InetAddress embedded = embeddedIpv4(address);
    if (embedded != null && forbidden(embedded)) {
      return true;
    }
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

  /**
   * The IPv4 address an IPv6 transition form carries, or null. Routers and NAT64 gateways deliver
   * such an address to the IPv4 host inside it, so {@code [::127.0.0.1]} reaches loopback although
   * the IPv6 address itself is not a loopback one. (Java already turns {@code ::ffff:a.b.c.d} into
   * an Inet4Address; the other forms stay Inet6Address.)
   */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    if (allZero(b, 0, 8) && b[8] == 0 && b[9] == 0 && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) {
      // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d (the unspecified ::, ::1 are caught as such)
      return ipv4(b[12], b[13], b[14], b[15]);
    }
    if (allZero(b, 0, 8) && b[8] == -1 && b[9] == -1 && b[10] == 0 && b[11] == 0) {
      return ipv4(b[12], b[13], b[14], b[15]); // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return ipv4(b[2], b[3], b[4], b[5]); // 6to4 2002:AABB:CCDD::/48
    }
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
      return ipv4(b[12], b[13], b[14], b[15]); // NAT64 well-known prefix 64:ff9b::/96
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
      // Teredo 2001:0000::/32: the client's IPv4 address is the last 32 bits, inverted
      return ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
    }
    return null;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
    try {
      return InetAddress.getByAddress(new byte[] {a, b, c, d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
