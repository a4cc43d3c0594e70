package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.RequestFiled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The client's submission path on a MockProducer: what it sends, and how each failure surfaces. */
class MusterClientTest {

    private static final String INCIDENT = "6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01";
    private static final IncidentClosed CLOSED = IncidentClosed.newBuilder().setSummary("Services restored.").build();
    private static final String TOPIC = "submissions.de-bsi";

    private final MusterClientSettings settings = MockSubmissions.settings(Clock.fixed(Instant.parse("2026-03-02T08:15:00Z"), ZoneOffset.UTC));

    @Test
    void sendsTheEnvelopeKeyedByIncidentToTheOrganisationsTopicAndReportsWhereItIs() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, true);
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            EventDraft draft = client.event(INCIDENT, CLOSED);

            SubmissionReceipt receipt = client.submit(draft);

            assertThat(producer.history()).hasSize(1);
            ProducerRecord<String, IncidentEvent> sent = producer.history().get(0);
            assertThat(sent.topic()).isEqualTo(TOPIC);
            assertThat(sent.key()).isEqualTo(INCIDENT);
            assertThat(sent.value()).isEqualTo(draft.toEvent());
            int expectedPartition = Utils.toPositive(Utils.murmur2(INCIDENT.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
            assertThat(receipt).isEqualTo(new SubmissionReceipt(draft.eventId(), INCIDENT, TOPIC, expectedPartition, 0, receipt.timestamp()));
        }
    }

    @Test
    void anAsyncSubmissionCompletesOnlyWhenTheBrokerAcknowledges() throws Exception {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, false);
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            EventDraft draft = client.event(INCIDENT, CLOSED);

            CompletableFuture<SubmissionReceipt> receipt = client.submitAsync(draft);
            assertThat(receipt).isNotDone();
            producer.completeNext();

            assertThat(receipt.get().eventId()).isEqualTo(draft.eventId());
        }
    }

    @Test
    void aRefusedWriteFailsNamingTopicEventAndCause() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, false);
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            EventDraft draft = client.event(INCIDENT, CLOSED);
            CompletableFuture<SubmissionReceipt> authorisation = client.submitAsync(draft);
            CompletableFuture<SubmissionReceipt> size = client.submitAsync(draft);
            CompletableFuture<SubmissionReceipt> slow = client.submitAsync(draft);

            producer.errorNext(new TopicAuthorizationException(Set.of(TOPIC)));
            producer.errorNext(new RecordTooLargeException("too large"));
            producer.errorNext(new TimeoutException("Expiring 1 record(s) for " + TOPIC + "-0"));

            assertThat(failureOf(authorisation)).satisfies(f -> {
                assertThat(f.failure()).isEqualTo(SubmissionFailure.NOT_AUTHORISED);
                assertThat(f.topic()).isEqualTo(TOPIC);
                assertThat(f.eventId()).isEqualTo(draft.eventId());
                assertThat(f).hasMessageContaining(TOPIC).hasMessageContaining(draft.eventId()).hasMessageContaining("WRITE")
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
                assertThat(f.failure().mayHaveBeenWritten()).isFalse();
            });
            assertThat(failureOf(size).failure()).isEqualTo(SubmissionFailure.REFUSED);
            assertThat(failureOf(slow)).satisfies(f -> {
                assertThat(f.failure()).isEqualTo(SubmissionFailure.TIMED_OUT);
                assertThat(f.failure().mayHaveBeenWritten()).isTrue();
            });
        }
    }

    @Test
    void aSynchronousSubmissionThrowsTheFailureOnTheCallersThread() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, true);
        producer.partitionsForException = new TopicAuthorizationException(Set.of(TOPIC));
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            EventDraft draft = client.event(INCIDENT, CLOSED);

            assertThatThrownBy(() -> client.submit(draft))
                    .isInstanceOfSatisfying(SubmissionFailedException.class, f -> {
                        assertThat(f.failure()).isEqualTo(SubmissionFailure.NOT_AUTHORISED);
                        assertThat(f.topic()).isEqualTo(TOPIC);
                    })
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(producer.history()).isEmpty();
        }
    }

    @Test
    void anEventThatBreaksTheContractIsRefusedBeforeSending() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, true);
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            RequestFiled incomplete = new RequestFiled();
            incomplete.setRequestingAuthority("de-bsi");

            assertThatThrownBy(() -> client.submit(client.event(INCIDENT, incomplete)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not satisfy the contract");
            assertThat(producer.history()).isEmpty();
        }
    }

    @Test
    void anEnvelopeFromAnotherProducerIsRefusedBeforeSending() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, true);
        try (MusterClient client = MockSubmissions.client(settings, producer)) {
            IncidentEvent event = client.event(INCIDENT, CLOSED).toEvent();
            event.setProducer(Organisation.newBuilder().setId("de-bsi").setRole(OrganisationRole.CSIRT).setMemberState("DE").build());

            assertThatThrownBy(() -> client.submit(event))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("producer de-bsi (CSIRT, DE)")
                    .hasMessageContaining("PRODUCER_MISMATCH");
            IncidentEvent withoutTlp = client.event(INCIDENT, CLOSED).toEvent();
            withoutTlp.setTlp(null);
            assertThatThrownBy(() -> client.submit(withoutTlp)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tlp");
            assertThat(producer.history()).isEmpty();
        }
    }

    @Test
    void aClosedClientRefusesWorkAndHasClosedItsProducer() {
        MockProducer<String, IncidentEvent> producer = MockSubmissions.producer(settings, true);
        MusterClient client = MockSubmissions.client(settings, producer);
        EventDraft draft = client.event(INCIDENT, CLOSED);

        client.close();
        client.close();

        assertThat(producer.closed()).isTrue();
        assertThatThrownBy(() -> client.submit(draft)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> client.awaitOutcome(draft.eventId(), Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMeaninglessWaits() {
        try (MusterClient client = MockSubmissions.client(settings, MockSubmissions.producer(settings, true))) {
            assertThatThrownBy(() -> client.awaitOutcome(" ", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
            assertThatThrownBy(() -> client.awaitOutcome("0b7e2c1a-5d3f-4e6a-8b9c-1d2e3f4a5b6c", Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
            assertThatThrownBy(() -> client.awaitOutcomes(java.util.List.of(), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receipts");
        }
    }

    private static SubmissionFailedException failureOf(CompletableFuture<SubmissionReceipt> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SubmissionFailedException.class);
            return (SubmissionFailedException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("not failed: " + future);
    }
}
