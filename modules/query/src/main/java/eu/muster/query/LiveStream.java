package eu.muster.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.muster.gateway.Authenticator;
import eu.muster.gateway.Caller;
import eu.muster.gateway.Problem;
import eu.muster.gateway.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/stream}: server-sent events announcing every view change the caller may see, so a
 * dashboard updates as soon as a change is committed, with no polling. Events:
 * <ul>
 *   <li>{@code ready}: the stream is subscribed; read the views now, and every change from here is announced.</li>
 *   <li>{@code view}: {@code {"view":…,"key":…,"at":…}}, one change.</li>
 *   <li>{@code resync}: changes may have been missed (a slow reader, a rebalance); read the views again.</li>
 *   <li>{@code expired}: the credential the stream was opened with has expired; the stream ends.</li>
 * </ul>
 * A comment line every heartbeat interval keeps proxies from closing an idle stream. Each stream
 * has a thread of its own, at most {@code maxStreams} of them (503 beyond).
 */
final class LiveStream implements HttpHandler, AutoCloseable {

    /** Where it is mounted. */
    static final String PATH = "/v1/stream";

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    private static final int QUEUE = 1024;
    private static final Object RESYNC = new Object();

    private final LiveFeed feed;
    private final Authenticator authenticator;
    private final Duration heartbeat;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.time.Clock clock;
    private volatile boolean open = true;

    LiveStream(LiveFeed feed, Authenticator authenticator, int maxStreams, Duration heartbeat, java.time.Clock clock) {
        this.clock = clock;
        this.feed = feed;
        this.authenticator = authenticator;
        this.heartbeat = heartbeat;
        this.slots = new Semaphore(maxStreams);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "muster-live-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Caller caller;
        java.util.Optional<java.time.Instant> expiry;
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                throw new Problem.Raised(Problem.of(405, "method-not-allowed", "Method not allowed", "the stream is read with GET"));
            }
            caller = authenticator.authenticate(exchange);
            expiry = authenticator.credentialExpiry(exchange);
            if (feed.failed()) {
                throw StoreRouter.unavailable("the feed of view changes stopped (see the log); read the views with the query API");
            }
            if (!slots.tryAcquire()) {
                throw StoreRouter.unavailable("every live stream slot is taken (muster.query.max-streams)");
            }
        } catch (Problem.Raised raised) {
            try (exchange) {
                Reply.problem(exchange, raised.problem(), mapper, 0);
            }
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        // The request thread returns at once; the stream lives on a thread of its own until the client goes.
        threads.execute(() -> stream(exchange, caller, expiry));
    }

    private void stream(HttpExchange exchange, Caller caller, java.util.Optional<java.time.Instant> expiry) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        Consumer<ViewChange> subscriber = change -> {
            if (change.audience().test(caller) && !queue.offer(change)) {
                queue.clear(); // too slow to keep up: tell it to read everything again rather than drop changes silently
                queue.offer(RESYNC);
            }
        };
        Runnable resync = () -> {
            if (!queue.offer(RESYNC)) {
                queue.clear();
                queue.offer(RESYNC);
            }
        };
        feed.subscribe(subscriber, resync);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            write(out, "event: ready\ndata: {}\n\n");
            while (open && !feed.failed()) {
                if (expiry.isPresent() && !clock.instant().isBefore(expiry.get())) {
                    // The credential checked at the start no longer holds: end, so the client must authenticate again.
                    write(out, "event: expired\ndata: {}\n\n");
                    break;
                }
                long wait = expiry.map(at -> Math.min(heartbeat.toMillis(), Math.max(1, Duration.between(clock.instant(), at).toMillis())))
                        .orElse(heartbeat.toMillis());
                Object next = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (next == null && expiry.isPresent() && !clock.instant().isBefore(expiry.get())) {
                    continue; // ends at the top of the loop, with its 'expired' event
                } else if (next == null) {
                    write(out, ": heartbeat\n\n");
                } else if (next == RESYNC && feed.failed()) {
                    break; // ending the stream makes the dashboard reconnect, and say it is not live
                } else if (next == RESYNC) {
                    write(out, "event: resync\ndata: {}\n\n");
                } else {
                    ViewChange change = (ViewChange) next;
                    ObjectNode data = mapper.createObjectNode().put("view", change.view()).put("key", change.key()).put("at", change.at().toString());
                    write(out, "event: view\ndata: " + mapper.writeValueAsString(data) + "\n\n");
                }
            }
        } catch (IOException gone) {
            LOG.debug("a live stream of {} ended: {}", caller.id(), gone.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.unsubscribe(subscriber, resync);
            slots.release();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        threads.shutdownNow();
    }
}
