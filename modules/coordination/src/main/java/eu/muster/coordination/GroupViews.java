package eu.muster.coordination;

import eu.muster.contract.DurationSummary;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The cross-incident views, folded from the incidents' entries ({@link CoordinationViews#memberStates},
 * {@link CoordinationViews#lessons}, {@link CoordinationViews#engagements}). Each is a pure function of
 * its group's entries, whatever order they arrive in.
 *
 * <p>Counts, sums and duration summaries cover every entry of the group. The list holds the newest
 * {@link #LISTED} entries only (newest first, then by incident id), so that a view stays small however
 * long the history; the query API pages through all of them. Medians are the lower median: for an even
 * count, the lower of the two middle values, so that a median is always a duration that some incident
 * actually took.
 */
public final class GroupViews {

    /** How many entries a group view lists at most (contract version 6). */
    public static final int LISTED = 50;

    /** A member state's overview, one incident at a time. */
    public static final GroupFold<MemberStateIncident, MemberStateView> MEMBER_STATE = new MemberStateFold();
    /** A lessons group, one review at a time. */
    public static final GroupFold<LessonRecord, LessonsView> LESSONS = new LessonsFold();
    /** A provider's scorecard, one engagement at a time. */
    public static final GroupFold<EngagementRecord, MsspScorecard> SCORECARD = new ScorecardFold();

    private GroupViews() {
    }

    /** A member state's overview: counts over every incident it requests, is affected by or assists in, and the newest listed. */
    public static MemberStateView memberState(String memberState, Collection<MemberStateIncident> incidents) {
        return whole(MEMBER_STATE, memberState, incidents);
    }

    /**
     * The lessons of one group ({@code taxonomy:<TaxonomyClass>} or {@code sector:<Sector>}): how many reviews, the (lower)
     * median and the longest time from closure to review over them (0 for both when the group is empty), and the newest
     * reviews listed.
     */
    public static LessonsView lessons(String group, Collection<LessonRecord> reviews) {
        return whole(LESSONS, group, reviews);
    }

    /**
     * A provider's scorecard over its engagements: the sums of their deployments and decided and met clocks;
     * {@code shareOfClocksMet} = met / decided, null when none is decided; the times to remote and on-site support
     * summarised over the engagements where they started ((lower) median and longest; null for both when none did);
     * {@code reviewsCiting}: the engagements a filed review cites the provider in; the newest engagements listed.
     */
    public static MsspScorecard scorecard(String msspId, Collection<EngagementRecord> engagements) {
        return whole(SCORECARD, msspId, engagements);
    }

    /** A whole group folded at once: what the incremental fold of the same entries must equal. */
    public static <E, V> V whole(GroupFold<E, V> fold, String group, Collection<E> entries) {
        V view = fold.empty(group);
        for (E entry : entries) {
            view = fold.count(view, entry, 1);
        }
        for (String name : fold.durations()) {
            List<Long> values = entries.stream().map(entry -> fold.duration(entry, name)).filter(Objects::nonNull).sorted().toList();
            view = fold.summarise(view, name, values.size(), values.isEmpty() ? null : lowerMedian(values),
                    values.isEmpty() ? null : values.get(values.size() - 1));
        }
        return fold.list(view, entries.stream().sorted(newestFirst(fold)).limit(LISTED).toList());
    }

    /** The list's order: newest first by {@link GroupFold#listedBy}, entries without an instant last, then by incident id. */
    public static <E> Comparator<E> newestFirst(GroupFold<E, ?> fold) {
        Comparator<E> byInstant = Comparator.comparing(fold::listedBy, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
        return byInstant.reversed().thenComparing(fold::incidentId);
    }

    /** The lower median of a non-empty list: the middle value, or for an even count the lower of the two middle values. */
    static long lowerMedian(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static final class MemberStateFold implements GroupFold<MemberStateIncident, MemberStateView> {

        @Override
        public MemberStateView empty(String group) {
            return MemberStateView.newBuilder().setMemberState(group).setIncidents(List.of()).build();
        }

        @Override
        public MemberStateView count(MemberStateView view, MemberStateIncident entry, int sign) {
            boolean open = entry.getStatus() == IncidentStatus.REQUESTED || entry.getStatus() == IncidentStatus.ACTIVE;
            view.setIncidentCount(view.getIncidentCount() + sign);
            view.setRequesting(view.getRequesting() + sign * has(entry, MemberStateRelation.REQUESTING));
            view.setAffected(view.getAffected() + sign * has(entry, MemberStateRelation.AFFECTED));
            view.setAssisting(view.getAssisting() + sign * has(entry, MemberStateRelation.ASSISTING));
            view.setOpen(view.getOpen() + (open ? sign : 0));
            view.setOpenItems(view.getOpenItems() + sign * entry.getOpenItems().size());
            return view;
        }

        private static int has(MemberStateIncident entry, MemberStateRelation relation) {
            return entry.getRelations().contains(relation) ? 1 : 0;
        }

        @Override
        public int size(MemberStateView view) {
            return view.getIncidentCount();
        }

        @Override
        public String incidentId(MemberStateIncident entry) {
            return entry.getIncidentId();
        }

        @Override
        public Instant listedBy(MemberStateIncident entry) {
            return entry.getRequestedAt();
        }

        @Override
        public List<String> durations() {
            return List.of();
        }

        @Override
        public Long duration(MemberStateIncident entry, String name) {
            throw new IllegalArgumentException("a member state's overview summarises no duration '" + name + "'");
        }

        @Override
        public MemberStateView summarise(MemberStateView view, String name, int count, Long median, Long worst) {
            throw new IllegalArgumentException("a member state's overview summarises no duration '" + name + "'");
        }

        @Override
        public MemberStateView list(MemberStateView view, List<MemberStateIncident> newest) {
            view.setIncidents(newest);
            return view;
        }
    }

    private static final class LessonsFold implements GroupFold<LessonRecord, LessonsView> {

        private static final String CLOSURE_TO_REVIEW = "closure-to-review";

        @Override
        public LessonsView empty(String group) {
            return LessonsView.newBuilder().setGroup(group).setReviews(List.of()).setMedianClosureToReviewMillis(0).setWorstClosureToReviewMillis(0).build();
        }

        @Override
        public LessonsView count(LessonsView view, LessonRecord entry, int sign) {
            view.setReviewCount(view.getReviewCount() + sign);
            return view;
        }

        @Override
        public int size(LessonsView view) {
            return view.getReviewCount();
        }

        @Override
        public String incidentId(LessonRecord entry) {
            return entry.getIncidentId();
        }

        @Override
        public Instant listedBy(LessonRecord entry) {
            return entry.getFiledAt();
        }

        @Override
        public List<String> durations() {
            return List.of(CLOSURE_TO_REVIEW);
        }

        @Override
        public Long duration(LessonRecord entry, String name) {
            return entry.getClosureToReviewMillis();
        }

        @Override
        public LessonsView summarise(LessonsView view, String name, int count, Long median, Long worst) {
            view.setMedianClosureToReviewMillis(median == null ? 0 : median);
            view.setWorstClosureToReviewMillis(worst == null ? 0 : worst);
            return view;
        }

        @Override
        public LessonsView list(LessonsView view, List<LessonRecord> newest) {
            view.setReviews(newest);
            return view;
        }
    }

    private static final class ScorecardFold implements GroupFold<EngagementRecord, MsspScorecard> {

        private static final String TO_REMOTE = "to-remote-support";
        private static final String TO_ON_SITE = "to-on-site";
        private static final DurationSummary NONE = DurationSummary.newBuilder().setCount(0).build();

        @Override
        public MsspScorecard empty(String group) {
            return MsspScorecard.newBuilder().setMsspId(group).setEngagements(0).setDeployments(0).setClocksDecided(0).setClocksMet(0)
                    .setTimeToRemoteSupport(NONE).setTimeToOnSite(NONE).setReviewsCiting(0).setEngagementRecords(List.of()).build();
        }

        @Override
        public MsspScorecard count(MsspScorecard view, EngagementRecord entry, int sign) {
            int decided = view.getClocksDecided() + sign * entry.getClocksDecided();
            int met = view.getClocksMet() + sign * entry.getClocksMet();
            view.setEngagements(view.getEngagements() + sign);
            view.setDeployments(view.getDeployments() + sign * entry.getDeployments());
            view.setClocksDecided(decided);
            view.setClocksMet(met);
            view.setShareOfClocksMet(decided == 0 ? null : (double) met / decided);
            view.setReviewsCiting(view.getReviewsCiting() + (entry.getCitedInReview() ? sign : 0));
            return view;
        }

        @Override
        public int size(MsspScorecard view) {
            return view.getEngagements();
        }

        @Override
        public String incidentId(EngagementRecord entry) {
            return entry.getIncidentId();
        }

        @Override
        public Instant listedBy(EngagementRecord entry) {
            return entry.getMatchedAt();
        }

        @Override
        public List<String> durations() {
            return List.of(TO_REMOTE, TO_ON_SITE);
        }

        @Override
        public Long duration(EngagementRecord entry, String name) {
            return switch (name) {
                case TO_REMOTE -> entry.getTimeToRemoteSupportMillis();
                case TO_ON_SITE -> entry.getTimeToOnSiteMillis();
                default -> throw new IllegalArgumentException("a scorecard summarises no duration '" + name + "'");
            };
        }

        @Override
        public MsspScorecard summarise(MsspScorecard view, String name, int count, Long median, Long worst) {
            DurationSummary summary = DurationSummary.newBuilder().setCount(count).setMedianMillis(median).setWorstMillis(worst).build();
            switch (name) {
                case TO_REMOTE -> view.setTimeToRemoteSupport(summary);
                case TO_ON_SITE -> view.setTimeToOnSite(summary);
                default -> throw new IllegalArgumentException("a scorecard summarises no duration '" + name + "'");
            }
            return view;
        }

        @Override
        public MsspScorecard list(MsspScorecard view, List<EngagementRecord> newest) {
            view.setEngagementRecords(newest);
            return view;
        }
    }
}
