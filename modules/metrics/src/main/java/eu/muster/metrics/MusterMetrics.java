package eu.muster.metrics;

import eu.muster.contract.ReviewState;
import eu.muster.contract.SlaClockKind;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one meter registry, exposed to Prometheus.
 *
 * <p>It carries the JVM's metrics, the Kafka clients' and Kafka Streams' own metrics, and muster's
 * domain meters: submissions decided by the log of record, the latency from an event to the view
 * that reflects it, open SLA breaches per clock and the incident review backlog. Every meter carries
 * the common tag {@code application=muster}, so one Prometheus serves muster beside other systems.
 *
 * <p>Gauges computed from a state store ({@link #openBreaches}, {@link #reviewBacklog}) are read
 * through a snapshot taken at most once per refresh interval: one scrape reads all gauges of a
 * family, and a Prometheus pair in high availability scrapes twice, yet the store is scanned once.
 *
 * <p>Thread-safe. {@link #close()} releases the binders' listeners and threads.
 */
public final class MusterMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** How long a state-store snapshot behind a gauge family is reused unless told otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    /**
     * How often the Kafka Streams binder looks for metrics added since it last looked. A look compares
     * every Kafka metric with the meters already bound; with six tasks per processor and dozens of stores
     * that took some 3.5 s of processor time, once a minute by Micrometer's default (docs/benchmarks.md#tuning).
     */
    public static final Duration STREAMS_METRICS_REFRESH = Duration.ofMinutes(5);

    static final String SUBMISSIONS = "muster.submissions";
    static final String VIEW_LATENCY = "muster.view.latency";
    static final String OPEN_BREACHES = "muster.sla.open.breaches";
    static final String REVIEW_BACKLOG = "muster.review.backlog";

    /** The review states that make up the backlog: the reviews still owed. */
    private static final List<ReviewState> BACKLOG_STATES = List.of(ReviewState.DUE, ReviewState.OVERDUE);

    private static final Logger log = LoggerFactory.getLogger(MusterMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Duration refresh;
    private final Counter accepted;
    private final Map<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencyByView = new ConcurrentHashMap<>();
    /** Closed in reverse order of binding, the registry last. Guarded by {@code this}. */
    private final Deque<Runnable> closers = new ArrayDeque<>();
    private boolean openBreachesRegistered;
    private boolean reviewBacklogRegistered;
    private boolean closed;

    private MusterMetrics(Duration refresh, Clock clock) {
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("refresh must not be negative: " + refresh);
        }
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        // Common tags apply only to meters registered after them: set before any binder runs.
        registry.config().commonTags("application", "muster");

        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closers.push(gc::close); // it listens to GC notifications until closed
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        // Registered at once so that rate() has a zero to start from before the first acceptance.
        this.accepted = submissions("accepted", "none");
    }

    /**
     * The registry with JVM metrics bound, state-store snapshots reused for {@link #DEFAULT_REFRESH}.
     *
     * @return a new registry; the caller closes it
     */
    public static MusterMetrics create() {
        return create(DEFAULT_REFRESH, Clock.SYSTEM);
    }

    /**
     * The registry with JVM metrics bound, state-store snapshots reused for {@code refresh} as
     * measured by {@code clock}'s monotonic time.
     *
     * @param refresh how long a snapshot behind {@link #openBreaches} and {@link #reviewBacklog} is
     *     reused; zero recomputes on every read
     * @param clock the registry's clock; tests pass a {@code MockClock} to move time without waiting
     * @return a new registry; the caller closes it
     */
    public static MusterMetrics create(Duration refresh, Clock clock) {
        return new MusterMetrics(refresh, clock);
    }

    /**
     * The underlying registry, for meters of a module's own.
     *
     * @return the Prometheus-backed registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Exposes a Kafka Streams instance's metrics (threads, tasks, stores, its embedded clients) as
     * {@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*} and so on.
     * Metrics of threads, tasks and stores added later are picked up by the binder's refresh, every
     * {@link #STREAMS_METRICS_REFRESH}.
     *
     * @param streams the instance, bound until {@link #close()}
     */
    public void bindStreams(KafkaStreams streams) {
        Objects.requireNonNull(streams, "streams");
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "muster-streams-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.of(), refresh, STREAMS_METRICS_REFRESH);
        bind(binder, () -> {
            binder.close();
            refresh.shutdownNow();
        });
    }

    /**
     * Exposes a producer's metrics as {@code kafka_producer_*}.
     *
     * @param producer the producer, bound until {@link #close()}
     */
    public void bindClient(Producer<?, ?> producer) {
        Objects.requireNonNull(producer, "producer");
        KafkaClientMetrics binder = new KafkaClientMetrics(producer);
        bind(binder, binder::close);
    }

    private synchronized void bind(MeterBinder binder, Runnable close) {
        // A Kafka binder owns a scheduler thread from construction: release it on every way out.
        if (closed) {
            close.run();
            throw new IllegalStateException("metrics are closed");
        }
        try {
            binder.bindTo(registry);
        } catch (RuntimeException e) {
            close.run();
            throw e;
        }
        closers.push(close); // its refresh scheduler runs until closed
    }

    /** Counts a submission the log of record accepted: {@code muster_submissions_total{outcome="accepted",reason="none"}}. */
    public void submissionAccepted() {
        accepted.increment();
    }

    /**
     * Counts a submission the log of record rejected: {@code muster_submissions_total{outcome="rejected",reason=...}}.
     *
     * @param reason the {@code RejectionReason} name, such as {@code NOT_MATCHED}
     */
    public void submissionRejected(String reason) {
        Objects.requireNonNull(reason, "reason");
        // Reasons come from a closed enum, so the cache stays as small as the contract.
        rejectedByReason.computeIfAbsent(reason, r -> submissions("rejected", r)).increment();
    }

    private Counter submissions(String outcome, String reason) {
        return Counter.builder(SUBMISSIONS)
                .description("Submissions decided by the log of record, by outcome and rejection reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    /**
     * Records how long a view took to reflect what it stands for:
     * {@code muster_view_latency_seconds{view=...}}, a histogram with buckets at the SLOs 100 ms,
     * 250 ms, 500 ms, 1 s, 2 s and 5 s.
     *
     * <p>The latency runs from the instant a view record stands for (its record timestamp: the
     * recording of the event that changed it, or the due instant for a change time made) to this
     * instance reading it on the view topic. A negative latency (the record's timestamp ahead of this
     * host's clock) counts as zero, so the count stays the number of records read.
     *
     * @param view the view, such as {@code sla} or {@code coordination}
     * @param latency from the record's timestamp to reading it
     */
    public void viewLatency(String view, Duration latency) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(latency, "latency");
        latencyByView.computeIfAbsent(view, this::viewLatencyTimer)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private Timer viewLatencyTimer(String view) {
        return Timer.builder(VIEW_LATENCY)
                .description("From the instant a view record stands for (its record timestamp: the recording of the event"
                        + " that changed it, or the due instant for a change time made) to this instance reading it"
                        + " on the view topic")
                .tag("view", view)
                .publishPercentileHistogram()
                .serviceLevelObjectives(
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /**
     * Registers {@code muster_sla_open_breaches{clock=...}}, one gauge per SLA clock kind the
     * contract knows (all but {@code UNKNOWN}), a kind missing from the map reading 0.
     *
     * <p>{@code byClock} is called at most once per refresh interval, however many gauges and
     * scrapes read it. Should it throw (its store is unavailable during a rebalance), the gauges
     * read NaN until the next refresh: a scrape never fails for it.
     *
     * @param byClock open breaches by {@code SlaClockKind} name; may scan a state store
     * @throws IllegalStateException if open breaches are registered already
     */
    public synchronized void openBreaches(Supplier<Map<String, Long>> byClock) {
        Objects.requireNonNull(byClock, "byClock");
        if (openBreachesRegistered) {
            // A second supplier would be silently ignored by the registry: say so instead.
            throw new IllegalStateException("open breaches are registered already");
        }
        openBreachesRegistered = true;
        Snapshot snapshot = new Snapshot(OPEN_BREACHES, byClock, clock, refresh);
        for (SlaClockKind kind : SlaClockKind.values()) {
            if (kind == SlaClockKind.UNKNOWN) {
                continue;
            }
            Gauge.builder(OPEN_BREACHES, snapshot, s -> s.value(kind.name()))
                    .description("SLA clocks breached and not yet stopped, by clock")
                    .tag("clock", kind.name())
                    .strongReference(true) // the registry holds the only reference to the snapshot
                    .register(registry);
        }
    }

    /**
     * Registers {@code muster_review_backlog{state="DUE"|"OVERDUE"}}: incident reviews owed, a state
     * missing from the map reading 0. Same refresh and NaN rule as {@link #openBreaches}.
     *
     * @param byState reviews by {@code ReviewState} name; may scan a state store
     * @throws IllegalStateException if the review backlog is registered already
     */
    public synchronized void reviewBacklog(Supplier<Map<String, Long>> byState) {
        Objects.requireNonNull(byState, "byState");
        if (reviewBacklogRegistered) {
            throw new IllegalStateException("the review backlog is registered already");
        }
        reviewBacklogRegistered = true;
        Snapshot snapshot = new Snapshot(REVIEW_BACKLOG, byState, clock, refresh);
        for (ReviewState state : BACKLOG_STATES) {
            Gauge.builder(REVIEW_BACKLOG, snapshot, s -> s.value(state.name()))
                    .description("Incident reviews owed under the review mechanism, by state")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    /**
     * Every meter in the Prometheus text exposition format ({@link #CONTENT_TYPE}).
     *
     * @return the scrape body
     */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops the binders (GC listener, Kafka metric refreshers) and closes the registry. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        closers.addLast(registry::close);
        while (!closers.isEmpty()) {
            try {
                closers.pop().run();
            } catch (RuntimeException e) {
                // Close the rest all the same, then report every failure at once.
                if (failure == null) {
                    failure = new IllegalStateException("closing the metrics failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A map computed by an expensive supplier, reused for a refresh interval. One snapshot serves
     * all gauges of a family, so a scrape scans the store once, not once per gauge.
     */
    static final class Snapshot {
        private final String family;
        private final Supplier<Map<String, Long>> source;
        private final Clock clock;
        private final long refreshNanos;
        private boolean taken;
        private long takenAtNanos;
        /** Null when the last computation failed: the gauges read NaN. */
        private Map<String, Long> values;

        Snapshot(String family, Supplier<Map<String, Long>> source, Clock clock, Duration refresh) {
            this.family = family;
            this.source = source;
            this.clock = clock;
            this.refreshNanos = refresh.toNanos();
        }

        /** The value of one key, recomputing the map first if it is older than the refresh interval. */
        synchronized double value(String key) {
            long now = clock.monotonicTime();
            if (!taken || now - takenAtNanos >= refreshNanos) {
                taken = true;
                takenAtNanos = now;
                values = compute();
            }
            if (values == null) {
                return Double.NaN;
            }
            Long value = values.get(key);
            return value == null ? 0 : value;
        }

        private Map<String, Long> compute() {
            try {
                Map<String, Long> computed = source.get();
                if (computed == null) {
                    log.debug("{}: the source gave no values; reporting NaN", family);
                    return null;
                }
                return new HashMap<>(computed); // the source's map may change under later reads
            } catch (RuntimeException e) {
                // Expected while the store migrates in a rebalance; a gauge must never throw into a scrape.
                log.debug("{}: the source is unavailable; reporting NaN until the next refresh", family, e);
                return null;
            }
        }
    }
}
