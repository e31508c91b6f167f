/**
 * What Vigil's tests share across modules: {@link io.vigil.testing.Eventually} retries an
 * asynchronous check on a timer instead of sleeping, {@link io.vigil.testing.ManualClock} is a clock
 * tests advance by hand, {@link io.vigil.testing.LocalProcess} starts a real server program (moto,
 * PostgreSQL, Redis) on a free loopback port for one test class,
 * {@link io.vigil.testing.LocalAlertmanager} runs a real Prometheus Alertmanager that way,
 * {@link io.vigil.testing.KafkaCluster} runs three real Kafka brokers as processes a test can kill
 * and restart, and {@link io.vigil.testing.ReceiverStub} is a real HTTP receiver that records what it is sent. Used
 * in test scope only; nothing here ships.
 */
package io.vigil.testing;
