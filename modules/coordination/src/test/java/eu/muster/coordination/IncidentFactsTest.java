package eu.muster.coordination;

import static eu.muster.coordination.IncidentHistory.POLICY;
import static eu.muster.coordination.IncidentHistory.at;
import static eu.muster.coordination.IncidentHistory.sampleIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Phase;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.sla.SlaPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IncidentFactsTest {

    private static final String INCIDENT = SampleEvents.INCIDENT_ID;
    private static final Instant FILED = at(14).plus(Duration.ofDays(31));

    /**
     * The whole sample lifecycle but the withdrawal, and the review filed late; a second report acknowledged by two
     * organisations in the same millisecond, and two phase changes in the same millisecond, so that ties must be broken
     * by content rather than by the order of application.
     */
    private static IncidentHistory lifecycle() {
        SituationReported second = SituationReported.newBuilder(SlaPayloads.report()).setReportId("sitrep-2").build();
        SituationReportAcknowledged acknowledgement = SituationReportAcknowledged.newBuilder().setReportId("sitrep-2").build();
        return sampleIncident().samples(0, 14)
                .add(4, at(12).plusSeconds(30), second)
                .add(0, at(13), acknowledgement)
                .add(1, at(13), acknowledgement)
                .add(10, at(11), SlaPayloads.phase(Phase.CONTAINMENT_RECOVERY))
                .add(10, at(11), SlaPayloads.phase(Phase.INVESTIGATION))
                .sample(15, FILED);
    }

    /** Every instant a view may change at, and a moment either side of each. */
    private static List<Instant> instants(IncidentFacts facts) {
        TreeSet<Instant> instants = new TreeSet<>();
        Instant t = at(0).minusSeconds(1);
        while (t != null) {
            instants.add(t);
            instants.add(t.minusMillis(1));
            instants.add(t.plusMillis(1));
            t = CoordinationViews.nextChange(facts, t, POLICY).orElse(null);
        }
        return List.copyOf(instants);
    }

    @Test
    void theFactsAndEveryViewAreTheSameWhateverOrderTheEventsAreAppliedIn() {
        IncidentHistory history = lifecycle();
        IncidentFacts inOrder = history.facts();

        for (long seed : new long[] {1, 7, 42}) {
            List<IncidentEvent> shuffled = new ArrayList<>(history.events());
            Collections.shuffle(shuffled, new Random(seed));
            IncidentFacts reordered = IncidentHistory.fold(shuffled);

            assertThat(reordered).as("seed %d", seed).isEqualTo(inOrder);
            for (Instant instant : instants(inOrder)) {
                assertThat(rendering(reordered, instant)).as("seed %d at %s", seed, instant).isEqualTo(rendering(inOrder, instant));
            }
        }
    }

    @Test
    void factsTimedAfterTheInstantDoNotCountYet() {
        IncidentHistory history = lifecycle();
        IncidentFacts all = history.facts();
        List<Instant> instants = instants(all);

        assertThat(instants).hasSizeGreaterThan(3 * history.events().size());
        for (Instant instant : instants) {
            IncidentFacts occurred = IncidentHistory.fold(history.events().stream().filter(e -> !e.getOccurredAt().isAfter(instant)).toList());
            assertThat(renderingWithoutNextChange(all, instant)).as("at %s", instant).isEqualTo(renderingWithoutNextChange(occurred, instant));
        }
    }

    @Test
    void applyingTheSameEventTwiceChangesNothing() {
        IncidentHistory history = lifecycle();
        List<IncidentEvent> twice = new ArrayList<>(history.events());
        twice.addAll(history.events());

        assertThat(IncidentHistory.fold(twice).filings()).isEqualTo(history.facts().filings());
        assertThat(IncidentHistory.fold(twice).acknowledgements()).isEqualTo(history.facts().acknowledgements());
    }

    @Test
    void factTimesHoldEveryOccurrenceAscendingIncludingThoseTheSlaClocksIgnore() {
        IncidentFacts facts = sampleIncident().samples(0, 9).facts();

        assertThat(facts.factTimes()).containsExactlyElementsOf(
                IncidentHistory.SAMPLE.subList(0, 10).stream().map(e -> e.getOccurredAt().toEpochMilli()).toList());
        assertThat(facts.timeline().factTimes()).as("the participant, acknowledgement and assistance are not clock facts")
                .hasSizeLessThan(facts.factTimes().size());
        assertThat(IncidentFacts.empty().factTimes()).isEmpty();
    }

    @Test
    void theFactsSurviveAJsonRoundTripForTheStateStoreAndGiveTheSameViews() throws Exception {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        IncidentFacts facts = lifecycle().facts();

        String json = mapper.writeValueAsString(facts);
        IncidentFacts read = mapper.readValue(json, IncidentFacts.class);

        assertThat(read).isEqualTo(facts);
        assertThat(json).doesNotContain("factTimes");
        for (Instant instant : List.of(at(5), at(14), FILED)) {
            assertThat(rendering(read, instant)).isEqualTo(rendering(facts, instant));
        }
        assertThat(mapper.readValue(mapper.writeValueAsString(IncidentFacts.empty()), IncidentFacts.class)).isEqualTo(IncidentFacts.empty());
    }

    @Test
    void aPolicyNeedsAPositiveAcknowledgementWindowAndAnSlaPolicy() {
        assertThat(CoordinationPolicy.defaults().acknowledgementWindow()).isEqualTo(Duration.ofHours(4));
        assertThat(CoordinationPolicy.defaults().reviewWindow()).isEqualTo(Duration.ofDays(30));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CoordinationPolicy(Duration.ZERO, POLICY.sla()));
        assertThatNullPointerException()
                .isThrownBy(() -> new CoordinationPolicy(Duration.ofHours(1), null));
    }

    /**
     * Everything the views show at an instant, as text: Avro 1.12's generated equals throws on arrays
     * of records holding optional timestamps, so views are compared by their complete JSON rendering.
     */
    private static String rendering(IncidentFacts facts, Instant instant) {
        return renderingWithoutNextChange(facts, instant) + "\n" + CoordinationViews.nextChange(facts, instant, POLICY);
    }

    private static String renderingWithoutNextChange(IncidentFacts facts, Instant instant) {
        var coordination = CoordinationViews.coordination(INCIDENT, facts, 17, instant, POLICY);
        var review = CoordinationViews.review(INCIDENT, facts, 17, instant, POLICY);
        return String.join("\n", coordination.toString(), review.toString(), CoordinationViews.memberStates(coordination).toString(),
                CoordinationViews.lessons(review).toString(), CoordinationViews.engagements(INCIDENT, facts, instant, POLICY).toString());
    }
}
