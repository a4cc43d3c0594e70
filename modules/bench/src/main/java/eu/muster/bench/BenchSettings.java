package eu.muster.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one benchmark run does. {@link #standard()} and {@link #quick()} are the two runs people
 * compare over time; every field can be changed on the command line to try a setting.
 *
 * @param name                 what the run is called in its report ("standard", "short", "scale")
 * @param seed                 the load generator's seed: the same seed gives the same traffic
 * @param incidents            incidents the run files; the saturation phase stops once all are filed, or at {@code saturationTime}
 * @param concurrentIncidents  incidents open at once; each has at most one submission in flight, so this bounds concurrency
 * @param briefShare           the share of brief incidents in the traffic (about ten events each; {@code LoadSettings#briefShare})
 * @param saturationTime       how long the saturation phase takes new submissions
 * @param moderateRate         the fixed rate of the moderate phase, submissions per second; 0 for a quarter of the rate the
 *                             saturation phase reached, so that "moderate" means the same on any machine
 * @param moderateTime         how long the moderate phase submits
 * @param probes               submissions followed at once to the query API, for end-to-end latency
 * @param probeInterval        how long a probe waits between reads: the latency figures' resolution
 * @param breachProbes         requests filed to breach their request-to-match clock during the moderate phase
 * @param queryReaders         concurrent readers of the query API
 * @param queryTime            how long they read
 * @param toolRecords          records for Kafka's ProducerPerformance and ConsumerPerformance
 * @param toolRecordSize       their size in bytes
 * @param latencyRecords       round trips for Kafka's EndToEndLatency
 * @param appHeap              the maximum heap of the application under test (-Xmx syntax)
 * @param replayHeap           the maximum heap of {@code muster audit replay}, which holds a fold of every incident (-Xmx syntax)
 * @param appSettings          muster settings for the application under test, on top of the benchmark's own
 * @param sampleEvery          the scale samples' spacing, in decided submissions (0: no samples)
 */
public record BenchSettings(String name, long seed, int incidents, int concurrentIncidents, double briefShare, Duration saturationTime,
        double moderateRate, Duration moderateTime, int probes, Duration probeInterval, int breachProbes, int queryReaders, Duration queryTime,
        long toolRecords, int toolRecordSize, int latencyRecords, String appHeap, String replayHeap, Map<String, String> appSettings,
        long sampleEvery) {

    /** The share of the flat-out rate the moderate phase runs at when no rate is given. */
    public static final double MODERATE_SHARE = 0.25;

    /** The request-to-match window the application runs with in the benchmark (the default policy's). */
    public static final Duration REQUEST_TO_MATCH = Duration.ofHours(4);

    /** Checks the settings make a run. */
    public BenchSettings {
        Objects.requireNonNull(name, "name");
        appSettings = Map.copyOf(new TreeMap<>(appSettings));
        require(incidents > 0, "incidents must be positive, got " + incidents);
        require(concurrentIncidents > 0, "concurrent incidents must be positive, got " + concurrentIncidents);
        require(briefShare >= 0 && briefShare <= 1, "the share of brief incidents must lie in [0, 1], got " + briefShare);
        require(sampleEvery >= 0, "the sample spacing must not be negative, got " + sampleEvery);
        require(moderateRate >= 0, "the moderate rate must not be negative, got " + moderateRate);
        require(probes > 0, "probes must be positive, got " + probes);
        require(breachProbes > 0, "breach probes must be positive, got " + breachProbes);
        require(queryReaders > 0, "query readers must be positive, got " + queryReaders);
        require(toolRecords > 0 && latencyRecords > 0, "Kafka's tools need records");
        require(!saturationTime.isNegative() && !saturationTime.isZero(), "the saturation time must be positive");
        require(!moderateTime.isNegative() && !moderateTime.isZero(), "the moderate time must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The full run: about ten minutes, figures with enough samples for p99.9. */
    public static BenchSettings standard() {
        return new BenchSettings("standard", 20261124L, 1_000_000, 20_000, 0, Duration.ofMinutes(3), 0, Duration.ofMinutes(3), 4,
                Duration.ofMillis(10), 20, 8, Duration.ofSeconds(60), 2_000_000, 512, 20_000, "512m", "512m", Map.of(), 0);
    }

    /** The short run for before and after a change: under five minutes. */
    public static BenchSettings quick() {
        return new BenchSettings("short", 20261124L, 1_000_000, 20_000, 0, Duration.ofSeconds(60), 0, Duration.ofSeconds(45), 4,
                Duration.ofMillis(10), 10, 8, Duration.ofSeconds(20), 500_000, 512, 5_000, "512m", "512m", Map.of(), 0);
    }

    /** The same run with other traffic: for the command line's options. */
    public BenchSettings withTraffic(int newIncidents, int newConcurrentIncidents, double newBriefShare) {
        return new BenchSettings(name, seed, newIncidents, newConcurrentIncidents, newBriefShare, saturationTime, moderateRate, moderateTime,
                probes, probeInterval, breachProbes, queryReaders, queryTime, toolRecords, toolRecordSize, latencyRecords, appHeap, replayHeap,
                appSettings, sampleEvery);
    }

    /** The same run with other phases: how long flat out, the moderate rate, the scale samples' spacing. */
    public BenchSettings withPhases(Duration newSaturationTime, double newModerateRate, long newSampleEvery) {
        return new BenchSettings(name, seed, incidents, concurrentIncidents, briefShare, newSaturationTime, newModerateRate, moderateTime,
                probes, probeInterval, breachProbes, queryReaders, queryTime, toolRecords, toolRecordSize, latencyRecords, appHeap, replayHeap,
                appSettings, newSampleEvery);
    }

    /** The same run with the application under test run otherwise: its heap, the replay's heap, its settings. */
    public BenchSettings withApplication(String newAppHeap, String newReplayHeap, Map<String, String> newAppSettings) {
        return new BenchSettings(name, seed, incidents, concurrentIncidents, briefShare, saturationTime, moderateRate, moderateTime, probes,
                probeInterval, breachProbes, queryReaders, queryTime, toolRecords, toolRecordSize, latencyRecords, newAppHeap, newReplayHeap,
                newAppSettings, sampleEvery);
    }
}
