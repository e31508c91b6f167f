/**
 * The values that cross module and process boundaries, and their one wire form.
 *
 * <p>Every type here is an immutable record, safe to share between threads. {@link io.vigil.model.Wire}
 * is the single place that turns them into JSON and back: Kafka records, event-bus messages and REST
 * responses all use it, so a field is named the same everywhere. {@link io.vigil.model.Topics} and
 * {@link io.vigil.model.Addresses} hold every topic and event-bus address.
 */
package io.vigil.model;
