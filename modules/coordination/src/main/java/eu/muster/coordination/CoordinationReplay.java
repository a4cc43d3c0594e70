package eu.muster.coordination;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.ReviewView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What an auditor sees: the coordination, review, member-state, lessons and scorecard views as they
 * stood at one instant, recomputed from the log of record alone. Each incident's records up to the
 * instant are folded into its {@link IncidentFacts} and read at the instant with
 * {@link CoordinationViews}; the incidents' group entries are folded with {@link GroupViews}. The
 * live processor calls the very same functions, which is what makes its views reproducible: where it
 * had read the log up to the instant, its records equal these field for field.
 *
 * <p>Each view's {@code throughSequence} is the highest sequence number accepted for its incident.
 * Avro 1.12's generated {@code equals} throws on arrays of records holding optional timestamps, so
 * compare these views by their {@code toString()} (their complete JSON rendering).
 */
public final class CoordinationReplay {

    /** One incident as replayed so far: its facts and the highest sequence number folded into them. */
    private record Replayed(IncidentFacts facts, long throughSequence) {

        static final Replayed NONE = new Replayed(IncidentFacts.empty(), 0);

        Replayed with(RecordedEvent recorded) {
            return new Replayed(facts.apply(recorded.getEvent()), Math.max(throughSequence, recorded.getSequence()));
        }
    }

    private final CoordinationPolicy policy;
    private final Instant asOf;
    private final Map<String, Replayed> incidents = new TreeMap<>();

    /** An empty replay that will read the log as it stood at {@code asOf}, under {@code policy}; see {@link #accept}. */
    public CoordinationReplay(CoordinationPolicy policy, Instant asOf) {
        this.policy = policy;
        this.asOf = asOf;
    }

    /**
     * Folds one record of the log into its incident; records may come in any order, since the facts
     * do not depend on it. A record whose {@code recordedAt} lies after the instant was not yet on the
     * log at the instant: it is left out, and the answer is false.
     */
    public boolean accept(RecordedEvent recorded) {
        boolean onTheLog = !recorded.getRecordedAt().isAfter(asOf);
        if (onTheLog) {
            incidents.compute(recorded.getIncidentId(), (incidentId, replayed) -> (replayed == null ? Replayed.NONE : replayed).with(recorded));
        }
        return onTheLog;
    }

    /** The coordination status of every incident with an event recorded by the instant, by incident id. */
    public Map<String, CoordinationView> coordination() {
        Map<String, CoordinationView> views = new TreeMap<>();
        incidents.forEach((incidentId, replayed) -> views.put(incidentId,
                CoordinationViews.coordination(incidentId, replayed.facts(), replayed.throughSequence(), asOf, policy)));
        return views;
    }

    /** The review of every incident with an event recorded by the instant, by incident id. */
    public Map<String, ReviewView> review() {
        Map<String, ReviewView> views = new TreeMap<>();
        incidents.forEach((incidentId, replayed) -> views.put(incidentId,
                CoordinationViews.review(incidentId, replayed.facts(), replayed.throughSequence(), asOf, policy)));
        return views;
    }

    /** Every member state's overview, by member state code; only member states involved in an incident appear. */
    public Map<String, MemberStateView> memberStates() {
        Map<String, List<MemberStateIncident>> entries = new TreeMap<>();
        coordination().values().forEach(view -> collect(entries, CoordinationViews.memberStates(view)));
        return fold(entries, GroupViews::memberState);
    }

    /** Every lessons group with a filed review, by group ({@code taxonomy:<class>}, {@code sector:<sector>}). */
    public Map<String, LessonsView> lessons() {
        Map<String, List<LessonRecord>> entries = new TreeMap<>();
        review().values().forEach(review -> collect(entries, CoordinationViews.lessons(review)));
        return fold(entries, GroupViews::lessons);
    }

    /** Every matched provider's scorecard, by provider id. */
    public Map<String, MsspScorecard> scorecards() {
        Map<String, List<EngagementRecord>> entries = new TreeMap<>();
        incidents.forEach((incidentId, replayed) -> collect(entries, CoordinationViews.engagements(incidentId, replayed.facts(), asOf, policy)));
        return fold(entries, GroupViews::scorecard);
    }

    /** The replay of the records in {@code log} to {@code asOf}, ready to be read. */
    public static CoordinationReplay of(Iterable<RecordedEvent> log, CoordinationPolicy policy, Instant asOf) {
        CoordinationReplay replay = new CoordinationReplay(policy, asOf);
        log.forEach(replay::accept);
        return replay;
    }

    /** Adds one incident's entries to their groups. */
    private static <E> void collect(Map<String, List<E>> groups, Map<String, E> incidentEntries) {
        incidentEntries.forEach((group, entry) -> groups.computeIfAbsent(group, g -> new ArrayList<>()).add(entry));
    }

    private static <E, V> Map<String, V> fold(Map<String, List<E>> groups, BiFunction<String, List<E>, V> view) {
        Map<String, V> views = new TreeMap<>();
        groups.forEach((group, entries) -> views.put(group, view.apply(group, entries)));
        return views;
    }
}
