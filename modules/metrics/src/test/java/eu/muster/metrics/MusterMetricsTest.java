package eu.muster.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.SlaClockKind;
import io.micrometer.core.instrument.MockClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusterMetricsTest {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final MockClock clock = new MockClock();

    /** The value of one series in a scrape, or null when the scrape has no such series. */
    private static String series(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> line.substring(series.length() + 1))
                .findFirst()
                .orElse(null);
    }

    @Test
    void counts_submissions_by_outcome_and_rejection_reason() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.submissionAccepted();
            metrics.submissionAccepted();
            metrics.submissionRejected("NOT_MATCHED");
            metrics.submissionRejected("UNDECODABLE");
            metrics.submissionRejected("UNDECODABLE");
            metrics.submissionRejected("UNDECODABLE");

            String scrape = metrics.scrape();

            assertThat(series(scrape, "muster_submissions_total{application=\"muster\",outcome=\"accepted\",reason=\"none\"}"))
                    .isEqualTo("2.0");
            assertThat(series(scrape, "muster_submissions_total{application=\"muster\",outcome=\"rejected\",reason=\"NOT_MATCHED\"}"))
                    .isEqualTo("1.0");
            assertThat(series(scrape, "muster_submissions_total{application=\"muster\",outcome=\"rejected\",reason=\"UNDECODABLE\"}"))
                    .isEqualTo("3.0");
            // Reasons never met are not pre-registered.
            assertThat(scrape).doesNotContain("reason=\"DUPLICATE_REQUEST\"");
            assertThat(scrape).contains("# TYPE muster_submissions_total counter");
        }
    }

    @Test
    void accepted_submissions_start_at_zero() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            assertThat(series(metrics.scrape(),
                    "muster_submissions_total{application=\"muster\",outcome=\"accepted\",reason=\"none\"}"))
                    .isEqualTo("0.0");
            assertThat(metrics.scrape()).doesNotContain("outcome=\"rejected\"");
        }
    }

    @Test
    void view_latency_is_a_histogram_with_buckets_at_the_objectives() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.viewLatency("sla", Duration.ofMillis(150));
            metrics.viewLatency("sla", Duration.ofMillis(700));
            metrics.viewLatency("coordination", Duration.ofSeconds(3));

            String scrape = metrics.scrape();

            assertThat(scrape).contains("# TYPE muster_view_latency_seconds histogram");
            String sla = "muster_view_latency_seconds_bucket{application=\"muster\",view=\"sla\",le=";
            assertThat(series(scrape, sla + "\"0.1\"}")).isEqualTo("0");
            assertThat(series(scrape, sla + "\"0.25\"}")).isEqualTo("1");
            assertThat(series(scrape, sla + "\"0.5\"}")).isEqualTo("1");
            assertThat(series(scrape, sla + "\"1.0\"}")).isEqualTo("2");
            assertThat(series(scrape, sla + "\"2.0\"}")).isEqualTo("2");
            assertThat(series(scrape, sla + "\"5.0\"}")).isEqualTo("2");
            assertThat(series(scrape, sla + "\"+Inf\"}")).isEqualTo("2");
            assertThat(series(scrape, "muster_view_latency_seconds_count{application=\"muster\",view=\"sla\"}"))
                    .isEqualTo("2");
            assertThat(series(scrape, "muster_view_latency_seconds_sum{application=\"muster\",view=\"sla\"}"))
                    .isEqualTo("0.85");

            String coordination = "muster_view_latency_seconds_bucket{application=\"muster\",view=\"coordination\",le=";
            assertThat(series(scrape, coordination + "\"2.0\"}")).isEqualTo("0");
            assertThat(series(scrape, coordination + "\"5.0\"}")).isEqualTo("1");
            assertThat(series(scrape, "muster_view_latency_seconds_count{application=\"muster\",view=\"coordination\"}"))
                    .isEqualTo("1");
        }
    }

    @Test
    void view_latency_buckets_stay_within_the_expected_range() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.viewLatency("sla", Duration.ofMillis(150));

            List<Double> bounds = metrics.scrape().lines()
                    .filter(line -> line.startsWith("muster_view_latency_seconds_bucket{"))
                    .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                    .filter(le -> !le.equals("+Inf"))
                    .map(Double::valueOf)
                    .collect(Collectors.toList());

            // A published percentile histogram: many buckets, from about 1 ms up to 60 s.
            assertThat(bounds).hasSizeGreaterThan(20);
            assertThat(bounds).allSatisfy(le -> assertThat(le).isBetween(0.001, 60.0));
            assertThat(bounds).contains(0.1, 0.25, 0.5, 1.0, 2.0, 5.0);
        }
    }

    @Test
    void a_negative_view_latency_counts_as_zero() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.viewLatency("sla", Duration.ofMillis(-40));

            String scrape = metrics.scrape();

            assertThat(series(scrape, "muster_view_latency_seconds_count{application=\"muster\",view=\"sla\"}"))
                    .isEqualTo("1");
            assertThat(series(scrape, "muster_view_latency_seconds_bucket{application=\"muster\",view=\"sla\",le=\"0.1\"}"))
                    .isEqualTo("1");
        }
    }

    @Test
    void open_breaches_has_one_gauge_per_known_clock_with_the_supplier_values() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.openBreaches(() -> Map.of("REQUEST_TO_MATCH", 3L, "PHASE_INVESTIGATION", 1L));

            String scrape = metrics.scrape();

            assertThat(scrape).contains("# TYPE muster_sla_open_breaches gauge");
            assertThat(series(scrape, "muster_sla_open_breaches{application=\"muster\",clock=\"REQUEST_TO_MATCH\"}"))
                    .isEqualTo("3.0");
            assertThat(series(scrape, "muster_sla_open_breaches{application=\"muster\",clock=\"PHASE_INVESTIGATION\"}"))
                    .isEqualTo("1.0");
            List<SlaClockKind> known = Arrays.stream(SlaClockKind.values())
                    .filter(kind -> kind != SlaClockKind.UNKNOWN)
                    .collect(Collectors.toList());
            assertThat(known).hasSize(8);
            for (SlaClockKind kind : known) {
                assertThat(series(scrape, "muster_sla_open_breaches{application=\"muster\",clock=\"" + kind + "\"}"))
                        .as(kind.name())
                        .isNotNull();
            }
            assertThat(series(scrape, "muster_sla_open_breaches{application=\"muster\",clock=\"MATCH_TO_ON_SITE\"}"))
                    .isEqualTo("0.0");
            assertThat(scrape).doesNotContain("clock=\"UNKNOWN\"");
        }
    }

    @Test
    void open_breaches_are_computed_once_per_refresh_interval() {
        AtomicInteger calls = new AtomicInteger();
        Map<String, Long> breaches = new HashMap<>(Map.of("REQUEST_TO_MATCH", 2L));
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.openBreaches(() -> {
                calls.incrementAndGet();
                return breaches;
            });
            String requestToMatch = "muster_sla_open_breaches{application=\"muster\",clock=\"REQUEST_TO_MATCH\"}";

            String first = metrics.scrape();
            breaches.put("REQUEST_TO_MATCH", 7L);
            clock.add(REFRESH.minusMillis(1));
            String second = metrics.scrape();

            // Eight gauges, two scrapes, one computation; the snapshot is a copy, not the live map.
            assertThat(calls).hasValue(1);
            assertThat(series(first, requestToMatch)).isEqualTo("2.0");
            assertThat(series(second, requestToMatch)).isEqualTo("2.0");

            clock.add(Duration.ofMillis(1));
            String third = metrics.scrape();

            assertThat(calls).hasValue(2);
            assertThat(series(third, requestToMatch)).isEqualTo("7.0");
        }
    }

    @Test
    void open_breaches_read_nan_while_the_supplier_fails_and_recover_after() {
        AtomicReference<RuntimeException> failure =
                new AtomicReference<>(new IllegalStateException("store is migrating"));
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.openBreaches(() -> {
                RuntimeException e = failure.get();
                if (e != null) {
                    throw e;
                }
                return Map.of("CLOSURE_TO_REVIEW", 4L);
            });
            String closureToReview = "muster_sla_open_breaches{application=\"muster\",clock=\"CLOSURE_TO_REVIEW\"}";
            String initialResponse = "muster_sla_open_breaches{application=\"muster\",clock=\"PHASE_INITIAL_RESPONSE\"}";

            String failed = metrics.scrape();

            assertThat(series(failed, closureToReview)).isEqualTo("NaN");
            assertThat(series(failed, initialResponse)).isEqualTo("NaN");

            failure.set(null);
            clock.add(REFRESH);
            String recovered = metrics.scrape();

            assertThat(series(recovered, closureToReview)).isEqualTo("4.0");
            assertThat(series(recovered, initialResponse)).isEqualTo("0.0");
        }
    }

    @Test
    void a_snapshot_reads_nan_itself_when_its_source_fails_and_retries_after_the_refresh() {
        AtomicInteger calls = new AtomicInteger();
        MusterMetrics.Snapshot snapshot = new MusterMetrics.Snapshot("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("store is migrating");
            }
            return Map.of("A", 9L);
        }, clock, REFRESH);

        // Not left to the registry's own guard: the snapshot never throws into a gauge.
        assertThat(snapshot.value("A")).isNaN();
        assertThat(snapshot.value("B")).isNaN();
        assertThat(calls).hasValue(1);

        clock.add(REFRESH);

        assertThat(snapshot.value("A")).isEqualTo(9.0);
        assertThat(snapshot.value("B")).isEqualTo(0.0);
        assertThat(calls).hasValue(2);
    }

    @Test
    void a_snapshot_of_no_values_reads_nan() {
        MusterMetrics.Snapshot snapshot = new MusterMetrics.Snapshot("test", () -> null, clock, REFRESH);

        assertThat(snapshot.value("A")).isNaN();
    }

    @Test
    void review_backlog_has_due_and_overdue_with_the_same_cache_and_nan_rule() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Map<String, Long>> backlog = new AtomicReference<>(Map.of("DUE", 5L, "OVERDUE", 2L));
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.reviewBacklog(() -> {
                calls.incrementAndGet();
                Map<String, Long> values = backlog.get();
                if (values == null) {
                    throw new IllegalStateException("store is migrating");
                }
                return values;
            });
            String due = "muster_review_backlog{application=\"muster\",state=\"DUE\"}";
            String overdue = "muster_review_backlog{application=\"muster\",state=\"OVERDUE\"}";

            String first = metrics.scrape();
            metrics.scrape();

            assertThat(calls).hasValue(1);
            assertThat(series(first, due)).isEqualTo("5.0");
            assertThat(series(first, overdue)).isEqualTo("2.0");
            assertThat(first).doesNotContain("state=\"NOT_DUE\"").doesNotContain("state=\"FILED\"");

            backlog.set(null);
            clock.add(REFRESH);
            String failed = metrics.scrape();

            assertThat(calls).hasValue(2);
            assertThat(series(failed, due)).isEqualTo("NaN");
            assertThat(series(failed, overdue)).isEqualTo("NaN");
        }
    }

    @Test
    void a_second_supplier_for_a_gauge_family_is_refused() {
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.openBreaches(Map::of);
            metrics.reviewBacklog(Map::of);

            assertThatThrownBy(() -> metrics.openBreaches(Map::of)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> metrics.reviewBacklog(Map::of)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void binds_jvm_metrics_with_the_application_tag() {
        try (MusterMetrics metrics = MusterMetrics.create()) {
            String scrape = metrics.scrape();

            assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{application=\"muster\",area=\"heap\",id=\"[^\"]+\"} ");
            assertThat(scrape).containsPattern("(?m)^jvm_threads_live_threads\\{application=\"muster\"} ");
            assertThat(scrape).containsPattern("(?m)^jvm_classes_loaded_classes\\{application=\"muster\"} ");
            assertThat(scrape).containsPattern("(?m)^system_cpu_count\\{application=\"muster\"} ");
            assertThat(scrape).containsPattern("(?m)^process_uptime_seconds\\{application=\"muster\"} ");
            // GC pauses appear with the first collection; what JvmGcMetrics registers at once proves it bound.
            assertThat(scrape).containsPattern("(?m)^jvm_gc_max_data_size_bytes\\{application=\"muster\"} ");
        }
    }

    @Test
    void binds_a_producer_metrics_under_kafka_producer() {
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        MetricName sendRate = new MetricName("record-send-rate", "producer-metrics", "records sent per second",
                Map.of("client-id", "muster-gateway"));
        producer.setMockMetrics(sendRate, new FixedMetric(sendRate, 12.5));
        try (MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.bindClient(producer);

            assertThat(series(metrics.scrape(),
                    "kafka_producer_record_send_rate{application=\"muster\",client_id=\"muster-gateway\",kafka_version=\"unknown\"}"))
                    .isEqualTo("12.5");
        }
    }

    @Test
    void binds_a_kafka_streams_instance_under_kafka_stream(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "muster-metrics-test");
        // Never started: its metrics exist from construction, and nothing waits for this address.
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
                MusterMetrics metrics = MusterMetrics.create(REFRESH, clock)) {
            metrics.bindStreams(streams);

            String scrape = metrics.scrape();

            // The names the Grafana dashboard (deploy/grafana/muster.json) queries.
            assertThat(scrape).containsPattern("(?m)^kafka_stream_thread_process_rate\\{[^}]*thread_id=\"[^\"]+\"");
            assertThat(scrape).containsPattern("(?m)^kafka_stream_thread_commit_latency_avg\\{");
            assertThat(scrape).containsPattern("(?m)^kafka_stream_alive_stream_threads\\{[^}]*} 1.0");
            assertThat(scrape).containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*StreamThread-1-consumer\"");
        }
    }

    @Test
    void nothing_binds_after_close() {
        MusterMetrics metrics = MusterMetrics.create(REFRESH, clock);
        metrics.close();
        metrics.close();

        assertThatThrownBy(() -> metrics.bindClient(new MockProducer<>(true, null, new StringSerializer(), new StringSerializer())))
                .isInstanceOf(IllegalStateException.class);
    }

    /** A Kafka metric with a fixed value. */
    private record FixedMetric(MetricName metricName, double value) implements Metric {
        @Override
        public Object metricValue() {
            return value;
        }
    }
}
