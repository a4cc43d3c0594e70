package eu.muster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency as a dashboard user lives it: from a submission's send until its effect is
 * readable through the query API ({@code GET /v1/incidents/{id}} shows the event's sequence). A
 * fixed number of probes each follow one submission at a time, polling; a submission sent while every
 * probe is busy is not followed, so the samples are spread over the phase rather than queued up.
 *
 * <p>A probe reads every {@code interval}, or every 2 % of the time it has waited so far if that is
 * longer: near saturation a submission waits seconds, and reading every 10 ms for all that time took
 * a sixth of the processor away from the application under test.
 */
final class LatencyProbes implements SubmissionDriver.SendListener, AutoCloseable {

    /** The wait between two reads grows to this fraction of the time waited, so a figure is within 2 % of the truth. */
    private static final long RELATIVE_RESOLUTION = 50;

    private final QueryClient client;
    private final Duration interval;
    private final Duration giveUp;
    private final SynchronousQueue<Probe> handOver = new SynchronousQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<LatencySamples> samples = new AtomicReference<>(new LatencySamples());
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean closed;

    private record Probe(String incidentId, long sequence, long sentNanos) {
    }

    /**
     * @param probes   how many submissions are followed at once
     * @param interval how long a probe waits at least between two reads: the resolution of figures up to 50 times that
     * @param giveUp   after how long a submission not yet readable counts as lost
     */
    LatencyProbes(QueryClient client, int probes, Duration interval, Duration giveUp) {
        this.client = client;
        this.interval = interval;
        this.giveUp = giveUp;
        for (int i = 0; i < probes; i++) {
            Thread worker = new Thread(this::work, "muster-bench-probe-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Starts a fresh set of samples (a new phase) and returns the previous one. */
    LatencySamples restart() {
        gaveUp.set(0);
        return samples.getAndSet(new LatencySamples());
    }

    /** The samples of the current phase. */
    LatencySamples samples() {
        return samples.get();
    }

    /** Submissions of this phase that were not readable within the give-up time. */
    long gaveUp() {
        return gaveUp.get();
    }


    @Override
    public void sent(String incidentId, long expectedSequence, long sentNanos) {
        if (!closed) {
            handOver.offer(new Probe(incidentId, expectedSequence, sentNanos));
        }
    }

    private void work() {
        try {
            while (!closed) {
                Probe probe = handOver.poll(100, TimeUnit.MILLISECONDS);
                if (probe != null) {
                    follow(probe);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void follow(Probe probe) {
        LatencySamples target = samples.get();
        String path = "/v1/incidents/" + URLEncoder.encode(probe.incidentId(), StandardCharsets.UTF_8);
        long deadline = probe.sentNanos() + giveUp.toNanos();
        while (!closed) {
            QueryClient.Answer answer = client.get(path);
            long now = System.nanoTime();
            if (answer.ok() && throughSequence(answer.body()) >= probe.sequence()) {
                target.add(now - probe.sentNanos());
                return;
            }
            // 404 until the incident's first view exists, 503 while partitions move: both mean "not yet".
            if (answer.status() != 200 && answer.status() != 404 && answer.status() != 503) {
                throw new IllegalStateException("GET " + path + " answered " + answer.status());
            }
            if (now > deadline) {
                gaveUp.incrementAndGet();
                return;
            }
            LockSupport.parkNanos(Math.max(interval.toNanos(), (now - probe.sentNanos()) / RELATIVE_RESOLUTION));
        }
    }

    private static long throughSequence(JsonNode incident) {
        JsonNode coordination = incident.path("coordination");
        return coordination.path("throughSequence").asLong(-1);
    }

    /** Throws what stopped a probe, if anything did. */
    void check() {
        RuntimeException stopped = failure.get();
        if (stopped != null) {
            throw new IllegalStateException("a latency probe failed: " + stopped.getMessage(), stopped);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(35));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
