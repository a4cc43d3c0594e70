package eu.muster.coordination.view;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The values of one duration over each group, in order, with a cursor on their lower median, so
 * that count, median and longest follow each change in a few store steps instead of a pass over
 * the group. Values are keyed {@code <group>/<duration>/<ordered value>/<incidentId>}: the incident id
 * makes equal values distinct, so the cursor names exactly one of them. The cursor, keyed
 * {@code <group>/<duration>}, holds {@code <count>:<key of the median value>}.
 */
final class DurationIndex {

    private static final String SEPARATOR = GroupProcessor.SEPARATOR;
    /** The character after {@link #SEPARATOR}: {@code <prefix>/} up to {@code <prefix>0} spans exactly the keys under the prefix. */
    private static final String PAST_SEPARATOR = "0";

    private final KeyValueStore<String, String> store;

    DurationIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** A duration's summary over one group. */
    record Summary(int count, Long median, Long worst) {
        static final Summary NONE = new Summary(0, null, null);
    }

    /** Adds {@code incidentId}'s value. */
    void insert(String group, String duration, long value, String incidentId) {
        String key = valueKey(group, duration, value, incidentId);
        Cursor cursor = cursor(group, duration);
        store.put(key, "");
        String median;
        if (cursor.count() == 0) {
            median = key;
        } else if (cursor.count() % 2 == 1) {
            // Odd: the median keeps its position; a smaller value pushes it one up, so the one below takes its place.
            median = key.compareTo(cursor.median()) < 0 ? neighbour(group, duration, cursor.median(), false) : cursor.median();
        } else {
            // Even: the median moves one position up; a larger value leaves it where it was, so the one above takes its place.
            median = key.compareTo(cursor.median()) > 0 ? neighbour(group, duration, cursor.median(), true) : cursor.median();
        }
        store.put(cursorKey(group, duration), (cursor.count() + 1) + ":" + median);
    }

    /** Removes {@code incidentId}'s value, which must be in the index. */
    void remove(String group, String duration, long value, String incidentId) {
        String key = valueKey(group, duration, value, incidentId);
        Cursor cursor = cursor(group, duration);
        if (cursor.count() == 0 || store.get(key) == null) {
            throw new IllegalStateException("the " + duration + " of incident " + incidentId + " in group '" + group + "' is not in its index");
        }
        if (cursor.count() == 1) {
            store.delete(key);
            store.delete(cursorKey(group, duration));
            return;
        }
        String median;
        if (cursor.count() % 2 == 1) {
            // Odd: the median moves one position down, unless a smaller value left and moved it there already.
            median = key.compareTo(cursor.median()) >= 0 ? neighbour(group, duration, cursor.median(), false) : cursor.median();
        } else {
            // Even: the median keeps its position; unless a larger value left, the one above takes it.
            median = key.compareTo(cursor.median()) <= 0 ? neighbour(group, duration, cursor.median(), true) : cursor.median();
        }
        store.delete(key);
        store.put(cursorKey(group, duration), (cursor.count() - 1) + ":" + median);
    }

    /** Count, lower median and longest of the duration over the group. */
    Summary summary(String group, String duration) {
        Cursor cursor = cursor(group, duration);
        if (cursor.count() == 0) {
            return Summary.NONE;
        }
        String prefix = cursorKey(group, duration) + SEPARATOR;
        String longest;
        try (KeyValueIterator<String, String> last = store.reverseRange(prefix, cursorKey(group, duration) + PAST_SEPARATOR)) {
            longest = last.next().key;
        }
        return new Summary(cursor.count(), value(cursor.median()), value(longest));
    }

    /** Deletes the group's values and cursor of the duration. */
    void clear(String group, String duration) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.range(cursorKey(group, duration) + SEPARATOR, cursorKey(group, duration) + PAST_SEPARATOR)) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
        store.delete(cursorKey(group, duration));
    }

    /** The key next above ({@code up}) or below {@code key} among the group's values of the duration. */
    private String neighbour(String group, String duration, String key, boolean up) {
        String low = cursorKey(group, duration) + SEPARATOR;
        String high = cursorKey(group, duration) + PAST_SEPARATOR;
        try (KeyValueIterator<String, String> next = up ? store.range(key, high) : store.reverseRange(low, key)) {
            while (next.hasNext()) {
                String candidate = next.next().key;
                if (!candidate.equals(key)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("the index of " + duration + " in group '" + group + "' has no value " + (up ? "above " : "below ") + key);
    }

    private Cursor cursor(String group, String duration) {
        String stored = store.get(cursorKey(group, duration));
        if (stored == null) {
            return new Cursor(0, null);
        }
        int colon = stored.indexOf(':');
        return new Cursor(Integer.parseInt(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    private record Cursor(int count, String median) {
    }

    private static String cursorKey(String group, String duration) {
        return group + SEPARATOR + duration;
    }

    private static String valueKey(String group, String duration, long value, String incidentId) {
        return cursorKey(group, duration) + SEPARATOR + ordered(value) + SEPARATOR + incidentId;
    }

    /** Sixteen hex digits that sort as the signed value does. */
    static String ordered(long value) {
        return String.format("%016x", value ^ Long.MIN_VALUE);
    }

    /** The value of a value key. */
    private static long value(String key) {
        String[] parts = key.split(SEPARATOR);
        return Long.parseUnsignedLong(parts[parts.length - 2], 16) ^ Long.MIN_VALUE;
    }
}
