package eu.muster.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.json.JsonContract;
import eu.muster.json.JsonContractException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS gateway. Member-state, ENISA and MSSP systems without a Kafka client file events in
 * the contract's JSON form and read their outcomes, with the same guarantees as the Java client:
 * an event reaches the caller's own submission topic only whole, only for the caller's own
 * organisation, and the answer comes once the broker has it.
 *
 * <ul>
 *   <li>{@code POST /v1/events}: one envelope or an array of them; 202 with where to read each outcome,
 *       or 200 when every one was already decided (a resubmitted eventId gets its first outcome).</li>
 *   <li>{@code GET /v1/events/{eventId}/outcome}: ACCEPTED with its sequence number, REJECTED with its
 *       reason, or PENDING.</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI document of this API (docs/openapi.json).</li>
 * </ul>
 * Every error is an RFC 9457 problem document ({@link Problem}).
 */
public final class Gateway implements AutoCloseable {

    /** The path of the events collection. */
    public static final String EVENTS = "/v1/events";
    /** The path of the OpenAPI document. */
    public static final String OPENAPI = "/openapi.json";

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Pattern OUTCOME = Pattern.compile(Pattern.quote(EVENTS) + "/([^/]+)/outcome");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String JSON = "application/json";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final GatewaySettings settings;
    private final Authenticator authenticator;
    private final Submitter submitter;
    private final OutcomeLookup outcomes;
    private final JsonContract json = JsonContract.create();
    private final ObjectMapper mapper = new ObjectMapper();
    private final byte[] openApi;

    private Gateway(HttpsServer server, ExecutorService executor, GatewaySettings settings, Authenticator authenticator,
            Submitter submitter, OutcomeLookup outcomes) {
        this.server = server;
        this.executor = executor;
        this.settings = settings;
        this.authenticator = authenticator;
        this.submitter = submitter;
        this.outcomes = outcomes;
        this.openApi = openApiDocument();
    }

