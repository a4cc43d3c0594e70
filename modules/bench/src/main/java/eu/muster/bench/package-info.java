/**
 * The benchmark behind {@code muster bench}: the backbone under measured load, next to Kafka's own
 * performance tools on the same broker, so that every figure comes with its ratio to this machine's limit.
 */
package eu.muster.bench;
