package io.vigil.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Retries an asynchronous check on a Vert.x timer until it succeeds or the attempts run out: for
 * conditions that become true as the pipeline catches up, without sleeping a thread.
 */
public final class Eventually {

  private Eventually() {}

  public static <T> Future<T> succeeds(Vertx vertx, int attempts, long intervalMillis, Supplier<Future<T>> check) {
    Promise<T> promise = Promise.promise();
    attempt(vertx, attempts, intervalMillis, check, promise);
    return promise.future();
  }

  /**
   * Blocks the calling thread (never an event loop) until {@code condition} holds, checking it on
   * a worker every half second for up to {@code seconds}; fails with {@code what} as it is then. For tests that
   * drive processes from their own thread and wait on what those processes do.
   */
  public static void until(Vertx vertx, int seconds, Supplier<String> what, BooleanSupplier condition) {
    succeeds(vertx, seconds * 2, 500, () -> vertx.executeBlocking(() -> {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("waited " + seconds + " s for " + what.get());
      }
      return null;
    })).await();
  }

  private static <T> void attempt(Vertx vertx, int attemptsLeft, long intervalMillis, Supplier<Future<T>> check, Promise<T> promise) {
    Future<T> result;
    try {
      result = check.get();
    } catch (RuntimeException | AssertionError e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(outcome -> {
      if (outcome.succeeded()) {
        promise.complete(outcome.result());
      } else if (attemptsLeft <= 1) {
        promise.fail(outcome.cause());
      } else {
        vertx.setTimer(intervalMillis, id -> attempt(vertx, attemptsLeft - 1, intervalMillis, check, promise));
      }
    });
  }
}
