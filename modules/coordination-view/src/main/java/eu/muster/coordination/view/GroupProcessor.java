package eu.muster.coordination.view;

import eu.muster.contract.GroupEntry;
import eu.muster.coordination.GroupFold;
import eu.muster.coordination.GroupViews;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the entries of one group (a member state, a provider, a lesson group) into the group's
 * view, one entry at a time: each entry replaces the incident's previous one (a null entry removes
 * it). The previous entry is counted out and the new one in ({@link GroupFold}) in the group's
 * counts, the durations' indexes follow ({@link DurationIndex}), and the newest store orders the
 * entries, so a change costs the same however many incidents the group holds.
 *
 * <p>Writing the view (summaries, the newest {@link GroupViews#LISTED} entries, the view store and
 * the view topic) is the larger part of that cost, and a busy member state changes many times a
 * second. With a positive group interval the view is therefore written once per interval for each
 * group that changed, carrying the latest change's timestamp; the groups waiting are kept in a store,
 * so a restart writes them too. With a zero interval it is written at every change. Either way the
 * view written is the same function of the group's entries. A group with no entries left has no view.
 *
 * <p>A view with no counts behind it was written before contract version 6 or before the counts
 * store; the first change to its group rebuilds the group's counts and indexes from its entries, once.
 *
 * @param <E> one incident's entry in the group
 * @param <V> the group view
 */
final class GroupProcessor<E, V> implements Processor<String, GroupEntry, String, V> {

    /** Group ids and incident ids hold no '/', so {@code <group>/} prefixes exactly one group's entries. */
    static final String SEPARATOR = "/";
    private static final String PAST_SEPARATOR = "0";

    private final Grouping grouping;
    private final GroupFold<E, V> fold;
    private final Class<E> entryType;
    private final Duration interval;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, GroupEntry> entries;
    private KeyValueStore<String, GroupEntry> newest;
    private DurationIndex durations;
    private KeyValueStore<String, V> counts;
    private KeyValueStore<String, Long> pending;
    private KeyValueStore<String, V> views;

    GroupProcessor(Grouping grouping, GroupFold<E, V> fold, Class<E> entryType, Duration interval) {
        this.grouping = grouping;
        this.fold = fold;
        this.entryType = entryType;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        entries = context.getStateStore(grouping.entryStore());
        newest = context.getStateStore(grouping.newestStore());
        durations = fold.durations().isEmpty() ? null : new DurationIndex(context.getStateStore(grouping.durationStore()));
        counts = context.getStateStore(grouping.countStore());
        pending = context.getStateStore(grouping.pendingStore());
        views = context.getStateStore(grouping.viewStore());
        if (!interval.isZero()) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> writePending());
        }
    }

    @Override
    public void process(Record<String, GroupEntry> record) {
        GroupEntry change = record.value();
        String group = change.getGroup();
        if (group.contains(SEPARATOR)) {
            throw new IllegalStateException("group '" + group + "' of " + grouping + " holds '" + SEPARATOR + "'; group keys are codes and ids");
        }
        String key = group + SEPARATOR + change.getIncidentId();
        V counted = counts.get(group);
        if (counted == null) {
            counted = views.get(group) == null ? fold.empty(group) : rebuild(group);
        }
        GroupEntry previous = entries.get(key);
        if (previous != null) {
            counted = leave(counted, group, entry(previous));
        }
        if (change.getEntry() == null) {
            entries.delete(key);
        } else {
            entries.put(key, change);
            counted = join(counted, group, entry(change), change);
        }
        if (fold.size(counted) == 0) {
            counts.delete(group);
            counted = null;
        } else {
            counts.put(group, counted);
        }
        if (interval.isZero()) {
            write(group, counted, record.timestamp());
        } else {
            pending.put(group, record.timestamp());
        }
    }

    /** Writes the view of every group changed since the last time, and forgets that they changed. */
    private void writePending() {
        List<KeyValue<String, Long>> changed = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            all.forEachRemaining(changed::add);
        }
        for (KeyValue<String, Long> group : changed) {
            write(group.key, counts.get(group.key), group.value);
            pending.delete(group.key);
        }
    }

    /**
     * Writes the group's view from its {@code counted} view (which it changes) and its indexes as they now stand, with
     * {@code timestamp}; a group with no entries left ({@code counted} null) goes.
     */
    private void write(String group, V counted, long timestamp) {
        if (counted == null) {
            // The last incident left the group: the group goes, from the store and (as a tombstone) from the compacted topic.
            views.delete(group);
            context.forward(new Record<String, V>(group, null, timestamp));
            return;
        }
        V view = summarised(counted, group);
        views.put(group, view);
        context.forward(new Record<>(group, view, timestamp));
    }

    private V join(V view, String group, E entry, GroupEntry change) {
        newest.put(newestKey(group, entry), change);
        for (String duration : fold.durations()) {
            Long value = fold.duration(entry, duration);
            if (value != null) {
                durations.insert(group, duration, value, fold.incidentId(entry));
            }
        }
        return fold.count(view, entry, 1);
    }

    private V leave(V view, String group, E entry) {
        newest.delete(newestKey(group, entry));
        for (String duration : fold.durations()) {
            Long value = fold.duration(entry, duration);
            if (value != null) {
                durations.remove(group, duration, value, fold.incidentId(entry));
            }
        }
        return fold.count(view, entry, -1);
    }

    /** The counted view (which it changes) with its duration summaries and its newest entries. */
    private V summarised(V view, String group) {
        for (String duration : fold.durations()) {
            DurationIndex.Summary summary = durations.summary(group, duration);
            view = fold.summarise(view, duration, summary.count(), summary.median(), summary.worst());
        }
        List<E> listed = new ArrayList<>(GroupViews.LISTED);
        try (KeyValueIterator<String, GroupEntry> first = newest.range(group + SEPARATOR, group + PAST_SEPARATOR)) {
            while (first.hasNext() && listed.size() < GroupViews.LISTED) {
                listed.add(entry(first.next().value));
            }
        }
        return fold.list(view, listed);
    }

    /** Counts and indexes a group whose view predates them, from its entries. */
    private V rebuild(String group) {
        List<GroupEntry> members = new ArrayList<>();
        try (KeyValueIterator<String, GroupEntry> all = entries.prefixScan(group + SEPARATOR, new StringSerializer())) {
            all.forEachRemaining(entry -> members.add(entry.value));
        }
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, GroupEntry> listed = newest.range(group + SEPARATOR, group + PAST_SEPARATOR)) {
            listed.forEachRemaining(entry -> stale.add(entry.key));
        }
        stale.forEach(newest::delete);
        fold.durations().forEach(duration -> durations.clear(group, duration));
        V view = fold.empty(group);
        for (GroupEntry member : members) {
            view = join(view, group, entry(member), member);
        }
        return view;
    }

    private E entry(GroupEntry change) {
        return entryType.cast(change.getEntry());
    }

    /** {@code <group>/<newest first>/<incidentId>}: the bitwise complement orders instants newest first; no instant sorts last. */
    private String newestKey(String group, E entry) {
        Instant at = fold.listedBy(entry);
        long order = at == null ? Long.MAX_VALUE : ~at.toEpochMilli();
        return group + SEPARATOR + DurationIndex.ordered(order) + SEPARATOR + fold.incidentId(entry);
    }
}
