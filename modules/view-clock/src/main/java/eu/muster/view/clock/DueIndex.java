package eu.muster.view.clock;

/**
 * Keys of a due index: the instant, zero-padded so that keys sort in time order, then the incident.
 * Instants before 1970 sort as 1970: no incident is due then.
 */
public final class DueIndex {

    private static final int DIGITS = 19;

    private DueIndex() {
    }

    /** The key of {@code incidentId} coming due at {@code dueAt} (epoch millis). */
    public static String key(long dueAt, String incidentId) {
        return String.format("%0" + DIGITS + "d", Math.max(0, dueAt)) + "/" + incidentId;
    }

    /** The instant a key is due at. */
    public static long dueAt(String key) {
        return Long.parseLong(key.substring(0, DIGITS));
    }
}
