package eu.muster.bench;

/**
 * The summary of one {@code EndToEndLatency} run: the time one record takes from a producer's {@code send}
 * (acks=all) to a consumer's {@code poll} on this broker, one record in flight at a time.
 *
 * @param records   round trips measured
 * @param averageMs mean round trip, in milliseconds
 * @param p50Ms     median round trip, in whole milliseconds (the tool truncates)
 * @param p99Ms     99th percentile, in whole milliseconds
 * @param p999Ms    99.9th percentile, in whole milliseconds
 */
public record LatencyFigures(long records, double averageMs, double p50Ms, double p99Ms, double p999Ms) {
}
