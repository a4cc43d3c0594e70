package eu.muster.coordination.view;

import eu.muster.contract.GroupEntry;
import eu.muster.coordination.GroupFold;
import eu.muster.coordination.GroupViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the entries of one group (a member state, a provider, a lesson group) into the group's
 * view, one entry at a time: each entry replaces the incident's previous one (a null entry removes
 * it). The previous entry is counted out and the new one in ({@link GroupFold}), the durations'
 * indexes follow ({@link DurationIndex}), and the list is read from the first keys of the newest
 * store, so a change costs the same however many incidents the group holds. The view is written
 * with the entry's timestamp; a group with no entries left has no view.
 *
 * <p>A view written before contract version 6 has no indexes behind it (and a member-state or
 * lessons view counts nothing); the first change to its group rebuilds the group's counts and
 * indexes from its entries, once.
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
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, GroupEntry> entries;
    private KeyValueStore<String, GroupEntry> newest;
    private DurationIndex durations;
    private KeyValueStore<String, V> views;

    GroupProcessor(Grouping grouping, GroupFold<E, V> fold, Class<E> entryType) {
        this.grouping = grouping;
        this.fold = fold;
        this.entryType = entryType;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        entries = context.getStateStore(grouping.entryStore());
        newest = context.getStateStore(grouping.newestStore());
        durations = fold.durations().isEmpty() ? null : new DurationIndex(context.getStateStore(grouping.durationStore()));
        views = context.getStateStore(grouping.viewStore());
    }

    @Override
    public void process(Record<String, GroupEntry> record) {
        GroupEntry change = record.value();
        String group = change.getGroup();
        if (group.contains(SEPARATOR)) {
            throw new IllegalStateException("group '" + group + "' of " + grouping + " holds '" + SEPARATOR + "'; group keys are codes and ids");
        }
        String key = group + SEPARATOR + change.getIncidentId();
        V view = views.get(group);
        if (view == null) {
            view = fold.empty(group);
        } else if (!indexed(group)) {
            view = rebuild(group);
        }
        GroupEntry previous = entries.get(key);
        if (previous != null) {
            view = leave(view, group, entry(previous));
        }
        if (change.getEntry() == null) {
            entries.delete(key);
        } else {
            entries.put(key, change);
            view = join(view, group, entry(change), change);
        }
        if (fold.size(view) == 0) {
            // The last incident left the group: the group goes, from the store and (as a tombstone) from the compacted topic.
            views.delete(group);
            context.forward(new Record<String, V>(group, null, record.timestamp()));
            return;
        }
        V updated = summarised(view, group);
        views.put(group, updated);
        context.forward(new Record<>(group, updated, record.timestamp()));
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

    /** The view with its duration summaries and its newest entries. */
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

    /** Whether the group's entries are in the newest store: every group with a view has, unless its view predates version 6. */
    private boolean indexed(String group) {
        try (KeyValueIterator<String, GroupEntry> first = newest.range(group + SEPARATOR, group + PAST_SEPARATOR)) {
            return first.hasNext();
        }
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
