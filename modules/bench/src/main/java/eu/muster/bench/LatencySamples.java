package eu.muster.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, appended from any thread, and their percentiles (nearest rank, exact). */
final class LatencySamples {

    private long[] values = new long[1024];
    private int size;

    /** Records one observation. */
    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** How many observations there are. */
    synchronized int count() {
        return size;
    }

    /** The percentiles of what was observed so far. */
    synchronized Summary summary() {
        if (size == 0) {
            return Summary.NONE;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Summary(size, millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999), sorted[size - 1] / 1e6, sum / size / 1e6);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code quantile} of the observations at or below it. */
    private static double millis(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * Percentiles in milliseconds. With fewer than 1,000 observations p99.9 is the largest one, and
     * says little; {@link #count} is printed beside it for that reason.
     */
    record Summary(int count, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
