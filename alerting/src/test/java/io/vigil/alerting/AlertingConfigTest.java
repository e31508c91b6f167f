package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vigil.config.AlertingConfig;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerting and auth sections: defaults, the VIGIL_ADMIN_TOKEN alias, and bad values named by key. */
class AlertingConfigTest {

  private static VigilConfig load(Map<String, String> environment, String... assignments) {
    Vertx vertx = Vertx.vertx();
    try {
      return new ConfigLoader(vertx).environment(environment).assignments(List.of(assignments)).load().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void defaultsLoadAndTheDefaultInhibitRuleParses() {
    VigilConfig config = load(Map.of());
    assertThat(config.auth().tokenSet()).isFalse();
    assertThat(config.alerting().allowPrivateReceivers()).isFalse();
    assertThat(AlertingVerticle.inhibitRules(config.alerting())).hasSize(1);
  }

  @Test
  void theAdminTokenComesFromVigilAdminTokenAndIsNeverPrinted() {
    VigilConfig config = load(Map.of("VIGIL_ADMIN_TOKEN", "sekret"));
    assertThat(config.auth().adminToken()).isEqualTo("sekret");
    assertThat(config.auth().toString()).doesNotContain("sekret");
  }

  @Test
  void badValuesAreNamedByKey() {
    assertThatThrownBy(() -> load(Map.of(), "alerting.retryInitialMillis=5000", "alerting.retryMaxMillis=100"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.retryMaxMillis");
    assertThatThrownBy(() -> load(Map.of(), "alerting.minAnomalies=0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.minAnomalies");
    AlertingConfig bad = load(Map.of(), "alerting.inhibitRules=metric=Up").alerting();
    assertThatThrownBy(() -> AlertingVerticle.inhibitRules(bad))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.inhibitRules[0]");
  }

  @Test
  void freshnessRecoveryAndTheExternalUrlHaveDefaultsAndNamedBadValues() {
    AlertingConfig defaults = load(Map.of()).alerting();
    assertThat(defaults.maxDetectionDelaySeconds()).isEqualTo(900);
    assertThat(defaults.recoveryPeriods()).isEqualTo(3);
    assertThat(defaults.externalUrlOr("127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080");
    assertThat(defaults.externalUrlOr("::1", 8080)).isEqualTo("http://[::1]:8080");
    assertThat(load(Map.of(), "alerting.externalUrl=https://vigil.example.com/").alerting().externalUrlOr("127.0.0.1", 8080))
        .isEqualTo("https://vigil.example.com");
    assertThatThrownBy(() -> load(Map.of(), "alerting.maxDetectionDelaySeconds=-1"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.maxDetectionDelaySeconds");
    assertThatThrownBy(() -> load(Map.of(), "alerting.recoveryPeriods=0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.recoveryPeriods");
    assertThatThrownBy(() -> load(Map.of(), "alerting.externalUrl=ftp://vigil"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerting.externalUrl");
  }
}
