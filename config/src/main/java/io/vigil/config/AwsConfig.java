package io.vigil.config;

import java.net.URI;
import java.util.List;

/**
 * How Vigil reaches AWS. Region and credentials come from the SDK's default chains unless set here.
 *
 * @param region empty for the SDK's default region chain (AWS_REGION, profile, instance metadata)
 * @param endpointOverride empty, or a URL that replaces every AWS endpoint (local emulators)
 * @param roleArns roles to assume, one per account to watch; empty to use the default credentials
 * @param externalId the external id the roles require, or empty
 */
public record AwsConfig(String region, String endpointOverride, List<String> roleArns, String externalId) {

  public AwsConfig {
    roleArns = List.copyOf(roleArns);
  }

  static AwsConfig from(ConfigSection section) {
    String region = section.string("region").trim();
    String endpoint = section.string("endpointOverride").trim();
    if (!endpoint.isEmpty()) {
      try {
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().matches("https?")) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(section.keyOf("endpointOverride"), "must be an http(s) URL such as http://127.0.0.1:5000, was \"" + endpoint + "\"");
      }
    }
    List<String> roles = section.strings("roleArns");
    for (int i = 0; i < roles.size(); i++) {
      if (!roles.get(i).matches("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+")) {
        throw new ConfigException(section.keyOf("roleArns") + "[" + i + "]", "must be an IAM role ARN (arn:aws:iam::123456789012:role/name), was \"" + roles.get(i) + "\"");
      }
    }
    AwsConfig config = new AwsConfig(region, endpoint, roles, section.string("externalId").trim());
    section.finish();
    return config;
  }
}
