package eu.muster.coordination.view;

import eu.muster.contract.GroupEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the entries of one group (a member state, a provider, a lesson group) into the group's
 * view: each entry replaces the incident's previous one (a null entry removes it), and the view is
 * rebuilt from all of the group's entries and written with the entry's timestamp. A group with no
 * entries left has no view.
 *
 * @param <V> the group view
 */
final class GroupProcessor<V> implements Processor<String, GroupEntry, String, V> {

    /** Group ids and incident ids hold no '/', so {@code <group>/} prefixes exactly one group's entries. */
    static final String SEPARATOR = "/";

    private final Grouping grouping;
    private final BiFunction<String, List<Object>, V> view;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, GroupEntry> entries;
    private KeyValueStore<String, V> views;

    /** @param view builds a group's view from its group key and its incidents' entries, by incident id */
    GroupProcessor(Grouping grouping, BiFunction<String, List<Object>, V> view) {
        this.grouping = grouping;
        this.view = view;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        entries = context.getStateStore(grouping.entryStore());
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
        if (change.getEntry() == null) {
            entries.delete(key);
        } else {
            entries.put(key, change);
        }
        List<Object> members = new ArrayList<>();
        try (KeyValueIterator<String, GroupEntry> all = entries.prefixScan(group + SEPARATOR, new StringSerializer())) {
            all.forEachRemaining(entry -> members.add(entry.value.getEntry()));
        }
        if (members.isEmpty()) {
            // The last incident left the group: the group goes, from the store and (as a tombstone) from the compacted topic.
            views.delete(group);
            context.forward(new Record<String, V>(group, null, record.timestamp()));
            return;
        }
        V updated = view.apply(group, members);
        views.put(group, updated);
        context.forward(new Record<>(group, updated, record.timestamp()));
    }
}
