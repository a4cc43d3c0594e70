package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is killed hard (SIGKILL) in the middle of a stream of several thousand submissions
 * and started again: every submission ends in exactly one outcome, no sequence number is skipped or
 * repeated, and the hash chain still verifies.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    private static final int INCIDENTS = 160;
    private static final int REPORTS_PER_INCIDENT = 12;
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Organisation STRANGER_MSSP = Organisation.newBuilder()
            .setId("mssp-baltic").setRole(OrganisationRole.MSSP).setMemberState("EE").build();

    @Test
    void aHardKillMidStreamLosesNothingAndDecidesNothingTwice(@TempDir Path dir) throws Exception {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-crash-test");
        List<IncidentEvent> stream = submissions();
        int poisonPills = INCIDENTS / 4;
        Set<String> eventIds = stream.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());

        try (Submissions submissions = new Submissions(BROKER.bootstrapServers());
             MusterProcess first = MusterProcess.launch("muster-1", "up", "--config", config.toString())) {
            first.awaitLine(UpCommand.PRESS_CTRL_C, READY_WITHIN);
            // Acknowledged one at a time, the stream keeps flowing while the processor dies and comes back.
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < stream.size(); i++) {
                    submissions.submit(stream.get(i));
                    if (i % 10 == 0) {
                        submissions.submit(stream.get(i)); // the same eventId again
                    }
                    if (i % (stream.size() / poisonPills) == 0 && i / (stream.size() / poisonPills) < poisonPills) {
                        submissions.send("de-bsi", "poison-" + i, new byte[] {(byte) 0xC3, 0x01, 7});
                    }
                }
            });

            awaitSomeOutcomes(submissions, stream.size() / 4);
            first.killHard();
            int decidedBeforeRestart = submissions.outcomes().size();
            assertThat(producing).as("the kill happened while submissions were still being written").isNotDone();

            try (MusterProcess second = MusterProcess.launch("muster-2", "up", "--config", config.toString())) {
                second.awaitLine(UpCommand.PRESS_CTRL_C, READY_WITHIN);
                producing.join();
                Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(eventIds, Duration.ofMinutes(3));

                assertThat(decidedBeforeRestart).isLessThan(eventIds.size());
                assertExactlyOneOutcomeEach(eventIds, outcomes, poisonPills);
                second.interrupt();
                assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        }
        Map<String, Integer> perIncident = ChainAudit.verify(BROKER.bootstrapServers());
        assertThat(perIncident.keySet()).containsAll(stream.stream().map(IncidentEvent::getIncidentId).collect(Collectors.toSet()));
    }

    private static void assertExactlyOneOutcomeEach(Set<String> eventIds, Map<String, SubmissionOutcome> outcomes, int poisonPills) {
        Map<String, Integer> recordedTimes = new HashMap<>();
        Map<String, Long> sequenceOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS)) {
            RecordedEvent event = Submissions.TOPICS.recordedEventSerde().deserializer().deserialize(Topics.INCIDENT_EVENTS, record.value());
            recordedTimes.merge(event.getEvent().getEventId(), 1, Integer::sum);
            sequenceOf.put(event.getEvent().getEventId(), event.getSequence());
        }
        Map<String, Integer> rejectedTimes = new HashMap<>();
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_REJECTIONS)) {
            Rejection rejection = Submissions.TOPICS.rejectionSerde().deserializer().deserialize(Topics.INCIDENT_REJECTIONS, record.value());
            if (rejection.getReason() == RejectionReason.UNDECODABLE) {
                unreadable++;
            } else {
                rejectedTimes.merge(rejection.getEventId(), 1, Integer::sum);
            }
        }
        Set<String> duplicatedInLog = new HashSet<>();
        for (String eventId : eventIds) {
            SubmissionOutcome outcome = outcomes.get(eventId);
            int recorded = recordedTimes.getOrDefault(eventId, 0);
            int rejected = rejectedTimes.getOrDefault(eventId, 0);
            if (recorded + rejected != 1) {
                duplicatedInLog.add(eventId + " recorded " + recorded + "x, rejected " + rejected + "x");
            }
            if (Submissions.accepted(outcome)) {
                assertThat(sequenceOf.get(eventId)).as("sequence of %s", eventId).isEqualTo(outcome.getSequence());
            } else {
                assertThat(rejected).as("rejection of %s", eventId).isEqualTo(1);
            }
        }
        assertThat(duplicatedInLog).as("submissions without exactly one outcome on the log").isEmpty();
        assertThat(unreadable).as("poison pills, each rejected once").isEqualTo(poisonPills);
        long accepted = outcomes.values().stream().filter(o -> eventIds.contains(o.getEventId())).filter(Submissions::accepted).count();
        assertThat(accepted).as("most of the stream is a valid lifecycle").isGreaterThan(eventIds.size() / 2);
    }

    private static void awaitSomeOutcomes(Submissions submissions, int atLeast) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (submissions.outcomes().size() < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + atLeast + " outcomes within " + READY_WITHIN);
            }
        }
    }

    /** Per incident: request, match, remote deployment, situation reports acknowledged, and one refused deployment. */
    private static List<IncidentEvent> submissions() {
        ContractTrust.trustContractClasses(); // copies below may happen before any codec exists in this JVM
        List<IncidentEvent> sample = SampleEvents.everyPayloadType();
        List<IncidentEvent> stream = new ArrayList<>();
        Instant clock = Instant.parse("2026-06-01T00:00:00Z");
        for (int i = 0; i < INCIDENTS; i++) {
            String incident = UUID.randomUUID().toString();
            List<IncidentEvent> events = new ArrayList<>(List.of(sample.get(0), sample.get(1), sample.get(2)));
            for (int r = 0; r < REPORTS_PER_INCIDENT; r++) {
                events.add(IncidentEvent.newBuilder(sample.get(4))
                        .setPayload(SituationReported.newBuilder((SituationReported) sample.get(4).getPayload()).setReportId("r-" + r).build())
                        .build());
                events.add(IncidentEvent.newBuilder(sample.get(5))
                        .setPayload(SituationReportAcknowledged.newBuilder().setReportId("r-" + r).build())
                        .build());
            }
            events.add(IncidentEvent.newBuilder(sample.get(2)).setProducer(STRANGER_MSSP).build()); // not the matched MSSP: refused
            for (IncidentEvent template : events) {
                clock = clock.plusSeconds(1);
                stream.add(IncidentEvent.newBuilder(template)
                        .setEventId(UUID.randomUUID().toString())
                        .setIncidentId(incident)
                        .setOccurredAt(clock)
                        .build());
            }
        }
        return stream;
    }
}
