package io.vigil.config;

/**
 * Who may change things through the API.
 *
 * @param adminToken the bearer token write endpoints require; empty leaves them open on a loopback
 *     host and closed (403) on any other host
 */
public record AuthConfig(String adminToken) {

  /** Whether a token is configured. */
  public boolean tokenSet() {
    return !adminToken.isEmpty();
  }

  /** Never shows the token itself. */
  @Override
  public String toString() {
    return "AuthConfig[adminToken=" + (tokenSet() ? "***" : "") + "]";
  }

  static AuthConfig from(ConfigSection section) {
    AuthConfig config = new AuthConfig(section.string("adminToken").trim());
    section.finish();
    return config;
  }
}
