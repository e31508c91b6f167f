/**
 * What Vigil's tests share across modules: {@link io.vigil.testing.Eventually} retries an
 * asynchronous check on a timer instead of sleeping, {@link io.vigil.testing.ManualClock} is a clock
 * tests advance by hand, {@link io.vigil.testing.LocalProcess} starts a real server program (moto,
 * PostgreSQL, Redis) on a free loopback port for one test class,
 * {@link io.vigil.testing.LocalAlertmanager} runs a real Prometheus Alertmanager that way, and
 * {@link io.vigil.testing.ReceiverStub} is a real HTTP receiver that records what it is sent. Used
 * in test scope only; nothing here ships (the three-broker cluster the cluster tests kill and
 * restart is {@code io.vigil.kafka.KafkaCluster}, which {@code vigil bench scale} runs too).
 */
package io.vigil.testing;
