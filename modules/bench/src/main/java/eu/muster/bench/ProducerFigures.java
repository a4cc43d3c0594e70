package eu.muster.bench;

/**
 * The summary of one {@code ProducerPerformance} run: Kafka's own figures for producing to this broker.
 *
 * @param records            records acknowledged by the broker
 * @param recordsPerSecond   records per second over the whole run
 * @param megabytesPerSecond MiB (2^20 bytes) of record values per second over the whole run
 * @param averageLatencyMs   mean time from {@code send} to acknowledgement, in milliseconds
 * @param maxLatencyMs       longest time from {@code send} to acknowledgement, in milliseconds
 * @param p50Ms              median send-to-acknowledgement latency, in whole milliseconds
 * @param p95Ms              95th percentile, in whole milliseconds
 * @param p99Ms              99th percentile, in whole milliseconds
 * @param p999Ms             99.9th percentile, in whole milliseconds
 */
public record ProducerFigures(long records, double recordsPerSecond, double megabytesPerSecond,
                              double averageLatencyMs, double maxLatencyMs,
                              double p50Ms, double p95Ms, double p99Ms, double p999Ms) {
}
