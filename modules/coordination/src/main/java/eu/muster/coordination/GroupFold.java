package eu.muster.coordination;

import java.time.Instant;
import java.util.List;

/**
 * How a cross-incident view is kept one entry at a time, so that a change to one incident costs the
 * same however many incidents its group holds: counts and sums move by the entry that leaves and the
 * entry that arrives; each duration is summarised (count, lower median, longest) from an ordered
 * index of the group's values; the list shows the group's newest entries only. {@link GroupViews}
 * folds a whole group with the same functions, for the auditor's replay and as the reference the
 * incremental fold must match.
 *
 * <p>{@link #count}, {@link #summarise} and {@link #list} change the view they are given and return
 * it: a group view lists up to {@link GroupViews#LISTED} entries, and copying them at every step
 * showed in the benchmark's profiles. Callers pass a view they own (a fresh
 * {@link #empty} or one just decoded) and use only what is returned.
 *
 * @param <E> one incident's entry in the group
 * @param <V> the group's view
 */
public interface GroupFold<E, V> {

    /** The view of a group with no entries. */
    V empty(String group);

    /** {@code view}, changed: {@code entry} counted in ({@code sign} +1) or out (-1). */
    V count(V view, E entry, int sign);

    /** How many entries {@code view} counts; a group at 0 has no view. */
    int size(V view);

    /** The incident the entry belongs to. */
    String incidentId(E entry);

    /** What the list orders by, newest first (then by incident id); null sorts as the oldest. */
    Instant listedBy(E entry);

    /** The names of the durations the view summarises, in a fixed order; empty if none. */
    List<String> durations();

    /** The entry's value of duration {@code name}, in milliseconds; null if it has none. */
    Long duration(E entry, String name);

    /** {@code view}, changed: duration {@code name} summarised as how many values, the lower median and the longest (null when none). */
    V summarise(V view, String name, int count, Long median, Long worst);

    /** {@code view}, changed: listing {@code newest}, which are already in order and at most {@link GroupViews#LISTED}. */
    V list(V view, List<E> newest);
}
