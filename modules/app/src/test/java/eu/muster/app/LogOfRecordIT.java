package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.record.LogOfRecordTopology;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole incident through the real backbone on a real broker: every event accepted, numbered without gaps, chained. */
class LogOfRecordIT {

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void aFullIncidentEndsWithAGapFreeSequenceAndAHashChainThatVerifies(@TempDir Path dir) throws IOException {
        List<IncidentEvent> lifecycle = fullLifecycle();

        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-full-incident");
        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            lifecycle.forEach(submissions::submit);
            Set<String> eventIds = lifecycle.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(eventIds, Duration.ofSeconds(60));

            assertThat(eventIds).allSatisfy(id -> assertThat(Submissions.accepted(outcomes.get(id))).as("%s", outcomes.get(id)).isTrue());
            assertThat(lifecycle).extracting(e -> outcomes.get(e.getEventId()).getSequence())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lifecycle.size()).boxed().toList());
            ReadOnlyKeyValueStore<String, SubmissionOutcome> lookup = backbone.streams().store(StoreQueryParameters.fromNameAndType(
                    LogOfRecordTopology.OUTCOME_QUERY_STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(lookup.get(lifecycle.get(0).getEventId())).isEqualTo(outcomes.get(lifecycle.get(0).getEventId()));
        }

        Map<String, Integer> perIncident = ChainAudit.verify(BROKER.bootstrapServers());
        assertThat(perIncident).containsEntry(SampleEvents.INCIDENT_ID, lifecycle.size());
        List<RecordedEvent> recorded = TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS).stream()
                .map(r -> Submissions.TOPICS.recordedEventSerde().deserializer().deserialize(Topics.INCIDENT_EVENTS, r.value()))
                .filter(e -> e.getIncidentId().equals(SampleEvents.INCIDENT_ID))
                .toList();
        assertThat(recorded).extracting(RecordedEvent::getEvent).containsExactlyElementsOf(lifecycle);
    }

    /** Request, match, remote and on-site deployment, every phase, reports, mutual assistance, closure, review. */
    private static List<IncidentEvent> fullLifecycle() {
        ContractTrust.trustContractClasses(); // copies below happen before any codec exists in this JVM
        List<IncidentEvent> events = new ArrayList<>(SampleEvents.everyPayloadType().stream()
                .filter(e -> !(e.getPayload() instanceof RequestWithdrawn))
                .toList());
        IncidentEvent investigation = events.stream().filter(e -> e.getPayload() instanceof PhaseChanged).findFirst().orElseThrow();
        IncidentEvent containment = IncidentEvent.newBuilder(investigation)
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(investigation.getOccurredAt().plusSeconds(60))
                .setPayload(PhaseChanged.newBuilder().setPhase(Phase.CONTAINMENT_RECOVERY).setReason("Root cause found.").build())
                .build();
        events.add(events.indexOf(investigation) + 1, containment);
        return events;
    }
}
