package eu.muster.bench;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.Pap;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.Tlp;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Breach-detection lag: files requests whose request-to-match clock runs out a few seconds from now,
 * with nobody matching them, and measures from each deadline until its BREACHED alert is on
 * {@code alert.sla} (committed, as any consumer of alerts sees it).
 */
final class BreachProbe implements AutoCloseable {

    private final Deserializer<SlaAlert> alerts;
    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();
    private final LatencySamples lags = new LatencySamples();
    private final TopicTail tail;
    private volatile CountDownLatch remaining = new CountDownLatch(0);

    BreachProbe(String bootstrapServers, Topics topics) {
        this.alerts = topics.slaAlertSerde().deserializer();
        this.tail = TopicTail.follow(bootstrapServers, List.of(Topics.ALERT_SLA), this::heard, "alerts");
    }

    /**
     * Files {@code count} requests by {@code requester}, the first due {@code firstIn} from now and
     * the others {@code spacing} apart. Each is filed as a late report: it occurred {@code window}
     * (the site's request-to-match window) before its deadline.
     */
    void file(SubmissionDriver driver, Organisation requester, int count, Duration firstIn, Duration spacing, Duration window) {
        remaining = new CountDownLatch(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String incidentId = UUID.randomUUID().toString();
            Instant deadline = now.plus(firstIn).plus(spacing.multipliedBy(i));
            deadlines.put(incidentId, deadline);
            RequestFiled request = new RequestFiled(requester.getId(), requester.getMemberState(), "Breach probe " + (i + 1),
                    Classification.SIGNIFICANT,
                    List.of(new AffectedEntity("Probe utility " + (i + 1), Sector.ENERGY, requester.getMemberState())), List.of(requester.getMemberState()), List.of("forensics"),
                    List.of(ResponseService.DIGITAL_FORENSICS), List.of("en"), false, null);
            driver.sendNow(requester.getId(), new IncidentEvent(UUID.randomUUID().toString(), incidentId, deadline.minus(window), requester,
                    Tlp.AMBER, Pap.AMBER, request));
        }
    }

    private void heard(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Instant heard = Instant.now();
        SlaAlert alert = alerts.deserialize(record.topic(), record.value());
        if (alert.getClock().getKind() != SlaClockKind.REQUEST_TO_MATCH || alert.getClock().getState() != SlaClockState.BREACHED) {
            return;
        }
        Instant deadline = deadlines.remove(alert.getIncidentId());
        if (deadline != null) {
            lags.add(Duration.between(deadline, heard).toNanos());
            remaining.countDown();
        }
    }

    /** Waits until every probe's alert was heard, or {@code timeout}; false on time-out. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (remaining.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            tail.check();
        }
        return false;
    }

    /** Deadline to alert, per probe heard. */
    LatencySamples lags() {
        return lags;
    }

    /** Probes whose alert has not been heard. */
    int missing() {
        return deadlines.size();
    }

    @Override
    public void close() {
        tail.close();
    }
}
