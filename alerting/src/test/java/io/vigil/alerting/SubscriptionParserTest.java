package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SubscriptionParserTest {

  private static final String VALID = """
      {"name":"ops","match":{"service":"api","minSeverity":"warning","labels":{"ClusterName":"prod"}},
       "receiver":{"type":"webhook","url":"https://hooks.example.com/vigil","secret":"s3cret"},
       "groupBy":["service"],"groupWait":"10s","groupInterval":"1m","repeatInterval":"4h","sendResolved":true}""";

  private static JsonObject valid() {
    return new JsonObject(VALID);
  }

  private static java.util.List<String> fields(JsonObject json) {
    return SubscriptionParser.parse(json).errors().stream().map(FieldError::field).toList();
  }

  @Test
  void parsesAValidSubscriptionAndMasksTheSecret() {
    Subscription subscription = SubscriptionParser.parse(valid()).subscription();
    assertThat(subscription.groupWaitMillis()).isEqualTo(10_000);
    assertThat(subscription.repeatIntervalMillis()).isEqualTo(4 * 3_600_000);
    assertThat(subscription.toJson(true).getJsonObject("receiver").getString("secret")).isEqualTo(Subscription.MASK);
    assertThat(subscription.toJson(true).encode()).doesNotContain("s3cret");
    assertThat(subscription.toJson(false).getJsonObject("receiver").getString("secret")).isEqualTo("s3cret");
    assertThat(SubscriptionParser.parse(subscription.toJson(false)).subscription()).isEqualTo(subscription);
  }

  @Test
  void namesEveryBadField() {
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "pager")))).containsExactly("receiver.type");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "webhook").put("url", "ftp://x")))).containsExactly("receiver.url");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "webhook").put("url", "http://exa mple.com")))).containsExactly("receiver.url");
    assertThat(fields(valid().put("groupWait", "-5s"))).containsExactly("groupWait");
    assertThat(fields(valid().put("repeatInterval", "400d"))).containsExactly("repeatInterval");
    assertThat(fields(valid().put("groupInterval", 60))).containsExactly("groupInterval");
    assertThat(fields(valid().put("name", "bad name!"))).containsExactly("name");
    assertThat(fields(valid().put("match", new JsonObject().put("minSeverity", "huge")))).containsExactly("match.minSeverity");
    assertThat(fields(valid().put("sendResolved", "yes"))).containsExactly("sendResolved");
    assertThat(fields(valid().put("extra", 1))).containsExactly("extra");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "sns").put("topicArn", "nope")))).containsExactly("receiver.topicArn");
    assertThat(fields(new JsonObject())).contains("name", "receiver");
  }

  @Test
  void matchersAndSilencesAreValidated() {
    assertThat(LabelMatcher.parse("service=~api|web").matches(java.util.Map.of("service", "web"))).isTrue();
    assertThat(LabelMatcher.parse("service!=api").matches(java.util.Map.of("service", "api"))).isFalse();
    Silence.Result bad = Silence.parse(new JsonObject("""
        {"matchers":[{"name":"service","value":"(","isRegex":true}],"endsAt":"yesterday","comment":"","author":"a"}"""), "si", 0);
    assertThat(bad.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("matchers[0]", "endsAt", "comment");
    Silence.Result everything = Silence.parse(new JsonObject("""
        {"matchers":[{"name":"service","value":".*","isRegex":true}],"endsAt":"2099-01-01T00:00:00Z","comment":"c","author":"a"}"""), "si",
        java.time.Instant.parse("2098-12-01T00:00:00Z").toEpochMilli());
    assertThat(everything.errors()).extracting(FieldError::field).containsExactly("matchers");
  }

  @Test
  void privateAndMetadataAddressesAreForbidden() throws Exception {
    for (String address : new String[] {"127.0.0.1", "169.254.169.254", "10.1.2.3", "192.168.0.1", "172.16.5.5", "224.0.0.1", "0.0.0.0", "::1", "fd00::1", "100.64.0.1"}) {
      assertThat(ReceiverUrlGuard.forbidden(InetAddress.getByName(address))).as(address).isTrue();
    }
    assertThat(ReceiverUrlGuard.forbidden(InetAddress.getByName("93.184.216.34"))).isFalse();
  }

  @Test
  void ipv6FormsCarryingAForbiddenIpv4AddressAreForbidden() throws Exception {
    for (String address : new String[] {
        "::127.0.0.1",          // IPv4-compatible loopback
        "::ffff:0:7f00:1",      // IPv4-translated 127.0.0.1
        "::ffff:169.254.169.254", // IPv4-mapped metadata address
        "2002:7f00:1::",        // 6to4 of 127.0.0.1
        "2002:a00:1::1",        // 6to4 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",   // NAT64 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe"}) { // Teredo, client 127.0.0.1 (inverted 80ff:fffe)
      assertThat(ReceiverUrlGuard.forbidden(InetAddress.getByName(address))).as(address).isTrue();
    }
    // The same forms around a public address stay allowed, so the decoding does not refuse all of them.
    for (String address : new String[] {"::ffff:0:5db8:d822", "2002:5db8:d822::", "64:ff9b::5db8:d822", "2001:0:4136:e378:8000:63bf:a247:27dd"}) {
      assertThat(ReceiverUrlGuard.forbidden(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void snsRegionMustBeAnAwsRegion() {
    JsonObject sns = new JsonObject().put("type", "sns").put("topicArn", "arn:aws:sns:eu-west-1:123456789012:alerts");
    assertThat(fields(valid().put("receiver", sns.copy().put("region", "evil.example#")))).containsExactly("receiver.region");
    assertThat(fields(valid().put("receiver", sns.copy().put("region", "us-east-1")))).isEmpty();
    assertThat(fields(valid().put("receiver", sns.copy().put("region", "us-gov-west-1")))).isEmpty();
    assertThat(SubscriptionParser.parse(valid().put("receiver", sns)).subscription().receiver().getString("region")).isEqualTo("eu-west-1");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "sns").put("topicArn", "arn:aws:sns:x-1:123456789012:alerts"))))
        .containsExactly("receiver.topicArn");
  }

  @Test
  void controlCharactersAndLoneSurrogatesInMatchersAreRefused() {
    assertThat(fields(valid().put("match", new JsonObject("{\"service\":\"api\\u0000\"}")))).containsExactly("match.service");
    assertThat(fields(valid().put("match", new JsonObject("{\"metric\":\"CPU\\ud800\"}")))).containsExactly("match.metric");
    assertThat(fields(valid().put("match", new JsonObject().put("labels", new JsonObject().put("Cluster", "prod\u001b[0m"))))).containsExactly("match.labels.Cluster");
    assertThat(fields(valid().put("match", new JsonObject().put("labels", new JsonObject().put("Clu\nster", "prod"))))).containsExactly("match.labels.Clu\nster");
    assertThat(fields(valid().put("groupBy", new io.vertx.core.json.JsonArray().add("service\u0085")))).containsExactly("groupBy[0]");
    long now = java.time.Instant.parse("2098-12-01T00:00:00Z").toEpochMilli();
    Silence.Result bad = Silence.parse(new JsonObject("""
        {"matchers":["service=api\\n", {"name":"metric","value":"CPU\\udbff"}],"endsAt":"2099-01-01T00:00:00Z","comment":"c","author":"a"}"""), "si", now);
    assertThat(bad.errors()).extracting(FieldError::field).containsExactly("matchers[0]", "matchers[1]");
    assertThat(Silence.parse(new JsonObject("""
        {"matchers":["service=api"],"endsAt":"2099-01-01T00:00:00Z","comment":"c","author":"a"}"""), "si", now).errors()).isEmpty();
  }

  @Test
  void aWebhookIsSentAlertmanagersBodyUnlessItAsksForVigilsAndABadFormatIsNamed() {
    JsonObject webhook = valid().getJsonObject("receiver");
    assertThat(SubscriptionParser.parse(valid()).subscription().receiver().getString("format")).isEqualTo("alertmanager");
    Subscription vigil = SubscriptionParser.parse(valid().put("receiver", webhook.copy().put("format", "vigil"))).subscription();
    assertThat(vigil.receiver().getString("format")).isEqualTo("vigil");
    assertThat(NotificationFormat.of(vigil.receiver())).isEqualTo(NotificationFormat.VIGIL);
    assertThat(fields(valid().put("receiver", webhook.copy().put("format", "prometheus")))).containsExactly("receiver.format");
    assertThat(fields(valid().put("receiver", webhook.copy().put("format", 4)))).containsExactly("receiver.format");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "slack").put("url", "https://hooks.slack.com/x").put("format", "vigil"))))
        .containsExactly("receiver.format");
  }

  @Test
  void pagerDutyOpsgenieAndTeamsReceiversNeedTheirCredentialWhichIsMasked() {
    JsonObject pagerduty = new JsonObject().put("type", "pagerduty").put("routingKey", "R0uTiNgKeY0123456789abcdefABCDEF");
    Subscription paged = SubscriptionParser.parse(valid().put("receiver", pagerduty)).subscription();
    assertThat(paged.toJson(true).getJsonObject("receiver").getString("routingKey")).isEqualTo(Subscription.MASK);
    assertThat(paged.toJson(false).getJsonObject("receiver").getString("routingKey")).isEqualTo("R0uTiNgKeY0123456789abcdefABCDEF");
    Subscription genie = SubscriptionParser.parse(valid().put("receiver", new JsonObject().put("type", "opsgenie").put("apiKey", "k-1"))).subscription();
    assertThat(genie.toJson(true).encode()).doesNotContain("k-1");
    Subscription teams = SubscriptionParser.parse(valid().put("receiver",
        new JsonObject().put("type", "msteams").put("url", "https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/t0ken"))).subscription();
    assertThat(teams.toJson(true).encode()).doesNotContain("t0ken");

    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "pagerduty")))).containsExactly("receiver.routingKey");
    assertThat(fields(valid().put("receiver", pagerduty.copy().put("routingKey", "has space")))).containsExactly("receiver.routingKey");
    assertThat(fields(valid().put("receiver", pagerduty.copy().put("url", "https://x")))).containsExactly("receiver.url");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "opsgenie")))).containsExactly("receiver.apiKey");
    assertThat(fields(valid().put("receiver", new JsonObject().put("type", "msteams")))).containsExactly("receiver.url");
  }

  @Test
  void anAlertmanagerReceiverIsRepostedEveryMinuteByDefaultAndAtLeastEveryFiveMinutes() {
    JsonObject alertmanager = new JsonObject().put("type", "alertmanager").put("url", "http://alertmanager.example.com:9093");
    JsonObject json = valid().put("receiver", alertmanager);
    json.remove("repeatInterval");
    assertThat(SubscriptionParser.parse(json).subscription().repeatIntervalMillis()).isEqualTo(60_000);
    assertThat(fields(json.copy().put("repeatInterval", "5m"))).isEmpty();
    assertThat(fields(json.copy().put("repeatInterval", "1h"))).containsExactly("repeatInterval");
    assertThat(fields(json.copy().put("receiver", new JsonObject().put("type", "alertmanager")))).containsExactly("receiver.url");
  }

  @Test
  void anEmailReceiverNeedsOneToFiftyPlainAddresses() {
    JsonObject email = new JsonObject().put("type", "email").put("to", new io.vertx.core.json.JsonArray().add("oncall@example.com"));
    assertThat(SubscriptionParser.parse(valid().put("receiver", email)).subscription().receiver().getJsonArray("to")).containsExactly("oncall@example.com");
    assertThat(fields(valid().put("receiver", email.copy().put("to", new io.vertx.core.json.JsonArray())))).containsExactly("receiver.to");
    assertThat(fields(valid().put("receiver", email.copy().put("to", "oncall@example.com")))).containsExactly("receiver.to");
    assertThat(fields(valid().put("receiver", email.copy().put("to", new io.vertx.core.json.JsonArray().add("ok@example.com")
        .add("Bob <bob@example.com>").add("evil@example.com\r\nBcc: x@y.z"))))).containsExactly("receiver.to[1]", "receiver.to[2]");
  }
}
