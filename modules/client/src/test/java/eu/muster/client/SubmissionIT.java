package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.Phase;
import eu.muster.contract.SituationReported;
import eu.muster.contract.Tlp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Submissions through a real broker: what lands on the submission topic, and how a missing topic surfaces. */
@ExtendWith(SharedBroker.class)
class SubmissionIT {

    private static final Organisation MSSP = BrokerTopics.uniqueOrganisation(OrganisationRole.MSSP, "NL");

    @BeforeAll
    static void topics() {
        BrokerTopics.provision(MSSP);
    }

    @Test
    void theBrokerHoldsTheExactEnvelopeKeyedByIncidentWhereTheReceiptSays() {
        try (MusterClient client = new MusterClient(BrokerTopics.settings(MSSP))) {
            String incidentId = MusterClient.newIncidentId();
            EventDraft draft = client.event(incidentId, situationReport("sitrep-1")).tlp(Tlp.AMBER_STRICT);

            Instant before = Instant.now();
            SubmissionReceipt receipt = client.submit(draft);

            assertThat(receipt.eventId()).isEqualTo(draft.eventId());
            assertThat(receipt.incidentId()).isEqualTo(incidentId);
            assertThat(receipt.topic()).isEqualTo("submissions." + MSSP.getId());
            assertThat(receipt.timestamp()).isBetween(before.minusMillis(1), Instant.now());
            ConsumerRecord<String, IncidentEvent> stored = readAt(receipt);
            assertThat(stored.key()).isEqualTo(incidentId);
            assertThat(stored.value()).isEqualTo(draft.toEvent());
            assertThat(stored.value().getProducer()).isEqualTo(MSSP);
            assertThat(stored.timestamp()).isEqualTo(receipt.timestamp().toEpochMilli());
        }
    }

    @Test
    void submittingTheSameDraftAgainWritesTheSameEventIdAgain() {
        try (MusterClient client = new MusterClient(BrokerTopics.settings(MSSP))) {
            EventDraft draft = client.event(MusterClient.newIncidentId(), situationReport("sitrep-again"));

            SubmissionReceipt first = client.submit(draft);
            SubmissionReceipt second = client.submit(draft);

            assertThat(second.partition()).isEqualTo(first.partition());
            assertThat(second.offset()).isGreaterThan(first.offset());
            assertThat(readAt(first).value().getEventId()).isEqualTo(draft.eventId());
            assertThat(readAt(second).value()).isEqualTo(readAt(first).value());
        }
    }

    @Test
    void asyncSubmissionsOfOneIncidentLandOnOnePartitionInOrder() throws Exception {
        try (MusterClient client = new MusterClient(BrokerTopics.settings(MSSP))) {
            String incidentId = MusterClient.newIncidentId();
            List<EventDraft> drafts = new ArrayList<>();
            List<CompletableFuture<SubmissionReceipt>> pending = new ArrayList<>();
            for (Phase phase : List.of(Phase.INVESTIGATION, Phase.CONTAINMENT_RECOVERY, Phase.INVESTIGATION)) {
                EventDraft draft = client.event(incidentId, PhaseChanged.newBuilder().setPhase(phase).setReason("as planned").build());
                drafts.add(draft);
                pending.add(client.submitAsync(draft));
            }

            List<SubmissionReceipt> receipts = new ArrayList<>();
            for (CompletableFuture<SubmissionReceipt> receipt : pending) {
                receipts.add(receipt.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }

            assertThat(receipts).extracting(SubmissionReceipt::partition).containsOnly(receipts.get(0).partition());
            assertThat(receipts).extracting(SubmissionReceipt::offset).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < drafts.size(); i++) {
                assertThat(readAt(receipts.get(i)).value()).isEqualTo(drafts.get(i).toEvent());
            }
        }
    }

    @Test
    void aMissingSubmissionTopicFailsNamingTheTopic() {
        Organisation unregistered = BrokerTopics.uniqueOrganisation(OrganisationRole.CSIRT, "AT");
        MusterClientSettings settings = BrokerTopics.settings(unregistered).withKafkaProperty("max.block.ms", 1500);
        try (MusterClient client = new MusterClient(settings)) {
            EventDraft draft = client.event(MusterClient.newIncidentId(), situationReport("sitrep-lost"));
            String topic = "submissions." + unregistered.getId();

            assertThatThrownBy(() -> client.submit(draft))
                    .isInstanceOfSatisfying(SubmissionFailedException.class, failed -> {
                        assertThat(failed.failure()).isEqualTo(SubmissionFailure.TOPIC_NOT_FOUND);
                        assertThat(failed.topic()).isEqualTo(topic);
                        assertThat(failed.eventId()).isEqualTo(draft.eventId());
                        assertThat(failed.failure().mayHaveBeenWritten()).isFalse();
                    })
                    .hasMessageContaining("topic " + topic)
                    .hasMessageContaining("does not exist");
            CompletableFuture<SubmissionReceipt> async = client.submitAsync(draft);
            assertThatThrownBy(async::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(SubmissionFailedException.class,
                            failed -> assertThat(failed.failure()).isEqualTo(SubmissionFailure.TOPIC_NOT_FOUND));
        }
    }

    static SituationReported situationReport(String reportId) {
        return SituationReported.newBuilder()
                .setReportId(reportId)
                .setSummary("Encryption stopped; 14 hosts isolated.")
                .setImpactAssessment(null)
                .setActionsTaken(List.of("isolated VLAN 12"))
                .setNextSteps(List.of("identify initial access"))
                .build();
    }

    /** The record at the receipt's position, read back with muster's serdes. */
    static ConsumerRecord<String, IncidentEvent> readAt(SubmissionReceipt receipt) {
        Map<String, Object> config = new HashMap<>(BrokerTopics.connection());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(receipt.topic(), receipt.partition());
        try (KafkaConsumer<String, IncidentEvent> consumer = new KafkaConsumer<>(config,
                BrokerTopics.TOPICS.incidentIdSerde().deserializer(), BrokerTopics.TOPICS.incidentEventSerde().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, receipt.offset());
            long deadline = System.nanoTime() + BrokerTopics.TIMEOUT.toNanos();
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, IncidentEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == receipt.offset()) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + receipt + " within " + BrokerTopics.TIMEOUT);
    }
}
