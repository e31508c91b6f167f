package io.vigil.recommendations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A recommendation's id: its kind and a hash of cluster and service, safe in a URL path. */
public final class RecommendationIds {

  private RecommendationIds() {}

  public static String of(Recommendation.Kind kind, String cluster, String service) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((kind.wire() + "\n" + cluster + "\n" + service).getBytes(StandardCharsets.UTF_8));
      return kind.wire() + "-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
