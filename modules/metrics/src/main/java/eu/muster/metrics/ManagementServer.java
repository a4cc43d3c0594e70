package eu.muster.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoints over plain HTTP: {@code GET /metrics} for Prometheus, {@code GET
 * /health/live} and {@code GET /health/ready} for the orchestrator's probes.
 *
 * <p>Plain HTTP because Prometheus and kubelets scrape that by default; it is meant to listen on the
 * loopback interface or the cluster network, never where members' systems reach (they use the HTTPS
 * gateway). It serves nothing but metrics and health, so it needs neither authentication nor TLS.
 *
 * <p>Two daemon threads answer: probes and scrapes are small and few, and a management server must
 * never keep the JVM alive.
 */
public final class ManagementServer implements AutoCloseable {

    /**
     * What the health endpoints report. Read once per request; implementations must be thread-safe
     * and cheap.
     */
    public interface Health {

        /**
         * The state reported in the {@code streams} field, such as {@code RUNNING}.
         *
         * @return the state's name
         */
        String state();

        /**
         * Whether the process can still make progress on its own; when not, the orchestrator
         * restarts it.
         *
         * @return true while live
         */
        boolean live();

        /**
         * Whether the instance should receive traffic (queries, the gateway's reads).
         *
         * @return true while ready
         */
        boolean ready();

        /**
         * The health of a Kafka Streams instance.
         *
         * <p><b>Live</b> unless {@code ERROR}, {@code PENDING_ERROR} or {@code NOT_RUNNING}: an
         * instance in them never processes again (PENDING_ERROR only leads to ERROR), so only a
         * restart brings processing back.
         * {@code CREATED} and {@code PENDING_SHUTDOWN} are live: the first is on its way up, the
         * second on its way out, and restarting either would only interrupt it.
         *
         * <p><b>Ready</b> when {@code RUNNING} or {@code REBALANCING}. A rebalance happens whenever an
         * instance joins or leaves, so taking every instance out of service for it would make the
         * whole backbone unavailable at each deployment. A rebalancing instance keeps accepting
         * submissions and answers reads with a retryable 503 until its partitions are settled.
         *
         * @param streams the instance
         * @return its health, read from {@link KafkaStreams#state()} on every call
         */
        static Health of(KafkaStreams streams) {
            Objects.requireNonNull(streams, "streams");
            return streamsHealth(streams::state);
        }
    }

    /** The rule of {@link Health#of(KafkaStreams)} over any source of states, so that every state can be tested. */
    static Health streamsHealth(Supplier<KafkaStreams.State> states) {
        return new Health() {
            @Override
            public String state() {
                return states.get().name();
            }

            @Override
            public boolean live() {
                KafkaStreams.State state = states.get();
                return state != KafkaStreams.State.ERROR
                        && state != KafkaStreams.State.PENDING_ERROR
                        && state != KafkaStreams.State.NOT_RUNNING;
            }

            @Override
            public boolean ready() {
                KafkaStreams.State state = states.get();
                return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
            }
        };
    }

    static final String METRICS = "/metrics";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    private static final Set<String> PATHS = Set.of(METRICS, LIVE, READY);
    private static final String JSON = "application/json";

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final MusterMetrics metrics;
    private final Health health;
    private final URI baseUri;

    private ManagementServer(HttpServer server, ExecutorService executor, MusterMetrics metrics, Health health) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
        this.health = health;
        this.baseUri = baseUri(server.getAddress());
    }

    /**
     * Starts the server.
     *
     * @param host the address to listen on, such as {@code 127.0.0.1}
     * @param port the port; 0 takes any free port ({@link #port()} says which)
     * @param metrics what {@code /metrics} serves
     * @param health what the health endpoints report
     * @return the running server; the caller closes it
     * @throws IOException if the address cannot be bound
     */
    public static ManagementServer start(String host, int port, MusterMetrics metrics, Health health)
            throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(health, "health");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
        server.setExecutor(executor);
        ManagementServer management = new ManagementServer(server, executor, metrics, health);
        server.createContext("/", management::handle);
        server.start();
        log.info("Management endpoints listen on {}", management.baseUri);
        return management;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "muster-management-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port, never 0
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Where the server answers, such as {@code http://127.0.0.1:9404/}; a wildcard address is given as
     * the loopback address.
     *
     * @return the base URI, ending in {@code /}
     */
    public URI baseUri() {
        return baseUri;
    }

    private static URI baseUri(InetSocketAddress bound) {
        InetAddress address = bound.getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress()
                : bound.getAddress();
        try {
            // This constructor brackets an IPv6 literal.
            return new URI("http", null, address.getHostAddress(), bound.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no URI for " + bound, e);
        }
    }

    /**
     * Stops listening and ends the exchanges in progress. It does not wait for them: a cut scrape or
     * probe at shutdown costs nothing, and waiting would hold up the application's shutdown.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }

    private void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (IOException e) {
            // The client went away mid-answer: nothing left to answer.
            log.debug("Answering {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        } catch (RuntimeException e) {
            log.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            answerFailure(exchange);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!PATHS.contains(path)) {
            send(exchange, 404, JSON, "{\"error\":\"not found\"}");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, JSON, "{\"error\":\"method not allowed\"}");
            return;
        }
        switch (path) {
            case METRICS -> send(exchange, 200, MusterMetrics.CONTENT_TYPE, metrics.scrape());
            case LIVE -> sendHealth(exchange, health.live());
            case READY -> {
                boolean ready = health.ready();
                if (!ready) {
                    // Readiness comes back within seconds of a rebalance ending: ask to retry soon.
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                sendHealth(exchange, ready);
            }
            default -> throw new IllegalStateException("unrouted path " + path);
        }
    }

    private void sendHealth(HttpExchange exchange, boolean up) throws IOException {
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"streams\":\"" + jsonEscape(health.state()) + "\"}";
        send(exchange, up ? 200 : 503, JSON, body);
    }

    private static void answerFailure(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return; // headers are out already; closing the exchange ends the response
        }
        try {
            send(exchange, 500, JSON, "{\"error\":\"internal error\"}");
        } catch (IOException e) {
            log.debug("Answering the failure of {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // Probes and scrapes must see the present, never a cache's copy.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Escapes a string for a JSON string literal; a state name needs none, but a Health may say anything. */
    static String jsonEscape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
