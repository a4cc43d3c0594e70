package eu.muster.domain;

import static eu.muster.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.Classification;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's sample incident, every payload type once, lived through the rules event by event. */
class SampleLifecycleTest {

    /** The sample events in lifecycle order, without the withdrawal (which cannot follow a closure). */
    static List<IncidentEvent> sampleLifecycle() {
        List<IncidentEvent> events = new ArrayList<>(SampleEvents.everyPayloadType());
        events.removeIf(event -> event.getPayload() instanceof RequestWithdrawn);
        return events;
    }

    @Test
    void every_sample_event_is_accepted_in_order_and_evolves_the_state() {
        List<IncidentEvent> history = new ArrayList<>();
        for (IncidentEvent event : sampleLifecycle()) {
            given(history).when(event).thenAccepted();
            history.add(event);
        }
        assertThat(history).hasSize(16);
    }

    @Test
    void the_sample_incident_ends_closed_and_reviewed_with_everything_it_went_through() {
        IncidentState state = given(sampleLifecycle()).state();
        assertThat(state.requestingAuthority()).isEqualTo("de-bsi");
        assertThat(state.requestingMemberState()).isEqualTo("DE");
        assertThat(state.classification()).isEqualTo(Classification.LARGE_SCALE);
        assertThat(state.matchedMssp()).isEqualTo("mssp-nordwind");
        assertThat(state.phase()).isEqualTo(Phase.INVESTIGATION);
        assertThat(state.runningDeployments()).containsExactly("dep-remote-1");
        assertThat(state.endedDeployments()).containsExactly("dep-onsite-1");
        assertThat(state.participants()).isEqualTo(Map.of("at-certat",
                new IncidentState.Participant(ParticipantRole.ASSISTING_MEMBER_STATE, "AT")));
        assertThat(state.reportIds()).isEqualTo(Set.of("sitrep-1"));
        assertThat(state.assistanceRequests()).isEqualTo(Map.of("ma-1", new IncidentState.AssistanceRequest(List.of("AT", "FR"))));
        assertThat(state.offers()).isEqualTo(Map.of("offer-at-1", new IncidentState.Offer("ma-1", "AT", OfferDecision.ACCEPTED, true)));
        assertThat(state.closed()).isTrue();
        assertThat(state.reviewFiled()).isTrue();
        assertThat(state.withdrawn()).isFalse();
    }

    @Test
    void the_sample_withdrawal_is_accepted_after_the_request_and_refused_after_the_closure() {
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        IncidentEvent request = samples.get(0);
        IncidentEvent withdrawal = samples.get(samples.size() - 1);
        given(request).when(withdrawal).thenAccepted();
        assertThat(given(request, withdrawal).state().withdrawn()).isTrue();
        given(sampleLifecycle()).when(withdrawal).thenRejected(RejectionReason.INCIDENT_CLOSED, "closed-incident-takes-only-review");
    }
}
