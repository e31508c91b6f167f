package io.vigil.web;

import io.vertx.ext.web.RoutingContext;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may write through the API, for every module's write routes: with {@code auth.adminToken} set,
 * requests carrying it as {@code Authorization: Bearer}; without one, local clients when HTTP is
 * bound to loopback, and nobody otherwise. The token is compared in constant time.
 */
public final class AdminWrites {

  /** Why a write was refused: the status and the message to answer with. */
  public record Refusal(int status, String message) {}

  private final byte[] token;
  private final boolean loopbackHost;

  public AdminWrites(AuthConfig auth, HttpConfig http) {
    this.token = auth.adminToken().getBytes(StandardCharsets.UTF_8);
    this.loopbackHost = BrowserSafetyHandler.isLoopback(http.host());
  }

  public boolean tokenSet() {
    return token.length > 0;
  }

  public boolean loopbackHost() {
    return loopbackHost;
  }

  /** Empty when {@code context} may write; else why not (a 401 also gets its WWW-Authenticate header). */
  public Optional<Refusal> refusal(RoutingContext context) {
    if (token.length == 0) {
      return loopbackHost ? Optional.empty() : Optional.of(new Refusal(403,
          "write endpoints are disabled: set auth.adminToken (VIGIL_ADMIN_TOKEN) to enable them on a non-loopback host"));
    }
    String header = context.request().getHeader("Authorization");
    byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      context.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
      return Optional.of(new Refusal(401, "missing or wrong bearer token"));
    }
    return Optional.empty();
  }
}
