package eu.muster.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SampleEventsTest {

    @Test
    void theSamplesCoverEveryPayloadTypeOfTheContract() {
        Set<String> payloadTypes = IncidentEvent.getClassSchema().getField("payload").schema().getTypes().stream()
                .map(Schema::getName)
                .collect(Collectors.toSet());

        Set<String> sampled = SampleEvents.everyPayloadType().stream()
                .map(e -> ((org.apache.avro.specific.SpecificRecord) e.getPayload()).getSchema().getName())
                .collect(Collectors.toSet());

        assertThat(sampled).isEqualTo(payloadTypes);
    }

    @Test
    void theReleasedContractIsOnTheClasspath() {
        assertThat(ContractSchemas.released()).extracting(ReleasedSchema::label).contains("IncidentEvent v1");
    }
}
