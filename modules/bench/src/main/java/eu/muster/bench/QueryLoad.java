package eu.muster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The query API under concurrent readers: several dashboards at once, each asking as fast as it is
 * answered, with a mix of what dashboards ask: mostly one incident, sometimes a page of incidents,
 * of open clocks or of breaches.
 */
final class QueryLoad {

    /** What is asked, and how often in a hundred. */
    enum Kind {
        INCIDENT(70), INCIDENT_PAGE(10), CLOCK_PAGE(10), BREACH_PAGE(10);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** What the load measured. */
    record Result(int readers, Duration duration, long requests, long errors, LatencySamples all, Map<Kind, LatencySamples> byKind,
            String firstError) {
        double perSecond() {
            return requests / (duration.toNanos() / 1e9);
        }
    }

    /** The load could not start: the incidents to read could not be listed. */
    static final class NotStarted extends RuntimeException {
        NotStarted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private QueryLoad() {
    }

    /**
     * Runs {@code readers} readers for {@code duration}. The incidents asked for are drawn from the
     * first pages of {@code /v1/incidents}, so every one exists.
     *
     * @throws NotStarted when those pages cannot be read
     */
    static Result run(QueryClient client, int readers, Duration duration, long seed) throws InterruptedException {
        List<String> incidentIds = knownIncidents(client);
        if (incidentIds.isEmpty()) {
            throw new NotStarted("the query API lists no incidents; nothing to read", null);
        }
        int incidents = incidentIds.size();
        LatencySamples all = new LatencySamples();
        Map<Kind, LatencySamples> byKind = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new LatencySamples());
        }
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int r = 0; r < readers; r++) {
            SplittableRandom random = new SplittableRandom(seed + r);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    Kind kind = pick(random);
                    String path = switch (kind) {
                        case INCIDENT -> "/v1/incidents/" + URLEncoder.encode(incidentIds.get(random.nextInt(incidents)), StandardCharsets.UTF_8);
                        case INCIDENT_PAGE -> "/v1/incidents?limit=50&offset=" + 50 * random.nextInt(Math.max(1, incidents / 50));
                        case CLOCK_PAGE -> "/v1/clocks?limit=50";
                        case BREACH_PAGE -> "/v1/breaches?limit=50";
                    };
                    long sent = System.nanoTime();
                    QueryClient.Answer answer;
                    try {
                        answer = client.get(path);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, path + ": " + e.getMessage());
                        continue;
                    }
                    long took = System.nanoTime() - sent;
                    if (answer.ok()) {
                        all.add(took);
                        byKind.get(kind).add(took);
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, path + " answered " + answer.status());
                    }
                }
            }, "muster-bench-reader-" + r);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Result(readers, took, all.count() + errors.get(), errors.get(), all, byKind, firstError.get());
    }

    private static Kind pick(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            if (roll < kind.weight) {
                return kind;
            }
            roll -= kind.weight;
        }
        return Kind.INCIDENT;
    }

    private static List<String> knownIncidents(QueryClient client) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            String path = "/v1/incidents?limit=500&offset=" + page * 500;
            QueryClient.Answer answer;
            try {
                answer = client.get(path);
            } catch (RuntimeException e) {
                throw new NotStarted("GET " + path + " failed before the query load: " + e.getMessage(), e);
            }
            if (!answer.ok()) {
                throw new NotStarted("GET " + path + " answered " + answer.status() + " before the query load", null);
            }
            JsonNode items = answer.body().path("items");
            items.forEach(item -> ids.add(item.path("incidentId").asText()));
            if (items.size() < 500) {
                break;
            }
        }
        return ids;
    }
}
