package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.ResponseService;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.contract.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Waiting for outcomes through a real broker. The test plays muster's processor: it writes outcomes
 * to {@code submission.outcomes} after the submissions, among outcomes of other eventIds on the same
 * partition.
 */
@ExtendWith(SharedBroker.class)
class OutcomeIT {

    private static final Organisation MSSP = BrokerTopics.uniqueOrganisation(OrganisationRole.MSSP, "NL");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static OutcomeWriter processor;
    private MusterClient client;

    @BeforeAll
    static void topics() {
        BrokerTopics.provision(MSSP);
        processor = OutcomeWriter.plain();
    }

    @AfterAll
    static void stopWriting() {
        processor.close();
    }

    @BeforeEach
    void connect() {
        client = new MusterClient(BrokerTopics.settings(MSSP));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void findsItsOutcomeAmongOtherEventsOutcomesOnTheSamePartition() {
        SubmissionReceipt receipt = client.submit(deployment("dep-1"));
        processor.writeNeighboursOf(receipt.eventId(), 5);
        SubmissionOutcome decided = OutcomeWriter.accepted(receipt.eventId(), receipt.incidentId(), 3);
        processor.write(decided);
        processor.writeNeighboursOf(receipt.eventId(), 5);

        SubmissionOutcome outcome = client.awaitOutcome(receipt, PATIENCE);

        assertThat(outcome).isEqualTo(decided);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(outcome.getSequence()).isEqualTo(3L);
    }

    @Test
    void waitsForAnOutcomeThatIsWrittenWhileItWaits() throws Exception {
        SubmissionReceipt receipt = client.submit(deployment("dep-2"));
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<SubmissionOutcome> awaited = CompletableFuture.supplyAsync(() -> client.awaitOutcome(receipt, PATIENCE), waiter);
            processor.writeNeighboursOf(receipt.eventId(), 3);
            SubmissionOutcome decided = OutcomeWriter.rejected(receipt.eventId(), receipt.incidentId(), RejectionReason.NOT_MATCHED,
                    "deployment-needs-match", "no MSSP is matched to this incident yet");
            processor.write(decided);

            SubmissionOutcome outcome = awaited.get(PATIENCE.toSeconds() + 5, TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(decided);
            assertThat(outcome.getReason()).isEqualTo(RejectionReason.NOT_MATCHED);
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void timesOutNamingTheEventIdAndTheWaitWhenNoOutcomeComes() {
        SubmissionReceipt receipt = client.submit(deployment("dep-3"));
        processor.writeNeighboursOf(receipt.eventId(), 3);
        Duration timeout = Duration.ofMillis(1500);

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.awaitOutcome(receipt, timeout))
                .isInstanceOfSatisfying(OutcomeTimeoutException.class, timedOut -> {
                    assertThat(timedOut.eventIds()).containsExactly(receipt.eventId());
                    assertThat(timedOut.waited()).isEqualTo(timeout);
                    assertThat(timedOut.received()).isEmpty();
                })
                .hasMessageContaining("eventId " + receipt.eventId())
                .hasMessageContaining("within 1s 500ms")
                .hasMessageContaining("submission.outcomes")
                .hasMessageContaining("partition " + OutcomeWriter.partitionOf(receipt.eventId()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isBetween(timeout, timeout.plusSeconds(10));
    }

    @Test
    void anOutcomeTimedSlightlyBeforeTheSubmissionIsFoundWithinTheLookback() {
        SubmissionReceipt receipt = client.submit(deployment("dep-4"));
        // The processor's clock runs 20 s behind the submitting machine's: its record is timed before the submission.
        SubmissionOutcome decided = OutcomeWriter.accepted(receipt.eventId(), receipt.incidentId(), 1);
        processor.write(decided, receipt.timestamp().minusSeconds(20));

        assertThat(client.awaitOutcome(receipt, PATIENCE)).isEqualTo(decided);

        try (MusterClient noLookback = new MusterClient(BrokerTopics.settings(MSSP).withOutcomeLookback(Duration.ZERO))) {
            assertThatThrownBy(() -> noLookback.awaitOutcome(receipt, Duration.ofSeconds(1)))
                    .as("without the lookback the search starts after the skewed record")
                    .isInstanceOf(OutcomeTimeoutException.class);
        }
    }

    @Test
    void anEventIdAloneIsLookedForFromTheBeginning() {
        String eventId = MusterClient.newEventId();
        SubmissionOutcome decided = OutcomeWriter.accepted(eventId, MusterClient.newIncidentId(), 7);
        processor.write(decided, Instant.now().minus(Duration.ofDays(2)));
        processor.writeNeighboursOf(eventId, 3);

        assertThat(client.awaitOutcome(eventId, PATIENCE)).isEqualTo(decided);
    }

    @Test
    void waitsForSeveralOutcomesAtOnceAndReturnsThemInTheReceiptsOrder() {
        List<SubmissionReceipt> receipts = List.of(client.submit(deployment("dep-5")), client.submit(deployment("dep-6")),
                client.submit(deployment("dep-7")));
        for (int i = receipts.size() - 1; i >= 0; i--) {
            SubmissionReceipt receipt = receipts.get(i);
            processor.writeNeighboursOf(receipt.eventId(), 1);
            processor.write(OutcomeWriter.accepted(receipt.eventId(), receipt.incidentId(), i + 1));
        }

        Map<String, SubmissionOutcome> outcomes = client.awaitOutcomes(receipts, PATIENCE);

        assertThat(outcomes.keySet()).containsExactlyElementsOf(receipts.stream().map(SubmissionReceipt::eventId).toList());
        assertThat(outcomes.values()).extracting(SubmissionOutcome::getSequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void severalOutcomesOfWhichOneNeverComesTimeOutCarryingTheOthers() {
        SubmissionReceipt decidedReceipt = client.submit(deployment("dep-8"));
        SubmissionReceipt undecidedReceipt = client.submit(deployment("dep-9"));
        processor.write(OutcomeWriter.accepted(decidedReceipt.eventId(), decidedReceipt.incidentId(), 1));

        assertThatThrownBy(() -> client.awaitOutcomes(List.of(decidedReceipt, undecidedReceipt), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(OutcomeTimeoutException.class, timedOut -> {
                    assertThat(timedOut.eventIds()).containsExactly(undecidedReceipt.eventId());
                    assertThat(timedOut.received()).containsOnlyKeys(decidedReceipt.eventId());
                })
                .hasMessageContaining("1 of 2 eventIds");
    }

    @Test
    void anOutcomeOfAnAbortedTransactionIsNeverReturned() {
        SubmissionReceipt receipt = client.submit(deployment("dep-10"));
        SubmissionOutcome aborted = OutcomeWriter.accepted(receipt.eventId(), receipt.incidentId(), 99);
        SubmissionOutcome committed = OutcomeWriter.rejected(receipt.eventId(), receipt.incidentId(), RejectionReason.NOT_MATCHED_MSSP,
                "deployment-by-matched-mssp", "the incident's matched MSSP is another provider");
        try (OutcomeWriter exactlyOnce = OutcomeWriter.transactional()) {
            exactlyOnce.writeInTransaction(List.of(aborted), false);
            exactlyOnce.writeInTransaction(List.of(committed), true);
        }

        assertThat(client.awaitOutcome(receipt, PATIENCE)).isEqualTo(committed);
    }

    private EventDraft deployment(String deploymentId) {
        return client.event(UUID.randomUUID().toString(), DeploymentStarted.newBuilder()
                .setDeploymentId(deploymentId)
                .setMsspId(MSSP.getId())
                .setMode(DeploymentMode.REMOTE)
                .setTeam(Team.newBuilder().setSize(3).setLead(null).setCapabilities(List.of(ResponseService.DIGITAL_FORENSICS)).build())
                .setLocation(null)
                .build());
    }
}
