package io.vigil.alerting.notify;

/** How one attempt to deliver a notification ended, and why. */
public record DeliveryResult(Outcome outcome, String reason) {

  /** Delivered; worth retrying; or never going to work. */
  public enum Outcome { DELIVERED, RETRY, PERMANENT }

  public static DeliveryResult delivered() {
    return new DeliveryResult(Outcome.DELIVERED, "");
  }

  public static DeliveryResult retry(String reason) {
    return new DeliveryResult(Outcome.RETRY, reason);
  }

  public static DeliveryResult permanent(String reason) {
    return new DeliveryResult(Outcome.PERMANENT, reason);
  }

  /** Classifies an HTTP answer: 2xx delivered; 408, 429 and 5xx retried; anything else permanent. */
  public static DeliveryResult ofHttpStatus(int status) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    if (status == 408 || status == 429 || status >= 500) {
      return retry("HTTP " + status);
    }
    if (status >= 300 && status < 400) {
      return permanent("HTTP " + status + ": redirects are not followed");
    }
    return permanent("HTTP " + status);
  }
}
