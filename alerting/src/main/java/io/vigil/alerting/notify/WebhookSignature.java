package io.vigil.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code X-Vigil-Timestamp: <Unix seconds>} and
 * {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}, keyed with the
 * receiver's secret. Signing the time with the body means a captured request cannot be sent again
 * later: a receiver checks the signature and refuses timestamps older than a few minutes
 * ({@link #DEFAULT_TOLERANCE_SECONDS}). Each attempt of a delivery is signed at its own time; the
 * delivery id ({@code X-Vigil-Delivery}) stays the same for de-duplication.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
  public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
  /** How old a signed timestamp receivers should accept (and how far ahead, for clock skew). */
  public static final long DEFAULT_TOLERANCE_SECONDS = 300;

  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestampSeconds}. */
  public static String sign(String secret, long timestampSeconds, String body) {
    return PREFIX + hmacSha256Hex(secret, timestampSeconds + "." + body);
  }

  /**
   * Whether a request's headers prove it came from Vigil with this secret within the tolerance of
   * {@code nowSeconds}: what a receiver checks. Compares in constant time.
   */
  public static boolean verify(String secret, String timestampHeader, String signatureHeader, String body, long nowSeconds,
      long toleranceSeconds) {
    if (timestampHeader == null || signatureHeader == null || !timestampHeader.matches("\\d{1,12}")) {
      return false;
    }
    long timestamp = Long.parseLong(timestampHeader);
    if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex HMAC-SHA256 of {@code text} (UTF-8) keyed with {@code secret}. */
  public static String hmacSha256Hex(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }
}
