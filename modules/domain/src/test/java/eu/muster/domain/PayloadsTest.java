package eu.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The rules know every payload type of the contract, so none is refused as unknown and none is folded blind. */
class PayloadsTest {

    @Test
    void the_rules_know_exactly_the_payload_types_of_the_contract() {
        Schema union = IncidentEvent.getClassSchema().getField("payload").schema();
        assertThat(Payloads.KNOWN.stream().map(Class::getName).collect(Collectors.toList()))
                .as("a payload type added to the contract needs its rules here, in WellFormedness and in IncidentState.apply")
                .containsExactlyInAnyOrderElementsOf(union.getTypes().stream().map(Schema::getFullName).collect(Collectors.toList()));
    }

    @Test
    void every_sample_payload_is_well_formed_and_folds() {
        for (IncidentEvent event : SampleEvents.everyPayloadType()) {
            assertThat(WellFormedness.firstProblem(event)).as(Payloads.name(event.getPayload())).isEmpty();
            assertThat(IncidentState.none().apply(event)).isNotNull();
        }
    }
}
