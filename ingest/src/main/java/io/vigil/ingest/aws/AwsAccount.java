package io.vigil.ingest.aws;

import java.util.Optional;

/**
 * One account a source watches: the default credentials, or a role assumed in another account.
 *
 * @param label {@code default}, or the account id of the role
 */
public record AwsAccount(String label, Optional<String> roleArn) {

  public static AwsAccount defaultCredentials() {
    return new AwsAccount("default", Optional.empty());
  }

  /** The account of a role ARN such as {@code arn:aws:iam::123456789012:role/vigil}. */
  public static AwsAccount role(String roleArn) {
    String[] parts = roleArn.split(":");
    return new AwsAccount(parts.length > 4 ? parts[4] : roleArn, Optional.of(roleArn));
  }
}
