package eu.muster.bench;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SlaView;
import eu.muster.topics.Topics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Watches the per-incident views (coordination, SLA, review) catch up with the log of record: every
 * accepted event's sequence is {@link #expect expected} in all three, and the watch knows which
 * incidents some view has not yet reached. Only incidents with a lagging view are held, so memory
 * follows the lag, not the history.
 */
final class ViewWatch implements AutoCloseable {

    /** The views watched, in the order of {@link Progress#seen}. */
    static final List<String> TOPICS = List.of(Topics.VIEW_COORDINATION, Topics.VIEW_SLA, Topics.VIEW_REVIEW);

    private final ConcurrentHashMap<String, Progress> lagging = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final Deserializer<CoordinationView> coordination;
    private final Deserializer<SlaView> sla;
    private final Deserializer<ReviewView> review;
    private final TopicTail tail;

    ViewWatch(String bootstrapServers, Topics topics) {
        this.coordination = topics.coordinationViewSerde().deserializer();
        this.sla = topics.slaViewSerde().deserializer();
        this.review = topics.reviewViewSerde().deserializer();
        this.tail = TopicTail.follow(bootstrapServers, TOPICS, this::seen, "views");
    }

    /** Where an incident's views stand against what the log holds of it. */
    private static final class Progress {
        long required;
        final long[] seen = new long[3];

        boolean complete() {
            return required > 0 && seen[0] >= required && seen[1] >= required && seen[2] >= required;
        }
    }

    /** The log of record holds {@code incidentId}'s event {@code sequence}: every view is to show it. */
    void expect(String incidentId, long sequence) {
        lagging.compute(incidentId, (id, progress) -> {
            Progress next = progress == null ? new Progress() : progress;
            next.required = Math.max(next.required, sequence);
            return next.complete() ? null : next;
        });
    }

    private void seen(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        records.incrementAndGet();
        int view = TOPICS.indexOf(record.topic());
        String topic = record.topic();
        long through;
        String incidentId;
        switch (view) {
            case 0 -> {
                CoordinationView value = coordination.deserialize(topic, record.value());
                incidentId = value.getIncidentId();
                through = value.getThroughSequence();
            }
            case 1 -> {
                SlaView value = sla.deserialize(topic, record.value());
                incidentId = value.getIncidentId();
                through = value.getThroughSequence();
            }
            default -> {
                ReviewView value = review.deserialize(topic, record.value());
                incidentId = value.getIncidentId();
                through = value.getThroughSequence();
            }
        }
        lagging.compute(incidentId, (id, progress) -> {
            Progress next = progress == null ? new Progress() : progress;
            next.seen[view] = Math.max(next.seen[view], through);
            return next.complete() ? null : next;
        });
    }

    /**
     * Incidents some view has not caught up with. An incident a view showed before its outcome reached
     * the benchmark counts until then too, which is why this is only read once every outcome is in.
     */
    int lagging() {
        tail.check();
        return (int) lagging.values().stream().filter(progress -> progress.required > 0).count();
    }

    /** View records read so far. */
    long records() {
        return records.get();
    }

    /** Forgets incidents that views showed but no outcome asked for: a new phase starts clean. */
    void forgetUnexpected() {
        lagging.values().removeIf(progress -> progress.required == 0);
    }

    @Override
    public void close() {
        tail.close();
    }
}
