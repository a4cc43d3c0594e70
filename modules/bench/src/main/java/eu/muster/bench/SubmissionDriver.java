package eu.muster.bench;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.loadgen.GeneratedSubmission;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Submits generated traffic to the organisations' submission topics, as their systems would, and
 * waits for every decision on {@code submission.outcomes}.
 *
 * <p><b>Order.</b> An incident's submissions come from several organisations and so travel on
 * several topics, and Kafka orders nothing across topics. A real incident's next step waits for the
 * one before it (ENISA matches a request it has seen). The driver does the same: an incident has at
 * most one submission in flight, and its next one is sent when the outcome of the previous one has
 * come back. Concurrency comes from many incidents at once, as in the Reserve itself. That also makes
 * every outcome predictable, so the driver checks each against the generator's expectation.
 *
 * <p><b>Pace.</b> Flat out (as many as decisions allow) or at a fixed rate of submissions per second.
 */
final class SubmissionDriver implements AutoCloseable {

    /** How many incidents' last sequence the driver remembers once they are idle, for latency probes. */
    private static final int REMEMBERED_SEQUENCES = 100_000;

    private final Producer<String, IncidentEvent> producer;
    private final TopicTail outcomes;
    private final LinkedBlockingQueue<SubmissionOutcome> decided = new LinkedBlockingQueue<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final ViewWatch views;
    // Carried from one phase to the next: submissions generated but not yet sent wait for the next phase, so none is skipped
    // and every incident stays in order.
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, String> incidentOfEvent = new HashMap<>();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private long waiting;
    private final Map<String, Long> lastSequence = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_SEQUENCES;
        }
    };

    SubmissionDriver(String bootstrapServers, Topics topics, ViewWatch views, Map<String, String> producerOverrides) {
        this.views = views;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "muster-bench-submitter");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
        properties.putAll(producerOverrides);
        this.producer = new KafkaProducer<>(properties, topics.incidentIdSerde().serializer(), topics.incidentEventSerde().serializer());
        Deserializer<SubmissionOutcome> outcome = topics.outcomeSerde().deserializer();
        this.outcomes = TopicTail.follow(bootstrapServers, List.of(Topics.SUBMISSION_OUTCOMES),
                record -> decided.add(outcome.deserialize(record.topic(), record.value())), "outcomes");
    }

    /** How a phase is paced. */
    record Pace(double perSecond) {
        static final Pace FLAT_OUT = new Pace(0);

        static Pace of(double perSecond) {
            return new Pace(perSecond);
        }

        boolean flatOut() {
            return perSecond <= 0;
        }
    }

    /** Hears of a submission the moment it is sent, with the sequence it will get if it is accepted. */
    interface SendListener {
        void sent(String incidentId, long expectedSequence, long sentNanos);
    }

    /**
     * What one phase of traffic did.
     *
     * @param filed the accepted requests among the accepted: the incidents the phase opened on the log
     */
    record Phase(long sent, long accepted, long rejected, long filed, long unexpected, List<String> unexpectedExamples, long firstSentNanos,
            long lastDecidedNanos, long viewsCaughtUpNanos, LatencySamples decision, boolean complete) {

        /** Decisions per second from the first send to the last decision. */
        double decidedPerSecond() {
            return rate(accepted + rejected, lastDecidedNanos);
        }

        /** Accepted events per second from the first send until every view showed them. */
        double viewsPerSecond() {
            return rate(accepted, viewsCaughtUpNanos);
        }

        private double rate(long count, long endNanos) {
            long nanos = endNanos - firstSentNanos;
            return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
        }
    }

    /** A running count, for progress lines and the scale run's samples; {@code filed} counts the accepted requests. */
    record Progress(long sent, long decided, long filed, int inFlight, int viewsLagging, long elapsedNanos) {
    }

    private static final class Incident {
        final ArrayDeque<GeneratedSubmission> queued = new ArrayDeque<>(2);
        InFlight inFlight;
    }

    private record InFlight(GeneratedSubmission submission, long sentNanos) {
    }

    /**
     * Runs one phase: submits up to {@code limit} submissions from {@code traffic} at {@code pace},
     * stops sending at {@code deadline} (nanoTime), then waits until every sent one is decided and every
     * view shows every accepted one, or {@code drain} has passed. Submissions generated but not sent by
     * the deadline are sent first in the next phase.
     *
     * @param buffered how many generated submissions may wait for their incident's previous one at most
     * @param progress called about every {@code every}
     */
    Phase run(Iterator<GeneratedSubmission> traffic, long limit, Pace pace, long deadline, int buffered, Duration drain,
            SendListener listener, Duration every, Consumer<Progress> progress) throws InterruptedException {
        views.forgetUnexpected();
        LatencySamples decision = new LatencySamples();
        List<String> examples = new ArrayList<>();
        long sent = 0;
        long accepted = 0;
        long rejected = 0;
        long filed = 0;
        long unexpected = 0;
        long taken = 0;
        long start = System.nanoTime();
        long lastDecided = start;
        long nextProgress = start + every.toNanos();
        List<SubmissionOutcome> batch = new ArrayList<>();
        while (true) {
            checkHealth();
            long now = System.nanoTime();
            boolean taking = taken < limit && traffic.hasNext() && now < deadline;

            // Take what was decided: the incident's next submission may go.
            batch.clear();
            decided.drainTo(batch);
            for (SubmissionOutcome outcome : batch) {
                String incidentId = incidentOfEvent.remove(outcome.getEventId());
                if (incidentId == null) {
                    continue; // not this phase's (a probe's, or an earlier phase's resubmission)
                }
                Incident incident = incidents.get(incidentId);
                InFlight flight = incident.inFlight;
                incident.inFlight = null;
                decision.add(now - flight.sentNanos());
                lastDecided = now;
                boolean wasAccepted = outcome.getStatus() == OutcomeStatus.ACCEPTED;
                if (wasAccepted) {
                    accepted++;
                    filed += isFirst(flight.submission()) ? 1 : 0;
                    lastSequence.put(incidentId, outcome.getSequence());
                    views.expect(incidentId, outcome.getSequence());
                } else {
                    rejected++;
                }
                Optional<RejectionReason> reason = Optional.ofNullable(outcome.getReason());
                if (wasAccepted != flight.submission().expectedAccepted()
                        || (!wasAccepted && !reason.equals(flight.submission().expectedReason()))) {
                    unexpected++;
                    if (examples.size() < 5) {
                        examples.add(outcome.getEventId() + " of " + incidentId + ": expected "
                                + flight.submission().expectedReason().map(Enum::name).orElse("ACCEPTED") + ", got "
                                + (wasAccepted ? "ACCEPTED" : reason.map(Enum::name).orElse("REJECTED") + " (" + outcome.getMessage() + ")"));
                    }
                }
                if (incident.queued.isEmpty()) {
                    incidents.remove(incidentId);
                } else {
                    ready.add(incidentId);
                }
            }

            // Generate while there is room to wait.
            while (taking && waiting < buffered) {
                GeneratedSubmission submission = traffic.next();
                taken++;
                waiting++;
                String incidentId = submission.event().getIncidentId();
                Incident incident = incidents.computeIfAbsent(incidentId, id -> new Incident());
                if (incident.inFlight == null && incident.queued.isEmpty()) {
                    ready.add(incidentId);
                }
                incident.queued.add(submission);
                taking = taken < limit && traffic.hasNext();
            }

            // Send whoever may go, at the pace asked, until the deadline; what is left waits for the next phase.
            long allowed = now >= deadline ? sent : pace.flatOut() ? Long.MAX_VALUE : (long) ((now - start) / 1e9 * pace.perSecond()) + 1;
            while (!ready.isEmpty() && sent < allowed) {
                String incidentId = ready.poll();
                Incident incident = incidents.get(incidentId);
                GeneratedSubmission submission = incident.queued.poll();
                waiting--;
                long sentNanos = System.nanoTime();
                incident.inFlight = new InFlight(submission, sentNanos);
                incidentOfEvent.put(submission.event().getEventId(), incidentId);
                send(submission);
                sent++;
                if (submission.expectedAccepted()) {
                    Long previous = lastSequence.get(incidentId);
                    if (previous != null || isFirst(submission)) {
                        listener.sent(incidentId, (previous == null ? 0 : previous) + 1, sentNanos);
                    }
                }
            }

            if (now >= nextProgress) {
                progress.accept(new Progress(sent, accepted + rejected, filed, incidentOfEvent.size(), views.lagging(), now - start));
                nextProgress = now + every.toNanos();
            }
            boolean allDecided = incidentOfEvent.isEmpty() && (now >= deadline || (waiting == 0 && !taking));
            if (allDecided) {
                break;
            }
            if (now > deadline + drain.toNanos()) {
                return new Phase(sent, accepted, rejected, filed, unexpected, examples, start, lastDecided, -1, decision, false);
            }
            if (ready.isEmpty() || (!pace.flatOut() && sent >= allowed)) {
                SubmissionOutcome next = decided.poll(1, TimeUnit.MILLISECONDS);
                if (next != null) {
                    decided.add(next);
                }
            }
        }
        producer.flush();
        // Every decision is in; now the views.
        long viewsDeadline = System.nanoTime() + drain.toNanos();
        while (views.lagging() > 0) {
            if (System.nanoTime() > viewsDeadline) {
                return new Phase(sent, accepted, rejected, filed, unexpected, examples, start, lastDecided, -1, decision, false);
            }
            Thread.sleep(2); // polling the watch's count; what is measured is the moment it reaches zero, within these 2 ms
            long now = System.nanoTime();
            if (now >= nextProgress) {
                progress.accept(new Progress(sent, accepted + rejected, filed, 0, views.lagging(), now - start));
                nextProgress = now + every.toNanos();
            }
        }
        return new Phase(sent, accepted, rejected, filed, unexpected, examples, start, lastDecided, System.nanoTime(), decision, true);
    }

    /** How many submissions are sent and not yet decided: none between phases that finished. */
    int inFlight() {
        return incidentOfEvent.size();
    }

    /**
     * The eventIds of the submissions generated but not yet sent, which the next phase sends first; in the order generated
     * within each incident. What a kept run records so that a resumed one sends them and skips the rest of what was generated.
     *
     * @throws IllegalStateException while a submission is still in flight: between phases only
     */
    Set<String> unsentEventIds() {
        if (inFlight() > 0) {
            throw new IllegalStateException(inFlight() + " submissions are still in flight");
        }
        Set<String> unsent = new LinkedHashSet<>();
        incidents.values().forEach(incident -> incident.queued.forEach(submission -> unsent.add(submission.event().getEventId())));
        return unsent;
    }

    private static boolean isFirst(GeneratedSubmission submission) {
        return submission.event().getPayload() instanceof eu.muster.contract.RequestFiled;
    }

    private void send(GeneratedSubmission submission) {
        IncidentEvent event = submission.event();
        producer.send(new ProducerRecord<>(Topics.SUBMISSIONS_PREFIX + submission.topicOrganisationId(), event.getIncidentId(), event),
                (metadata, exception) -> {
                    if (exception != null) {
                        sendFailure.compareAndSet(null, exception);
                    }
                });
    }

    /** Sends one submission outside any phase (the breach probes' requests). */
    void sendNow(String topicOrganisationId, IncidentEvent event) {
        send(new GeneratedSubmission(event, topicOrganisationId, Optional.empty()));
        producer.flush();
        checkHealth();
    }

    private void checkHealth() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a submission could not be sent: " + failure.getMessage(), failure);
        }
        outcomes.check();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        outcomes.close();
    }
}
