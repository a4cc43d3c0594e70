package eu.muster.bench;

/**
 * The summary of one {@code ConsumerPerformance} run: Kafka's own figures for consuming from this broker.
 *
 * <p>The rates are the tool's {@code fetch.nMsg.sec} and {@code fetch.MB.sec}, which leave out the time
 * the consumer spent joining its group: that start-up cost (about a second on a laptop) is not
 * throughput, and on short runs it would otherwise dominate the figure.
 *
 * @param records            records consumed
 * @param recordsPerSecond   records per second while fetching
 * @param megabytesPerSecond MiB (2^20 bytes) of keys and values per second while fetching
 */
public record ConsumerFigures(long records, double recordsPerSecond, double megabytesPerSecond) {
}
