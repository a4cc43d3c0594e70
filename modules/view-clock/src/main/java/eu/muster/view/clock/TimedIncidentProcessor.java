package eu.muster.view.clock;

import eu.muster.contract.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one timed view of every incident on the log of record. An event moves its incident's view
 * at the instant it was recorded; time moves it at the instants the view's {@link IncidentFold}
 * names, found through the due index by wall-clock punctuation (so a deadline shows with no new
 * event) and by stream-time punctuation (so a backlog read in one go is timed as it was recorded).
 * Each reading is taken at an instant derived from the log (a recording or a due instant), never
 * at whenever the punctuation happened to run, so what a subclass writes for a reading is what a
 * replay of the same log computes at the same instant.
 *
 * @param <F> the view's facts
 * @param <O> what the view forwards downstream
 */
public abstract class TimedIncidentProcessor<F, O> implements Processor<String, RecordedEvent, String, O> {

    /** At most this many incidents are moved on per punctuation, so one punctuation stays short after a long pause; the rest follow at the next. */
    public static final int MAX_DUE_PER_PUNCTUATION = 10_000;

    private final IncidentFold<F> fold;
    private final String trackStore;
    private final String dueStore;
    private final java.time.Duration checkInterval;
    private ProcessorContext<String, O> context;
    private KeyValueStore<String, Track<F>> tracks;
    private KeyValueStore<String, String> due;

    /**
     * @param fold          the view's facts and when they change by themselves
     * @param trackStore    the store of each incident's {@link Track} (key incident id)
     * @param dueStore      the due index (key {@link DueIndex#key}, value incident id)
     * @param checkInterval how often the punctuations look for incidents come due
     */
    protected TimedIncidentProcessor(IncidentFold<F> fold, String trackStore, String dueStore, java.time.Duration checkInterval) {
        this.fold = fold;
        this.trackStore = trackStore;
        this.dueStore = dueStore;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        tracks = context.getStateStore(trackStore);
        due = context.getStateStore(dueStore);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::moveOnTo);
        context.schedule(checkInterval, PunctuationType.STREAM_TIME, this::moveOnTo);
    }

    /** The context, for subclasses to forward and to reach their own stores. */
    protected ProcessorContext<String, O> context() {
        return context;
    }

    @Override
    public void process(Record<String, RecordedEvent> record) {
        RecordedEvent recorded = record.value();
        if (recorded == null) {
            throw new IllegalStateException("a null value on the log of record at key " + record.key() + "; the log holds only recorded events");
        }
        String incidentId = recorded.getIncidentId();
        long recordedAt = recorded.getRecordedAt().toEpochMilli();
        // Time first: what came due before this event was recorded happened without it.
        Track<F> before = moveOn(incidentId, tracks.get(incidentId), recordedAt);
        if (before == null) {
            before = Track.none(fold.empty());
        }
        Track<F> after = new Track<>(fold.apply(before.facts(), recorded.getEvent()),
                Math.max(before.throughSequence(), recorded.getSequence()), Math.max(before.asOf(), recordedAt), null);
        write(incidentId, before, after);
    }

    /** Moves on every incident whose view came due by {@code instant}, oldest first. */
    private void moveOnTo(long instant) {
        List<KeyValue<String, String>> dueNow = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.all()) {
            while (entries.hasNext() && dueNow.size() < MAX_DUE_PER_PUNCTUATION) {
                KeyValue<String, String> entry = entries.next();
                if (DueIndex.dueAt(entry.key) > instant) {
                    break;
                }
                dueNow.add(entry);
            }
        }
        for (KeyValue<String, String> entry : dueNow) {
            moveOn(entry.value, tracks.get(entry.value), instant);
        }
    }

    /** Reads the incident's view at each instant it changes by {@code instant}, writing each reading; returns where it ends. */
    private Track<F> moveOn(String incidentId, Track<F> track, long instant) {
        while (track != null && track.dueAt() != null && track.dueAt() <= instant) {
            track = write(incidentId, track, new Track<>(track.facts(), track.throughSequence(), track.dueAt(), null));
        }
        return track;
    }

    private Track<F> write(String incidentId, Track<F> before, Track<F> after) {
        Instant asOf = Instant.ofEpochMilli(after.asOf());
        emit(incidentId, before, after, asOf);
        Long dueAt = fold.nextChange(after.facts(), asOf).map(Instant::toEpochMilli).orElse(null);
        if (before.dueAt() != null) {
            due.delete(DueIndex.key(before.dueAt(), incidentId));
        }
        if (dueAt != null) {
            due.put(DueIndex.key(dueAt, incidentId), incidentId);
        }
        Track<F> kept = new Track<>(after.facts(), after.throughSequence(), after.asOf(), dueAt);
        tracks.put(incidentId, kept);
        return kept;
    }

    /**
     * Writes the incident's view as read at {@code asOf}: its stores and what it forwards, each
     * forwarded record timestamped {@code asOf}. {@code before} is what the previous reading was
     * computed from (read it at {@code before.asOf()} when {@code before.seen()}).
     */
    protected abstract void emit(String incidentId, Track<F> before, Track<F> after, Instant asOf);

    /** The instant a track was last read at. */
    protected static Optional<Instant> lastRead(Track<?> track) {
        return track.seen() ? Optional.of(Instant.ofEpochMilli(track.asOf())) : Optional.empty();
    }
}
