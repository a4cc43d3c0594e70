package eu.muster.coordination;

import static eu.muster.coordination.IncidentHistory.POLICY;
import static eu.muster.coordination.IncidentHistory.sampleIncident;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SlaClock;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.sla.SlaPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementsTest {

    private static final Instant T0 = SampleEvents.FILED_AT;

    /**
     * A late match (5 h: the match clock, ENISA's, is met late), remote support within its 60-minute term and on-site
     * support two hours past its 10-hour term; no situation report, so the daily cadence breaches a day after the match.
     */
    private final IncidentHistory history = sampleIncident()
            .sample(0, T0)
            .add(1, hours(5), SlaPayloads.match(60L, 600L, null))
            .add(2, hours(5).plus(Duration.ofMinutes(30)), SlaPayloads.deployment(DeploymentMode.REMOTE))
            .add(12, hours(17), SlaPayloads.deployment(DeploymentMode.ON_SITE));

    @Test
    void thereIsNoEngagementBeforeTheMatch() {
        assertThat(CoordinationViews.engagements(SampleEvents.INCIDENT_ID, history.facts(), hours(5).minusMillis(1), POLICY)).isEmpty();
    }

    @Test
    void theProviderIsScoredOnItsOwnClocksNotOnEnisasMatchClock() {
        EngagementRecord engagement = engagement(hours(18));

        assertThat(history.review(hours(18)).getSlaOutcome()).filteredOn(clock -> clock.getKind() == SlaClockKind.REQUEST_TO_MATCH)
                .extracting(SlaClock::getState).as("late, but not the provider's").containsExactly(SlaClockState.MET_LATE);
        assertThat(engagement.getIncidentId()).isEqualTo(SampleEvents.INCIDENT_ID);
        assertThat(engagement.getDeployments()).isEqualTo(2);
        assertThat(engagement.getClocksDecided()).as("remote support met, on site met late").isEqualTo(2);
        assertThat(engagement.getClocksMet()).isEqualTo(1);
        assertThat(engagement.getTimeToRemoteSupportMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(engagement.getTimeToOnSiteMillis()).isEqualTo(Duration.ofHours(12).toMillis());
        assertThat(engagement.getCitedInReview()).isFalse();
    }

    @Test
    void aBreachDecidesAClockWithNoNewEventAndDeploymentsCountOnlyOnceTheyOccurred() {
        Instant cadenceDeadline = hours(5).plus(Duration.ofDays(1));

        assertThat(engagement(cadenceDeadline.minusMillis(1)).getClocksDecided()).isEqualTo(2);
        assertThat(engagement(cadenceDeadline)).extracting(EngagementRecord::getClocksDecided, EngagementRecord::getClocksMet)
                .containsExactly(3, 1);
        assertThat(engagement(hours(6))).extracting(EngagementRecord::getDeployments, EngagementRecord::getTimeToOnSiteMillis)
                .containsExactly(1, null);
    }

    @Test
    void aBreachThatClosureEndedStillCountsAgainstTheProvider() {
        Instant cadenceDeadline = hours(5).plus(Duration.ofDays(1));
        IncidentHistory closedLate = sampleIncident()
                .sample(0, T0)
                .add(1, hours(5), SlaPayloads.match(60L, 600L, null))
                .add(2, hours(5).plus(Duration.ofMinutes(30)), SlaPayloads.deployment(DeploymentMode.REMOTE))
                .add(12, hours(17), SlaPayloads.deployment(DeploymentMode.ON_SITE))
                .add(14, cadenceDeadline.plus(Duration.ofHours(2)), SlaPayloads.closure());

        EngagementRecord engagement = CoordinationViews.engagements(SampleEvents.INCIDENT_ID, closedLate.facts(),
                cadenceDeadline.plus(Duration.ofHours(3)), POLICY).get("mssp-nordwind");

        assertThat(closedLate.review(cadenceDeadline.plus(Duration.ofHours(3))).getSlaOutcome())
                .filteredOn(clock -> clock.getKind() == SlaClockKind.SITUATION_REPORT_CADENCE)
                .extracting(SlaClock::getState).containsExactly(SlaClockState.STOPPED);
        assertThat(engagement.getClocksDecided()).as("remote met, on site met late, the cadence stopped two hours after its deadline, "
                + "and the three phase budgets met by closure").isEqualTo(6);
        assertThat(engagement.getClocksMet()).isEqualTo(4);
    }

    @Test
    void aFiledReviewThatCitesTheProviderCountsForIt() {
        IncidentHistory reviewed = sampleIncident().samples(0, 14).sample(15, IncidentHistory.at(15));

        Map<String, EngagementRecord> engagements = CoordinationViews.engagements(SampleEvents.INCIDENT_ID, reviewed.facts(),
                IncidentHistory.at(15), POLICY);

        assertThat(engagements).containsOnlyKeys("mssp-nordwind");
        assertThat(engagements.get("mssp-nordwind"))
                .extracting(EngagementRecord::getCitedInReview, EngagementRecord::getDeployments)
                .containsExactly(true, 2);
        assertThat(CoordinationViews.engagements(SampleEvents.INCIDENT_ID, reviewed.facts(), IncidentHistory.at(14), POLICY))
                .extractingFromEntries(entry -> entry.getValue().getCitedInReview()).containsExactly(false);
    }

    private EngagementRecord engagement(Instant instant) {
        Map<String, EngagementRecord> engagements = CoordinationViews.engagements(SampleEvents.INCIDENT_ID, history.facts(), instant, POLICY);
        assertThat(engagements).containsOnlyKeys(SlaPayloads.MSSP);
        return engagements.get(SlaPayloads.MSSP);
    }

    private static Instant hours(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }
}
