package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One rule for the service of a log group, for every stage that reads logs. */
class LogGroupServicesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void configurationFirstThenEcsNamesThenTheLastPartOfTheName() {
    LogGroupServices services = new LogGroupServices(Map.of("/aws/ecs/prod-api", "api"));
    assertThat(services.serviceOf("/aws/ecs/prod-api")).contains("api");
    assertThat(services.serviceOf("/ecs/worker")).contains("worker");
    assertThat(services.serviceOf("/ecs/worker/")).contains("worker");
    assertThat(services.serviceOf("/ecs/web/nginx")).as("ECS's convention names the service first").contains("web");
    assertThat(services.serviceOf("/aws/lambda/checkout")).contains("checkout");
    assertThat(services.serviceOf("plain")).contains("plain");
    assertThat(services.serviceOf("/aws/ecs/events")).as("ECS events name their own service").isEmpty();
    assertThat(services.serviceOf("/aws/ecs/containerinsights/prod/performance")).isEmpty();
    assertThat(services.serviceOf("/")).isEmpty();
  }

  @Test
  void theMapIsSetUnderSeries() {
    VigilConfig config = new ConfigLoader(vertx).assignments(List.of("series.logGroupServices./aws/ecs/prod-api=api")).load().await();
    assertThat(config.series().logGroups().serviceOf("/aws/ecs/prod-api")).contains("api");
    assertThat(new ConfigLoader(vertx).load().await().series().logGroups().configured()).isEmpty();
  }
}