    /**
     * Starts the gateway on {@code settings.host():settings.port()} with {@code tls}. Client certificates
     * are asked for but not required, so that token holders can connect; a caller with neither gets 401.
     */
    public static Gateway start(GatewaySettings settings, SSLContext tls, Authenticator authenticator, Submitter submitter,
            OutcomeLookup outcomes) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setWantClientAuth(true);
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(parameters);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "muster-https");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        Gateway gateway = new Gateway(server, executor, settings, authenticator, submitter, outcomes);
        server.createContext("/", gateway::handle);
        server.start();
        LOG.info("gateway listening on https://{}:{}", settings.host(), gateway.port());
        return gateway;
    }

    /**
     * Serves {@code path} and everything below it with {@code handler} on the same HTTPS server, in front of the
     * gateway's own resources (the longest matching path wins).
     */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Who is calling, for mounted APIs: the same authentication as the gateway's. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Its base address, e.g. {@code https://127.0.0.1:8443}. */
    public URI baseUri() {
        return URI.create("https://" + settings.host() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            try {
                route(exchange, path);
            } catch (Problem.Raised raised) {
                Reply.problem(exchange, raised.problem(), mapper, settings.maxBodyBytes());
            } catch (RuntimeException e) {
                // Logged with its stack trace and answered: a bug must not look like a dropped connection.
                LOG.error("request {} {} failed", exchange.getRequestMethod(), path, e);
                Reply.problem(exchange, Problem.of(500, "internal-error", "Internal error", "the gateway failed to handle the request; see its log"),
                        mapper, settings.maxBodyBytes());
            }
        } catch (IOException e) {
            LOG.warn("could not answer {} {}: {}", exchange.getRequestMethod(), path, e.getMessage());
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals(OPENAPI)) {
            allow(exchange, method, "GET");
            respondBytes(exchange, 200, JSON, openApi);
            return;
        }
        if (path.equals(EVENTS)) {
            allow(exchange, method, "POST");
            submit(exchange, submitter(authenticator.authenticate(exchange)));
            return;
        }
        Matcher outcome = OUTCOME.matcher(path);
        if (outcome.matches()) {
            allow(exchange, method, "GET");
            authenticator.authenticate(exchange);
            outcome(exchange, outcome.group(1));
            return;
        }
        throw new Problem.Raised(Problem.of(404, "not-found", "No such resource",
                "no resource at " + path + "; events are POST " + EVENTS + " and GET " + EVENTS + "/{eventId}/outcome, the views are read under "
                        + "/v1/ (docs/dashboards.md), and GET " + OPENAPI + " describes them all"));
    }

    private static Organisation submitter(Caller caller) {
        return caller.asOrganisation().orElseThrow(() -> new Problem.Raised(Problem.of(403, "read-only", "Auditors write nothing",
                caller.id() + " is an auditor: it reads every view and may submit no event")));
    }

    private void submit(HttpExchange exchange, Organisation caller) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).strip().startsWith(JSON)) {
            throw new Problem.Raised(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "events are sent as " + JSON + ", got " + (contentType == null ? "no Content-Type" : "'" + contentType + "'")));
        }
        List<IncidentEvent> events;
        try {
            events = json.readEvents(body(exchange));
        } catch (JsonContractException e) {
            throw new Problem.Raised(new Problem(400, "invalid-event", "The event does not match the contract",
                    e.violations().size() + " problem(s) in the request body; nothing was submitted", e.violations()));
        }
        if (events.isEmpty()) {
            throw new Problem.Raised(Problem.of(400, "empty-batch", "No events", "the request holds an empty array; nothing was submitted"));
        }
        if (events.size() > settings.maxBatch()) {
            throw new Problem.Raised(Problem.of(413, "batch-too-large", "Too many events in one request",
                    events.size() + " events in one request, at most " + settings.maxBatch() + "; nothing was submitted"));
        }
        for (int i = 0; i < events.size(); i++) {
            checkProducer(caller, events.get(i), events.size() == 1 ? "" : "[" + i + "].");
        }
        // Every event was checked before any is written: nothing half-valid reaches Kafka.
        ArrayNode results = mapper.createArrayNode();
        boolean pending = false;
        for (IncidentEvent event : events) {
            Optional<SubmissionOutcome> decided = lookup(event.getEventId());
            if (decided.isPresent()) {
                results.add(json.write(decided.get()));
                continue;
            }
            try {
                submitter.submit(caller.getId(), event);
            } catch (Submitter.SubmissionFailedException e) {
                LOG.warn("submission of {} for {} failed", event.getEventId(), caller.getId(), e);
                throw new Problem.Raised(Problem.of(503, "broker-unavailable", "The broker did not confirm the submission",
                        "event " + event.getEventId() + " was not confirmed by Kafka (" + e.getMessage() + "); "
                                + results.size() + " event(s) before it were submitted; resubmitting all is safe, eventIds are idempotent"));
            }
            pending = true;
            results.add(pendingOutcome(event.getEventId()));
        }
        ObjectNode response = mapper.createObjectNode();
        response.set("events", results);
        respond(exchange, pending ? 202 : 200, JSON, response);
    }

    private void checkProducer(Organisation caller, IncidentEvent event, String at) {
        Organisation claimed = event.getProducer();
        if (!claimed.getId().equals(caller.getId()) || claimed.getRole() != caller.getRole()
                || !Objects.equals(claimed.getMemberState(), caller.getMemberState())) {
            throw new Problem.Raised(new Problem(403, "producer-mismatch", "The event claims another organisation",
                    "you are " + describe(caller) + "; the event claims to come from " + describe(claimed) + "; nothing was submitted",
                    List.of(new eu.muster.json.Violation(at + "producer", describe(caller), describe(claimed)))));
        }
    }

    private void outcome(HttpExchange exchange, String eventId) throws IOException {
        if (!UUID.matcher(eventId).matches()) {
            throw new Problem.Raised(new Problem(400, "invalid-event-id", "Not an eventId",
                    "eventIds are UUIDs in canonical lower-case form", List.of(new eu.muster.json.Violation("eventId", "a UUID", eventId))));
        }
        Optional<SubmissionOutcome> decided = lookup(eventId);
        respond(exchange, 200, JSON, decided.<ObjectNode>map(json::write).orElseGet(() -> pendingOutcome(eventId)));
    }

    private Optional<SubmissionOutcome> lookup(String eventId) {
        try {
            return outcomes.outcome(eventId);
        } catch (IllegalStateException e) {
            throw new Problem.Raised(Problem.of(503, "outcomes-unavailable", "Outcomes cannot be read right now",
                    "the outcome store is being rebalanced or restored (" + e.getMessage() + "); retry shortly"));
        }
    }

    private ObjectNode pendingOutcome(String eventId) {
        ObjectNode pending = mapper.createObjectNode();
        pending.put("eventId", eventId);
        pending.put("status", "PENDING");
        pending.put("outcome", EVENTS + "/" + eventId + "/outcome");
        return pending;
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        // Not closed here: the exchange closes it, after the response has drained what is left.
        byte[] body = exchange.getRequestBody().readNBytes(settings.maxBodyBytes() + 1);
        if (body.length > settings.maxBodyBytes()) {
            throw new Problem.Raised(Problem.of(413, "body-too-large", "Request body too large",
                    "the body exceeds " + settings.maxBodyBytes() + " bytes; nothing was submitted"));
        }
        return body;
    }

    private static void allow(HttpExchange exchange, String method, String allowed) {
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new Problem.Raised(Problem.of(405, "method-not-allowed", "Method not allowed",
                    method + " is not allowed on " + exchange.getRequestURI().getPath() + "; use " + allowed));
        }
    }

    private static String describe(Organisation organisation) {
        return organisation.getId() + " (" + organisation.getRole() + (organisation.getMemberState() == null ? "" : ", " + organisation.getMemberState()) + ")";
    }

    private void respond(HttpExchange exchange, int status, String contentType, ObjectNode body) throws IOException {
        respondBytes(exchange, status, contentType, mapper.writeValueAsBytes(body));
    }

    private void respondBytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Reply.bytes(exchange, status, contentType, body, settings.maxBodyBytes());
    }

    private static byte[] openApiDocument() {
        try (InputStream in = Gateway.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the gateway's jar; the build copies it from docs/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }
}
