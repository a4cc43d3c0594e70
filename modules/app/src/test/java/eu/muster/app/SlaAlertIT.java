package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.sla.view.SlaQueries;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SLA view on the real backbone and broker: a match deadline passes with no event, and the breach alert appears. */
class SlaAlertIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlaAlertIT.class);
    /** Long enough that the request is surely recorded while the clock still runs, so it is seen RUNNING, AT_RISK, then BREACHED. */
    private static final Duration MATCH_WINDOW = Duration.ofSeconds(10);

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void aMatchDeadlinePassesWithNoEventAndTheBreachAlertAppearsOnTheAlertTopic(@TempDir Path dir) throws IOException {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-sla-alert");
        Files.writeString(config, "muster.sla.window.request-to-match=" + MATCH_WINDOW + "\nmuster.views.check-interval=PT0.2S\n",
                StandardOpenOption.APPEND);
        IncidentEvent request;
        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            request = requestNow();
            Instant deadline = request.getOccurredAt().plus(MATCH_WINDOW);
            submissions.submit(request);
            SubmissionOutcome outcome = submissions.awaitOutcomes(Set.of(request.getEventId()), Duration.ofSeconds(60)).get(request.getEventId());
            assertThat(Submissions.accepted(outcome)).isTrue();
            LOG.info("request recorded {} ms after it occurred", Duration.between(request.getOccurredAt(), outcome.getDecidedAt()).toMillis());

            ConsumerRecord<String, byte[]> breach = awaitAlert(request.getIncidentId(), SlaClockState.BREACHED, Duration.ofSeconds(60));
            Instant seen = Instant.now();
            SlaAlert alert = decodeAlert(breach);

            assertThat(alert.getClock().getKind()).isEqualTo(SlaClockKind.REQUEST_TO_MATCH);
            assertThat(alert.getPreviousState()).isEqualTo(SlaClockState.AT_RISK);
            assertThat(alert.getRaisedAt()).isEqualTo(deadline);
            assertThat(alert.getClock().getDeadline()).isEqualTo(deadline);
            assertThat(alert.getRequestingMemberState()).isEqualTo(((RequestFiled) request.getPayload()).getRequestingMemberState());
            assertThat(breach.timestamp()).isEqualTo(deadline.toEpochMilli());
            assertThat(alert.getThroughSequence()).as("no event but the request").isEqualTo(1);
            LOG.info("breach alert read {} ms after its deadline", Duration.between(deadline, seen).toMillis());

            SlaQueries queries = SlaQueries.of(backbone.streams());
            assertThat(queries.openBreaches()).anySatisfy(open -> {
                assertThat(open.getIncidentId()).isEqualTo(request.getIncidentId());
                assertThat(open.getClock().getKind()).isEqualTo(SlaClockKind.REQUEST_TO_MATCH);
            });
            SlaView view = queries.incident(request.getIncidentId()).orElseThrow();
            assertThat(view.getClocks()).singleElement().satisfies(clock -> assertThat(clock.getState()).isEqualTo(SlaClockState.BREACHED));
        }

        List<SlaView> views = TopicContents.read(BROKER.bootstrapServers(), Topics.VIEW_SLA).stream()
                .filter(r -> r.key().equals(request.getIncidentId()))
                .map(r -> Submissions.TOPICS.slaViewSerde().deserializer().deserialize(Topics.VIEW_SLA, r.value()))
                .toList();
        assertThat(views).extracting(v -> v.getClocks().get(0).getState())
                .containsExactly(SlaClockState.RUNNING, SlaClockState.AT_RISK, SlaClockState.BREACHED);
    }

    /** A request filed now, for an incident of its own. */
    private static IncidentEvent requestNow() {
        ContractTrust.trustContractClasses(); // the copy below happens before any codec exists in this JVM
        IncidentEvent sample = SampleEvents.everyPayloadType().get(0);
        return IncidentEvent.newBuilder(sample)
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private static ConsumerRecord<String, byte[]> awaitAlert(String incidentId, SlaClockState state, Duration within) {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, byte[]> record : TopicContents.read(BROKER.bootstrapServers(), Topics.ALERT_SLA)) {
                SlaAlert alert = decodeAlert(record);
                if (alert.getIncidentId().equals(incidentId) && alert.getClock().getState() == state) {
                    return record;
                }
            }
        }
        throw new AssertionError("no " + state + " alert for " + incidentId + " on " + Topics.ALERT_SLA + " within " + within);
    }

    private static SlaAlert decodeAlert(ConsumerRecord<String, byte[]> record) {
        return Submissions.TOPICS.slaAlertSerde().deserializer().deserialize(Topics.ALERT_SLA, record.value());
    }
}
