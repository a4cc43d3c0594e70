package eu.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor keeps {@link IncidentState} in a state store as JSON, with a plain
 * {@link ObjectMapper} and no custom code: every state the sample incident passes through must come
 * back equal, and equal states must give the same bytes (changelogs and replays compare them).
 */
class IncidentStateJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void every_state_of_the_sample_incident_survives_a_json_round_trip() throws JsonProcessingException {
        for (IncidentState state : statesOfTheSampleIncident()) {
            String json = mapper.writeValueAsString(state);
            IncidentState read = mapper.readValue(json, IncidentState.class);
            assertThat(read).as(json).isEqualTo(state);
            assertThat(mapper.writeValueAsString(read)).as("the same bytes again").isEqualTo(json);
        }
    }

    @Test
    void the_json_has_only_the_records_components() throws JsonProcessingException {
        IncidentState reviewed = statesOfTheSampleIncident().get(16);
        assertThat(mapper.readTree(mapper.writeValueAsString(reviewed)).fieldNames()).toIterable().containsExactly(
                "requestingAuthority", "requestingMemberState", "classification", "matchedMssp", "phase", "runningDeployments",
                "endedDeployments", "participants", "reportIds", "assistanceRequests", "offers", "withdrawn", "closed", "reviewFiled");
        assertThat(mapper.writeValueAsString(reviewed)).contains("\"classification\":\"LARGE_SCALE\"", "\"decision\":\"ACCEPTED\"");
    }

    @Test
    void the_empty_state_and_a_state_stored_without_collections_read_back() throws JsonProcessingException {
        assertThat(mapper.readValue(mapper.writeValueAsString(IncidentState.none()), IncidentState.class)).isEqualTo(IncidentState.none());
        // An older stored state may lack a collection a newer record has; it reads as empty.
        assertThat(mapper.readValue("{\"withdrawn\":false}", IncidentState.class)).isEqualTo(IncidentState.none());
    }

    @Test
    void the_order_events_arrived_in_does_not_change_the_bytes() throws JsonProcessingException {
        IncidentState ab = IncidentState.none().apply(Envelopes.filed()).apply(Envelopes.matched())
                .apply(Envelopes.by(Envelopes.MSSP, Envelopes.report("b"))).apply(Envelopes.by(Envelopes.MSSP, Envelopes.report("a")));
        IncidentState ba = IncidentState.none().apply(Envelopes.filed()).apply(Envelopes.matched())
                .apply(Envelopes.by(Envelopes.MSSP, Envelopes.report("a"))).apply(Envelopes.by(Envelopes.MSSP, Envelopes.report("b")));
        assertThat(mapper.writeValueAsString(ab)).isEqualTo(mapper.writeValueAsString(ba)).contains("[\"a\",\"b\"]");
    }

    /** none(), then the state after each sample event: a state built from every sample event, and the last with all of them. */
    private static List<IncidentState> statesOfTheSampleIncident() {
        List<IncidentState> states = new ArrayList<>();
        IncidentState state = IncidentState.none();
        states.add(state);
        for (IncidentEvent event : SampleLifecycleTest.sampleLifecycle()) {
            state = state.apply(event);
            states.add(state);
        }
        // The withdrawal, the one sample the lifecycle above leaves out, on a state of its own.
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        states.add(IncidentState.none().apply(samples.get(0)).apply(samples.get(samples.size() - 1)));
        return states;
    }
}
