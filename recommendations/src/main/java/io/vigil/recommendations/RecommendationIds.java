package io.vigil.recommendations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A recommendation's id: its kind and a hash of the service, safe in a URL path. The cluster is left
 * out because a service's first input may not name it (a log line), and the id must not change when
 * a later one does; usage is kept by service name for the same reason.
 */
public final class RecommendationIds {

  private RecommendationIds() {}

  public static String of(Recommendation.Kind kind, String service) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((kind.wire() + "\n" + service).getBytes(StandardCharsets.UTF_8));
      return kind.wire() + "-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
