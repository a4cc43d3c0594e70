package eu.muster.coordination;

import eu.muster.contract.DurationSummary;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cross-incident views, folded from the incidents' entries ({@link CoordinationViews#memberStates},
 * {@link CoordinationViews#lessons}, {@link CoordinationViews#engagements}). Each is a pure function of
 * its group's entries, whatever order they arrive in: every list is sorted by incident id.
 *
 * <p>Medians are the lower median: for an even count, the lower of the two middle values, so that
 * a median is always a duration that some incident actually took.
 */
public final class GroupViews {

    private GroupViews() {
    }

    /** A member state's overview: every incident it requests, is affected by or assists in, by incident id. */
    public static MemberStateView memberState(String memberState, Collection<MemberStateIncident> incidents) {
        return MemberStateView.newBuilder()
                .setMemberState(memberState)
                .setIncidents(byIncident(incidents, MemberStateIncident::getIncidentId))
                .build();
    }

    /**
     * The lessons of one group ({@code taxonomy:<TaxonomyClass>} or {@code sector:<Sector>}): its reviews by incident id,
     * and the (lower) median and the longest time from closure to review over them; 0 for both when the group is empty.
     */
    public static LessonsView lessons(String group, Collection<LessonRecord> reviews) {
        List<LessonRecord> sorted = byIncident(reviews, LessonRecord::getIncidentId);
        List<Long> times = sorted.stream().map(LessonRecord::getClosureToReviewMillis).toList();
        return LessonsView.newBuilder()
                .setGroup(group)
                .setReviews(sorted)
                .setMedianClosureToReviewMillis(times.isEmpty() ? 0 : lowerMedian(times))
                .setWorstClosureToReviewMillis(times.stream().max(Comparator.naturalOrder()).orElse(0L))
                .build();
    }

    /**
     * A provider's scorecard over its engagements: the sums of their deployments and decided and met clocks;
     * {@code shareOfClocksMet} = met / decided, null when none is decided; the times to remote and on-site support
     * summarised over the engagements where they started ((lower) median and longest; null for both when none did);
     * {@code reviewsCiting}: the engagements a filed review cites the provider in. Records by incident id.
     */
    public static MsspScorecard scorecard(String msspId, Collection<EngagementRecord> engagements) {
        List<EngagementRecord> sorted = byIncident(engagements, EngagementRecord::getIncidentId);
        int decided = sorted.stream().mapToInt(EngagementRecord::getClocksDecided).sum();
        int met = sorted.stream().mapToInt(EngagementRecord::getClocksMet).sum();
        return MsspScorecard.newBuilder()
                .setMsspId(msspId)
                .setEngagements(sorted.size())
                .setDeployments(sorted.stream().mapToInt(EngagementRecord::getDeployments).sum())
                .setClocksDecided(decided)
                .setClocksMet(met)
                .setShareOfClocksMet(decided == 0 ? null : (double) met / decided)
                .setTimeToRemoteSupport(summary(sorted, EngagementRecord::getTimeToRemoteSupportMillis))
                .setTimeToOnSite(summary(sorted, EngagementRecord::getTimeToOnSiteMillis))
                .setReviewsCiting((int) sorted.stream().filter(EngagementRecord::getCitedInReview).count())
                .setEngagementRecords(sorted)
                .build();
    }

    private static DurationSummary summary(List<EngagementRecord> engagements, Function<EngagementRecord, Long> duration) {
        List<Long> times = engagements.stream().map(duration).filter(Objects::nonNull).toList();
        return DurationSummary.newBuilder()
                .setCount(times.size())
                .setMedianMillis(times.isEmpty() ? null : lowerMedian(times))
                .setWorstMillis(times.stream().max(Comparator.naturalOrder()).orElse(null))
                .build();
    }

    /** The lower median of a non-empty list: the middle value, or for an even count the lower of the two middle values. */
    static long lowerMedian(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static <T> List<T> byIncident(Collection<T> entries, Function<T, String> incidentId) {
        return entries.stream().sorted(Comparator.comparing(incidentId)).toList();
    }
}
