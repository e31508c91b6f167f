package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard is served whole from the jar: the page, its modules, and uPlot from its WebJar
 * under a path without a version, each with the page's Content-Security-Policy; the page names
 * nothing outside its own origin.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class DashboardAssetsTest {

  @Test
  void pageScriptsAndUplotComeFromTheJar(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, TestApi.loopback(), new TestApi.EmptyReadModel(), List.of()).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      return Future.all(List.of(
          http.get("/").send(),
          http.get("/js/app.js").send(),
          http.get(DashboardAssets.UPLOT_PATH + "uPlot.iife.min.js").send(),
          http.get(DashboardAssets.UPLOT_PATH + "uPlot.min.css").send(),
          http.get(DashboardAssets.UPLOT_PATH + "../../../../../webroot/openapi.yaml").send()));
    }).onComplete(test.succeeding(all -> test.verify(() -> {
      List<HttpResponse<Buffer>> answers = all.list();
      HttpResponse<Buffer> page = answers.get(0);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(page.bodyAsString()).contains(DashboardAssets.UPLOT_PATH + "uPlot.iife.min.js")
          .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script>");
      assertThat(answers.get(1).statusCode()).isEqualTo(200);
      assertThat(answers.get(1).getHeader("Content-Type")).contains("javascript");
      HttpResponse<Buffer> uplot = answers.get(2);
      assertThat(uplot.statusCode()).isEqualTo(200);
      assertThat(uplot.bodyAsString()).contains("uPlot");
      assertThat(uplot.getHeader("Content-Security-Policy")).isEqualTo(DashboardAssets.CONTENT_SECURITY_POLICY);
      assertThat(answers.get(3).getHeader("Content-Type")).contains("text/css");
      assertThat(answers.get(4).statusCode()).as("no way out of the WebJar's folder").isNotEqualTo(200);
      assertThat(DashboardAssets.uplotVersion()).matches("\\d+\\.\\d+\\.\\d+");
      test.completeNow();
    })));
  }
}
