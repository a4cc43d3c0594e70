package eu.muster.query;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.OrganisationRole;
import eu.muster.gateway.Caller;
import eu.muster.gateway.Problem;
import eu.muster.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the view topics and announces every committed change to the live stream's subscribers.
 * Each instance reads every partition (no consumer group), from the end at its start: a dashboard
 * first reads the views, then hears of what changes. Reading committed records only, it announces a
 * change once the transaction that made it is durable, so what the dashboard then reads is there.
 *
 * <p>It also measures, per view, the time from the instant a view record stands for to its being
 * readable here: the event-to-view latency for changes made by events, the detection lag for
 * changes made by time.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Map<String, String> VIEWS = Map.of(
            Topics.VIEW_COORDINATION, "coordination",
            Topics.VIEW_SLA, "sla",
            Topics.VIEW_REVIEW, "review",
            Topics.ALERT_SLA, "alert",
            Topics.VIEW_MEMBER_STATE, "member-state",
            Topics.VIEW_MSSP_SCORECARD, "scorecard",
            Topics.VIEW_LESSONS, "lessons");

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final StoreRouter router;
    private final BiConsumer<String, Duration> latency;
    private final Clock clock;
    private final List<Consumer<ViewChange>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private boolean started;

    /**
     * @param clientProperties how to reach the cluster (bootstrap servers, security)
     * @param topics           the serdes
     * @param router           reads an incident's coordination view, to decide who may hear of a change to it
     * @param latency          receives each view's event-to-view latency
     * @param clock            the wall clock the latency is measured with
     */
    public LiveFeed(Map<String, Object> clientProperties, Topics topics, StoreRouter router, BiConsumer<String, Duration> latency, Clock clock) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "muster-live-feed");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.router = router;
        this.latency = latency;
        this.clock = clock;
        this.thread = new Thread(this::run, "muster-live-feed");
        thread.setDaemon(true);
    }

    /** Starts watching from the current end of every view topic; returns once the end is fixed, so that no later change is missed. */
    public LiveFeed start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : VIEWS.keySet()) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before start() returns
        thread.start();
        started = true;
        return this;
    }

    /** Whether the feed stopped on an error: streams then end rather than keep a dashboard believing it is live. */
    public boolean failed() {
        return failed;
    }

    /** Hears of every change; {@code resync} runs when a change could not be attributed and readers should read everything again. */
    public void subscribe(Consumer<ViewChange> subscriber, Runnable resync) {
        subscribers.add(subscriber);
        resyncs.add(resync);
    }

    /** Stops hearing. */
    public void unsubscribe(Consumer<ViewChange> subscriber, Runnable resync) {
        subscribers.remove(subscriber);
        resyncs.remove(resync);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    announce(record);
                }
            }
        } catch (WakeupException stopping) {
            if (running) {
                throw stopping;
            }
        } catch (RuntimeException e) {
            // Dashboards then fall back to their periodic full read; the health of the processors is not affected.
            LOG.error("the live feed of view changes stopped; live streams end, and new ones are refused with 503", e);
            failed = true;
            resyncs.forEach(Runnable::run);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void announce(ConsumerRecord<String, byte[]> record) {
        String view = VIEWS.get(record.topic());
        Instant at = Instant.ofEpochMilli(record.timestamp());
        latency.accept(view, Duration.between(at, clock.instant()));
        if (record.key() == null) {
            return; // muster writes every view record with its key; a keyless one names nothing to announce
        }
        if (subscribers.isEmpty()) {
            return; // nobody to tell: deciding who may hear of the change would decode every coordination view for nothing
        }
        Optional<Predicate<Caller>> audience;
        try {
            audience = audience(view, record);
        } catch (Problem.Raised unavailable) {
            LOG.debug("cannot tell who may hear of {} {} now: {}", view, record.key(), unavailable.getMessage());
            resyncs.forEach(Runnable::run);
            return;
        }
        audience.ifPresent(who -> {
            ViewChange change = new ViewChange(view, record.key(), at, who);
            subscribers.forEach(subscriber -> subscriber.accept(change));
        });
    }

    private Optional<Predicate<Caller>> audience(String view, ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        switch (view) {
            case "member-state":
                return Optional.of(caller -> caller.auditor() || broad(caller) || key.equals(caller.organisation().getMemberState()));
            case "scorecard":
                return Optional.of(caller -> Sharing.mayReadScorecard(caller, key));
            case "lessons":
                return Optional.of(caller -> true); // groups are taxonomy classes and sectors; their content is filtered on read
            case "coordination":
                if (record.value() != null) {
                    CoordinationView coordination = topics.coordinationViewSerde().deserializer().deserialize(record.topic(), record.value());
                    return Optional.of(caller -> Sharing.mayRead(caller, coordination));
                }
                return incidentAudience(key);
            default:
                return incidentAudience(key);
        }
    }

    private Optional<Predicate<Caller>> incidentAudience(String incidentId) {
        return router.<CoordinationView>get(ViewStore.COORDINATION, incidentId)
                .map(coordination -> (Predicate<Caller>) caller -> Sharing.mayRead(caller, coordination))
                // No coordination view yet: only those who read everything may hear of it.
                .or(() -> Optional.of(Caller::auditor));
    }

    private static boolean broad(Caller caller) {
        OrganisationRole role = Objects.requireNonNull(caller.organisation()).getRole();
        return role == OrganisationRole.ENISA || role == OrganisationRole.COMMISSION;
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
