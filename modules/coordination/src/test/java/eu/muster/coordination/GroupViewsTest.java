package eu.muster.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DurationSummary;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.TaxonomyClass;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupViewsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aMemberStatesOverviewCountsEveryIncidentAndListsTheNewestFirst() {
        MemberStateIncident older = incident("c", T0, IncidentStatus.CLOSED, MemberStateRelation.REQUESTING, MemberStateRelation.AFFECTED);
        MemberStateIncident newer = MemberStateIncident.newBuilder(incident("a", T0.plusSeconds(60), IncidentStatus.ACTIVE,
                MemberStateRelation.ASSISTING)).setOpenItems(List.of(item(), item())).build();
        MemberStateIncident sameTime = incident("b", T0.plusSeconds(60), IncidentStatus.REQUESTED, MemberStateRelation.AFFECTED);
        MemberStateIncident undated = incident("0", null, IncidentStatus.WITHDRAWN, MemberStateRelation.REQUESTING);

        MemberStateView view = GroupViews.memberState("DE", List.of(older, undated, newer, sameTime));

        assertThat(view.getMemberState()).isEqualTo("DE");
        assertThat(view.getIncidents()).extracting(MemberStateIncident::getIncidentId)
                .as("newest first, equal instants by incident id, undated last").containsExactly("a", "b", "c", "0");
        assertThat(view).extracting(MemberStateView::getIncidentCount, MemberStateView::getRequesting, MemberStateView::getAffected,
                MemberStateView::getAssisting, MemberStateView::getOpen, MemberStateView::getOpenItems).containsExactly(4, 2, 2, 1, 2, 2);
    }

    @Test
    void aGroupViewListsTheNewestFiftyAndCountsTheRest() {
        List<MemberStateIncident> incidents = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            incidents.add(incident(String.format("i%02d", i), T0.plusSeconds(i), IncidentStatus.ACTIVE, MemberStateRelation.REQUESTING));
        }

        MemberStateView view = GroupViews.memberState("FR", incidents);

        assertThat(view.getIncidentCount()).isEqualTo(70);
        assertThat(view.getIncidents()).hasSize(GroupViews.LISTED);
        assertThat(view.getIncidents().get(0).getIncidentId()).isEqualTo("i69");
        assertThat(view.getIncidents().get(GroupViews.LISTED - 1).getIncidentId()).isEqualTo("i20");
    }

    @Test
    void aLessonsGroupCountsItsReviewsWithTheLowerMedianAndTheWorstClosureToReview() {
        LessonsView even = GroupViews.lessons("sector:HEALTH", List.of(lesson("c", 40), lesson("a", 10), lesson("d", 30), lesson("b", 20)));

        assertThat(even.getGroup()).isEqualTo("sector:HEALTH");
        assertThat(even.getReviewCount()).isEqualTo(4);
        assertThat(even.getReviews()).as("filed at the same instant: by incident id").extracting(LessonRecord::getIncidentId)
                .containsExactly("a", "b", "c", "d");
        assertThat(even.getMedianClosureToReviewMillis()).as("the lower of 20 and 30").isEqualTo(20);
        assertThat(even.getWorstClosureToReviewMillis()).isEqualTo(40);

        LessonsView odd = GroupViews.lessons("taxonomy:INTRUSIONS", List.of(lesson("x", 50), lesson("y", 5), lesson("z", 7)));
        assertThat(odd.getMedianClosureToReviewMillis()).isEqualTo(7);
        assertThat(odd.getWorstClosureToReviewMillis()).isEqualTo(50);

        LessonsView empty = GroupViews.lessons("sector:ENERGY", List.of());
        assertThat(empty.getReviews()).isEmpty();
        assertThat(empty.getMedianClosureToReviewMillis()).isZero();
        assertThat(empty.getWorstClosureToReviewMillis()).isZero();
    }

    @Test
    void aScorecardSumsItsEngagementsAndSummarisesTheTimesThatStarted() {
        long halfHour = Duration.ofMinutes(30).toMillis();
        long ninetyMinutes = Duration.ofMinutes(90).toMillis();
        long tenHours = Duration.ofHours(10).toMillis();
        MsspScorecard scorecard = GroupViews.scorecard("mssp-nordwind", List.of(
                engagement("b", 2, 3, 2, halfHour, null, true),
                engagement("c", 0, 0, 0, null, null, false),
                engagement("a", 1, 1, 0, ninetyMinutes, tenHours, false)));

        assertThat(scorecard.getMsspId()).isEqualTo("mssp-nordwind");
        assertThat(scorecard.getEngagements()).isEqualTo(3);
        assertThat(scorecard.getDeployments()).isEqualTo(3);
        assertThat(scorecard.getClocksDecided()).isEqualTo(4);
        assertThat(scorecard.getClocksMet()).isEqualTo(2);
        assertThat(scorecard.getShareOfClocksMet()).isEqualTo(0.5);
        assertThat(scorecard.getTimeToRemoteSupport()).extracting(DurationSummary::getCount, DurationSummary::getMedianMillis,
                DurationSummary::getWorstMillis).containsExactly(2, halfHour, ninetyMinutes);
        assertThat(scorecard.getTimeToOnSite()).extracting(DurationSummary::getCount, DurationSummary::getMedianMillis,
                DurationSummary::getWorstMillis).containsExactly(1, tenHours, tenHours);
        assertThat(scorecard.getReviewsCiting()).isEqualTo(1);
        assertThat(scorecard.getEngagementRecords()).extracting(EngagementRecord::getIncidentId).containsExactly("a", "b", "c");
    }

    @Test
    void aScorecardWithNothingDecidedHasNoShareAndNoTimes() {
        MsspScorecard scorecard = GroupViews.scorecard("mssp-baltic", List.of(engagement("a", 0, 0, 0, null, null, false)));

        assertThat(scorecard.getShareOfClocksMet()).isNull();
        assertThat(scorecard.getTimeToRemoteSupport()).extracting(DurationSummary::getCount, DurationSummary::getMedianMillis,
                DurationSummary::getWorstMillis).containsExactly(0, null, null);
    }

    private static MemberStateIncident incident(String incidentId, Instant requestedAt, IncidentStatus status, MemberStateRelation... relations) {
        return MemberStateIncident.newBuilder().setIncidentId(incidentId).setRelations(List.of(relations))
                .setTitle(null).setStatus(status).setClassification(null).setPhase(null).setOpenItems(List.of()).setRequestedAt(requestedAt).build();
    }

    private static OpenItem item() {
        return OpenItem.newBuilder().setKind(OpenItemKind.values()[1]).setOwner("de-bsi").setSubject("report").setSince(T0).build();
    }

    private static LessonRecord lesson(String incidentId, long closureToReviewMillis) {
        return LessonRecord.newBuilder().setIncidentId(incidentId).setTaxonomyClass(TaxonomyClass.INTRUSIONS).setSectors(List.of(Sector.HEALTH))
                .setLessonsLearned(List.of()).setRecommendations(List.of()).setFiledAt(SampleEvents.FILED_AT)
                .setClosureToReviewMillis(closureToReviewMillis).build();
    }

    private static EngagementRecord engagement(String incidentId, int deployments, int decided, int met, Long toRemote, Long toOnSite,
            boolean cited) {
        return EngagementRecord.newBuilder().setIncidentId(incidentId).setDeployments(deployments).setClocksDecided(decided)
                .setClocksMet(met).setTimeToRemoteSupportMillis(toRemote).setTimeToOnSiteMillis(toOnSite).setCitedInReview(cited).build();
    }
}
