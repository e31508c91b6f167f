package io.vigil.recommendations.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.HttpConfig;
import io.vigil.config.RecommendationsConfig;
import io.vigil.web.AuditTrail;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the route tests share: a recommendations section, a loopback HTTP section and an audit trail kept in a list. */
final class RoutesFixture {

  static final List<JsonObject> AUDITED = new CopyOnWriteArrayList<>();

  private RoutesFixture() {}

  static RecommendationsConfig config(boolean applyEnabled) {
    return new RecommendationsConfig(true, 1, 1, 14, 24, 15, 70, applyEnabled, 0.5, "",
        Map.of("us-east-1", new RecommendationsConfig.RegionPrices(new RecommendationsConfig.Prices(0.04048, 0.004445),
            new RecommendationsConfig.Prices(0.03238, 0.00356))),
        new RecommendationsConfig.Ecs(true, 300), Map.of());
  }

  static HttpConfig http() {
    return new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10);
  }

  static AuditTrail audit() {
    return new AuditTrail((objectKey, record, requestId) -> {
      AUDITED.add(record);
      return Future.succeededFuture();
    }, Clock.systemUTC(), false);
  }
}
