package io.vigil.ingest.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One check of one dependency: succeeds when it is ready, fails with a {@link ProbeFailure} saying
 * why not. Used by the probes and by {@code vigil wait-for}. Never blocks; each check is bounded
 * by its timeout. Instances hold a client; {@link #close} releases it.
 */
public interface DependencyCheck {

  /** Runs the check once. */
  Future<Void> check();

  /** What is checked, for messages, e.g. {@code postgres 127.0.0.1:5432}. */
  String target();

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** The check a configured probe runs. */
  static DependencyCheck forProbe(Vertx vertx, io.vigil.config.ProbeConfig probe) {
    return switch (probe.type()) {
      case HTTP -> http(vertx, probe.url(), probe.timeoutMillis(), probe.expectStatus(), probe.bodyContains());
      case POSTGRES -> postgres(vertx, probe.url(), probe.timeoutMillis());
      case REDIS -> redis(vertx, probe.url(), probe.timeoutMillis());
      case TCP -> {
        URI uri = URI.create(probe.url());
        yield tcp(vertx, uri.getHost(), uri.getPort(), probe.timeoutMillis());
      }
    };
  }

  /** An HTTP(S) GET that must answer {@code expectStatus} (0: any 2xx/3xx) with a body containing {@code bodyContains}. */
  static DependencyCheck http(Vertx vertx, String url, int timeoutMillis, int expectStatus, String bodyContains) {
    URI uri = URI.create(url);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout(timeoutMillis)
        .setKeepAlive(false)
        .setTrustAll(false)
        .setVerifyHost(true));
    return new DependencyCheck() {
      @Override
      public Future<Void> check() {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
            .setIdleTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
        return client.request(options)
            .compose(request -> request.send())
            .compose(response -> response.body().map(body -> {
              verify(response.statusCode(), body);
              return (Void) null;
            }))
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .recover(failure -> Future.failedFuture(ProbeFailure.classify(failure)));
      }

      private void verify(int status, Buffer body) {
        boolean statusOk = expectStatus == 0 ? status >= 200 && status < 400 : status == expectStatus;
        if (!statusOk) {
          ProbeFailure.Reason reason = status == 503 ? ProbeFailure.Reason.NOT_READY : ProbeFailure.Reason.UNEXPECTED;
          throw new ProbeFailure(reason, "HTTP " + status + (expectStatus == 0 ? ", expected 2xx or 3xx" : ", expected " + expectStatus));
        }
        if (!bodyContains.isEmpty() && !body.toString().contains(bodyContains)) {
          throw new ProbeFailure(ProbeFailure.Reason.UNEXPECTED, "body does not contain \"" + bodyContains + "\"");
        }
      }

      @Override
      public String target() {
        return "http " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath();
      }

      @Override
      public Future<Void> close() {
        return client.close();
      }
    };
  }

  /** Connects to PostgreSQL and runs {@code SELECT 1}. */
  static DependencyCheck postgres(Vertx vertx, String url, int timeoutMillis) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"));
    return new DependencyCheck() {
      @Override
      public Future<Void> check() {
        return PgConnection.connect(vertx, options)
            .compose(connection -> connection.query("SELECT 1").execute()
                .eventually(() -> connection.close()))
            .<Void>mapEmpty()
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .recover(failure -> Future.failedFuture(ProbeFailure.classify(failure)));
      }

      @Override
      public String target() {
        return "postgres " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
      }
    };
  }

  /** Connects to Redis (with the URL's password, if any) and sends PING. */
  static DependencyCheck redis(Vertx vertx, String url, int timeoutMillis) {
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(1).setMaxPoolWaiting(1)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(timeoutMillis));
    URI uri = URI.create(url);
    return new DependencyCheck() {
      @Override
      public Future<Void> check() {
        Redis client = Redis.createClient(vertx, options);
        return client.connect()
            .compose(connection -> connection.send(Request.cmd(Command.PING))
                .eventually(() -> connection.close()))
            .<Void>map(reply -> {
              if (reply == null || !"PONG".equalsIgnoreCase(reply.toString())) {
                throw new ProbeFailure(ProbeFailure.Reason.UNEXPECTED, "PING answered " + reply);
              }
              return null;
            })
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .recover(failure -> Future.failedFuture(ProbeFailure.classify(failure)))
            .eventually(() -> {
              client.close();
              return Future.succeededFuture();
            });
      }

      @Override
      public String target() {
        return "redis " + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
      }
    };
  }

  /** Opens a TCP connection and closes it. */
  static DependencyCheck tcp(Vertx vertx, String host, int port, int timeoutMillis) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeoutMillis));
    return new DependencyCheck() {
      @Override
      public Future<Void> check() {
        return client.connect(port, host)
            .compose(socket -> socket.close())
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .recover(failure -> Future.failedFuture(ProbeFailure.classify(failure)));
      }

      @Override
      public String target() {
        return "tcp " + host + ":" + port;
      }

      @Override
      public Future<Void> close() {
        return client.close();
      }
    };
  }
}
