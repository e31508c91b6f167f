package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The series stream clients watch, counted over every client: a series is watched until its last watcher leaves. */
class StreamInterestTest {

  @Test
  void aSeriesIsWatchedWhileAnyClientIsSubscribedToItsPoints() {
    StreamInterest interest = new StreamInterest();
    assertThat(interest.watchesPoints("s-1")).isFalse();

    interest.subscribed("points:s-1");
    interest.subscribed("points:s-1");
    interest.subscribed("points:s-2");
    assertThat(interest.watchesPoints("s-1")).isTrue();
    assertThat(interest.watchesPoints("s-2")).isTrue();

    interest.unsubscribed("points:s-1");
    assertThat(interest.watchesPoints("s-1")).as("one watcher left").isTrue();
    interest.unsubscribed("points:s-1");
    assertThat(interest.watchesPoints("s-1")).isFalse();
    assertThat(interest.watchesPoints("s-2")).isTrue();
  }

  @Test
  void otherItemsAreNotSeries() {
    StreamInterest interest = new StreamInterest();
    interest.subscribed("anomalies");
    interest.subscribed("health");
    assertThat(interest.watchesPoints("anomalies")).isFalse();
    assertThat(interest.watchesPoints("health")).isFalse();
    // Leaving what was never counted changes nothing.
    interest.unsubscribed("points:s-9");
    assertThat(interest.watchesPoints("s-9")).isFalse();
  }
}
