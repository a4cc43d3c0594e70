package eu.muster.query.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard's static files in a real (headless) Chromium, against a stub of the query API:
 * sign-in by URL fragment, the panels, the countdown, the incident timeline, keyboard use, and
 * a live update pushed over the event stream.
 */
@Tag("browser")
class DashboardPageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SHOTS = Path.of("target", "browser");

    @Test
    void showsTheViewsAndFollowsTheLiveStream(@TempDir Path profile) throws Exception {
        assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")),
                "no Chromium here (scripts/ensure-chromium); in CI a missing browser fails this test instead");

        try (StubApi api = new StubApi(); Chromium browser = Chromium.launch(profile.resolve("chromium"))) {
            browser.navigate(api.base() + "/dashboard/#token=test-token");

            browser.waitFor("document.body.dataset.stream === 'live'"
                    + " && document.querySelectorAll('#clocks tbody tr').length === 2"
                    + " && document.querySelector('#reviews tbody tr') !== null"
                    + " && document.querySelectorAll('#scorecards tbody tr').length === 2"
                    + " && document.querySelector('#member-states tbody tr') !== null"
                    + " && document.body.dataset.updatedAt !== undefined", WAIT);

            // the token came from the fragment, went into every request, and left the address bar
            assertThat(api.authorizations).containsExactly("Bearer test-token");
            assertThat(browser.evaluate("location.hash").asText()).isEmpty();
            assertThat(browser.evaluate("sessionStorage.getItem('muster.token')").asText()).isEqualTo("test-token");
            assertThat(browser.evaluate("document.querySelector('#me').textContent").asText()).contains("enisa");

            // the breached clock is highlighted and says so; the at-risk one differently
            JsonNode breached = row(browser, "#clocks tr[data-incident-id='inc-1']");
            assertThat(breached.path("class").asText()).contains("breached");
            assertThat(breached.path("text").asText()).contains("BREACHED", "overdue by", "TLP:AMBER", "Ransomware at regional hospitals");
            JsonNode atRisk = row(browser, "#clocks tr[data-incident-id='inc-2']");
            assertThat(atRisk.path("class").asText()).contains("at-risk").doesNotContain("breached");
            assertThat(atRisk.path("text").asText()).contains("AT RISK", "TLP:GREEN");

            // time left counts down, client-side
            String countdown = "document.querySelector(\"#clocks tr[data-incident-id='inc-2'] .countdown\").textContent";
            String before = browser.evaluate(countdown).asText();
            assertThat(before).matches("\\d+ m \\d{2} s");
            browser.waitFor(countdown + " !== " + js(before), Duration.ofSeconds(3));

            // the review backlog and the scorecards
            JsonNode review = row(browser, "#reviews tr[data-incident-id='inc-0']");
            assertThat(review.path("class").asText()).contains("overdue");
            assertThat(review.path("text").asText()).contains("OVERDUE", "TLP:AMBER+STRICT", "overdue by");
            assertThat(browser.evaluate("[...document.querySelectorAll('#scorecards tr[data-mssp-id]')]"
                    + ".map(r => r.dataset.msspId).join(',')").asText()).isEqualTo("mssp-acme,mssp-bravo");

            // choosing an incident shows its status and its timeline
            browser.evaluate("document.querySelector(\"#clocks tr[data-incident-id='inc-1'] button.incident-link\").click()");
            browser.waitFor("document.querySelectorAll(\"#incident article[data-incident-id='inc-1'] ol.timeline li\").length >= 8", WAIT);
            String incident = browser.evaluate("document.querySelector('#incident').textContent").asText();
            assertThat(incident).contains("Ransomware at regional hospitals", "TLP:AMBER", "Investigation", "mssp-acme",
                    "Support requested", "Reclassified large scale", "de-bsi joined", "Deadline: Match → remote support",
                    "Situation report by de-bsi", "France offered assistance", "Awaiting on-site support");
            assertThat(browser.evaluate("document.activeElement.id").asText()).isEqualTo("incident-title");

            // a member state's incidents, from the keyboard
            browser.evaluate("document.querySelector(\"#member-states button[data-member-state-link='DE']\").focus()");
            pressEnter(browser);
            browser.waitFor("document.querySelector(\"#member-state-detail tr[data-incident-id='inc-1']\") !== null", WAIT);

            // a new clock appears within a few seconds of its view event, and the update is stamped
            String updatedAt = browser.evaluate("document.body.dataset.updatedAt").asText();
            api.clocks.add(StubApi.json("""
                    {"incidentId": "inc-3", "title": "Wiper malware at a water utility", "tlp": "RED",
                     "requestingMemberState": "NL", "msspId": null,
                     "clock": {"kind": "REQUEST_TO_MATCH", "cycle": 0, "state": "RUNNING", "windowMillis": 14400000,
                               "startedAt": "{{-10m}}", "deadline": "{{+230m}}", "endedAt": null, "latenessMillis": null}}
                    """));
            api.push("sla", "inc-3");
            browser.waitFor("document.querySelector(\"#clocks tr[data-incident-id='inc-3']\") !== null"
                    + " && document.body.dataset.updatedAt !== " + js(updatedAt), Duration.ofSeconds(5));
            assertThat(row(browser, "#clocks tr[data-incident-id='inc-3']").path("text").asText()).contains("TLP:RED", "RUNNING");

            assertThat(browser.consoleErrors()).isEmpty();
            browser.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)");
            Path shot = browser.screenshot(SHOTS.resolve("dashboard-stub.png"));
            assertThat(Files.size(shot)).isPositive();

            // the same page on a narrower laptop window (whole page), in the dark and on a wall screen (for people to look at)
            viewport(browser, 1000, 3400);
            browser.screenshot(SHOTS.resolve("dashboard-stub-narrow.png"));
            browser.send("Emulation.clearDeviceMetricsOverride", null, WAIT);
            browser.send("Emulation.setEmulatedMedia", StubApi.json(
                    "{\"features\": [{\"name\": \"prefers-color-scheme\", \"value\": \"dark\"}]}"), WAIT);
            browser.screenshot(SHOTS.resolve("dashboard-stub-dark.png"));
            browser.send("Emulation.setEmulatedMedia", StubApi.json("{\"features\": []}"), WAIT);
            browser.evaluate("document.querySelector('#wall-toggle').click()");
            browser.waitFor("document.body.classList.contains('wall') && location.search.includes('wall=1')", WAIT);
            viewport(browser, 1920, 1080);
            browser.screenshot(SHOTS.resolve("dashboard-stub-wall.png"));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void signsInWithTheFormReconnectsTheStreamAndLeavesTheWallViewOnEscape(@TempDir Path profile) throws Exception {
        assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")),
                "no Chromium here (scripts/ensure-chromium); in CI a missing browser fails this test instead");

        try (StubApi api = new StubApi(); Chromium browser = Chromium.launch(profile.resolve("chromium"))) {
            browser.navigate(api.base() + "/dashboard/?wall=1");

            // no token and no certificate: /v1/me answers 401 and the page asks for a token
            browser.waitFor("!document.querySelector('#sign-in').hidden && document.querySelector('#main').hidden", WAIT);
            browser.evaluate("document.querySelector('#token-input').value = 'test-token';"
                    + " document.querySelector('#sign-in-form button[type=submit]').click()");
            browser.waitFor("document.body.dataset.stream === 'live' && document.querySelectorAll('#clocks tbody tr').length === 2", WAIT);
            assertThat(browser.evaluate("sessionStorage.getItem('muster.token')").asText()).isEqualTo("test-token");

            // the stream breaks: the page says so, comes back by itself, and catches up
            api.dropStreams();
            browser.waitFor("document.body.dataset.stream === 'reconnecting'", WAIT);
            api.clocks.remove(1);
            browser.waitFor("document.body.dataset.stream === 'live'"
                    + " && document.querySelector(\"#clocks tr[data-incident-id='inc-2']\") === null", WAIT);

            // Escape leaves the wall view that ?wall=1 started
            assertThat(browser.evaluate("document.body.classList.contains('wall')").asBoolean()).isTrue();
            for (String type : List.of("keyDown", "keyUp")) {
                browser.send("Input.dispatchKeyEvent", StubApi.json(
                        "{\"key\": \"Escape\", \"code\": \"Escape\", \"windowsVirtualKeyCode\": 27}").put("type", type), WAIT);
            }
            browser.waitFor("!document.body.classList.contains('wall') && !location.search.includes('wall')", WAIT);

            // the only complaint is the browser's note on the 401 that asked for the token
            assertThat(browser.consoleErrors())
                    .allSatisfy(e -> assertThat(e).contains("status of 401").contains("/v1/me"));
        }
    }

    private static void viewport(Chromium browser, int width, int height) {
        ObjectNode metrics = StubApi.json("{\"deviceScaleFactor\": 1, \"mobile\": false}").put("width", width).put("height", height);
        browser.send("Emulation.setDeviceMetricsOverride", metrics, WAIT);
    }

    private static JsonNode row(Chromium browser, String selector) {
        return browser.evaluate("(() => { const r = document.querySelector(" + js(selector) + ");"
                + " return r && { class: r.className, text: r.textContent }; })()");
    }

    /** A real key press (not a synthetic DOM event), as a keyboard user makes it. */
    private static void pressEnter(Chromium browser) {
        for (String type : List.of("keyDown", "keyUp")) {
            ObjectNode key = StubApi.json("{\"key\": \"Enter\", \"code\": \"Enter\", \"windowsVirtualKeyCode\": 13}");
            key.put("type", type);
            if (type.equals("keyDown")) {
                key.put("text", "\r");
            }
            browser.send("Input.dispatchKeyEvent", key, WAIT);
        }
    }

    /** A JavaScript string literal. */
    private static String js(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The query API as the dashboard sees it, with canned views: two active incidents (one with a
     * BREACHED clock, one AT_RISK), a closed one whose review is OVERDUE, four member states, two
     * providers, and an event stream the test pushes into. Every /v1 request must carry the token.
     */
    static final class StubApi implements AutoCloseable {

        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private static final Pattern AT = Pattern.compile("\\{\\{([+-]\\d+)([smhd])}}");
        private static final String END_OF_STREAM = "";

        final Set<String> authorizations = ConcurrentHashMap.newKeySet();
        final List<ObjectNode> clocks = new CopyOnWriteArrayList<>();
        private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-api");
            t.setDaemon(true);
            return t;
        });
        private final HttpServer server;

        StubApi() throws IOException {
            clocks.add(json("""
                    {"incidentId": "inc-1", "title": "Ransomware at regional hospitals", "tlp": "AMBER",
                     "requestingMemberState": "DE", "msspId": "mssp-acme",
                     "clock": {"kind": "MATCH_TO_REMOTE_SUPPORT", "cycle": 0, "state": "BREACHED", "windowMillis": 14400000,
                               "startedAt": "{{-5h}}", "deadline": "{{-1h}}", "endedAt": null, "latenessMillis": null}}
                    """));
            clocks.add(json("""
                    {"incidentId": "inc-2", "title": "DDoS on a national grid operator", "tlp": "GREEN",
                     "requestingMemberState": "FR", "msspId": "mssp-bravo",
                     "clock": {"kind": "MATCH_TO_REMOTE_SUPPORT", "cycle": 0, "state": "AT_RISK", "windowMillis": 14400000,
                               "startedAt": "{{-200m}}", "deadline": "{{+40m}}", "endedAt": null, "latenessMillis": null}}
                    """));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Ends every open stream, as a restarting server would. */
        void dropStreams() {
            subscribers.forEach(q -> q.add(END_OF_STREAM));
        }

        /** Announces a view change to every open stream. */
        void push(String view, String key) {
            String event = "event: view\ndata: {\"view\":\"" + view + "\",\"key\":\"" + key + "\",\"at\":\"" + Instant.now() + "\"}\n\n";
            subscribers.forEach(q -> q.add(event));
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/dashboard/")) {
                    staticFile(exchange, path.substring("/dashboard/".length()));
                    return;
                }
                if (!path.startsWith("/v1/")) {
                    send(exchange, 404, "text/plain", "not found"); // the browser's own /favicon.ico
                    return;
                }
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(authorization == null ? "<none> on " + path : authorization);
                if (!"Bearer test-token".equals(authorization)) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"muster\"");
                    send(exchange, 401, "application/problem+json",
                            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"A bearer token is required\"}");
                    return;
                }
                switch (path) {
                    case "/v1/me" -> send(exchange, 200, "{\"organisationId\":\"enisa\",\"role\":\"ENISA\",\"memberState\":null,\"auditor\":false}");
                    case "/v1/stream" -> stream(exchange);
                    case "/v1/clocks" -> send(exchange, 200, page(List.copyOf(clocks)));
                    case "/v1/incidents" -> send(exchange, 200, page(List.of(coordination("inc-1"), coordination("inc-2"))));
                    case "/v1/incidents/inc-1", "/v1/incidents/inc-2" -> send(exchange, 200, incident(path.substring(path.lastIndexOf('/') + 1)));
                    case "/v1/member-states" -> send(exchange, 200, page(List.of(
                            json("{\"memberState\":\"DE\",\"requesting\":1,\"affected\":1,\"assisting\":0,\"openItems\":1}"),
                            json("{\"memberState\":\"FR\",\"requesting\":1,\"affected\":1,\"assisting\":1,\"openItems\":1}"),
                            json("{\"memberState\":\"AT\",\"requesting\":0,\"affected\":2,\"assisting\":0,\"openItems\":2}"),
                            json("{\"memberState\":\"BE\",\"requesting\":0,\"affected\":1,\"assisting\":0,\"openItems\":0}"))));
                    case "/v1/member-states/DE" -> send(exchange, 200, json("""
                            {"memberState": "DE", "incidents": [
                              {"incidentId": "inc-1", "relations": ["REQUESTING", "AFFECTED"], "title": "Ransomware at regional hospitals",
                               "status": "ACTIVE", "classification": "LARGE_SCALE", "phase": "INVESTIGATION", "tlp": "AMBER",
                               "openItems": [{"kind": "AWAITING_ON_SITE", "owner": "mssp-acme", "subject": "inc-1", "since": "{{-5h}}"}]}]}
                            """).put("asOf", Instant.now().toString()));
                    case "/v1/reviews" -> send(exchange, 200, page(List.of(json("""
                            {"incidentId": "inc-0", "title": "Phishing campaign against ministries", "tlp": "AMBER_STRICT",
                             "throughSequence": 41, "state": "OVERDUE", "closedAt": "{{-35d}}", "dueBy": "{{-5d}}",
                             "filedAt": null, "closureToReviewMillis": null, "findings": null,
                             "sectors": ["PUBLIC_ADMINISTRATION"], "msspId": "mssp-bravo", "slaOutcome": []}
                            """))));
                    case "/v1/scorecards" -> send(exchange, 200, page(List.of(
                            scorecard("mssp-acme", 3, 4, 8, 6, 0.75, 2, 9_000_000L, 16_200_000L, 1, 70_000_000L, 70_000_000L, 1),
                            scorecard("mssp-bravo", 2, 2, 5, 5, 1.0, 2, 3_600_000L, 5_400_000L, 0, null, null, 0))));
                    default -> send(exchange, 404, "application/problem+json",
                            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"" + path + "\"}");
                }
            }
        }

        private void stream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            subscribers.add(queue);
            try {
                OutputStream out = exchange.getResponseBody();
                out.write("event: ready\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (true) {
                    String event = queue.poll(15, TimeUnit.SECONDS);
                    if (END_OF_STREAM.equals(event)) {
                        return;
                    }
                    out.write((event == null ? ": heartbeat\n\n" : event).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the page went away
            } finally {
                subscribers.remove(queue);
            }
        }

        private static void staticFile(HttpExchange exchange, String name) throws IOException {
            String file = name.isEmpty() ? "index.html" : name;
            // the headers the query module's DashboardAssets sends, so a policy violation shows up here too
            Map<String, String> types = Map.of("index.html", "text/html", "app.js", "text/javascript", "style.css", "text/css");
            if (!types.containsKey(file)) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            try (InputStream in = DashboardPageTest.class.getResourceAsStream("/eu/muster/query/dashboard/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard file missing from the classpath: " + file);
                }
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                send(exchange, 200, types.get(file), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        private static ObjectNode coordination(String id) {
            return json(id.equals("inc-1") ? """
                    {"incidentId": "inc-1", "throughSequence": 17, "status": "ACTIVE", "title": "Ransomware at regional hospitals",
                     "classification": "LARGE_SCALE", "tlp": "AMBER",
                     "classificationHistory": [
                       {"classification": "SIGNIFICANT", "at": "{{-6h}}", "reason": null},
                       {"classification": "LARGE_SCALE", "at": "{{-2h}}", "reason": "Spread to hospitals in Austria"}],
                     "requestingMemberState": "DE", "affectedMemberStates": ["DE", "AT"], "assistingMemberStates": ["FR"],
                     "crossBorder": true, "phase": "INVESTIGATION", "msspId": "mssp-acme",
                     "participants": [
                       {"organisationId": "de-bsi", "role": "NCA", "memberState": "DE", "joinedAt": "{{-6h}}"},
                       {"organisationId": "enisa", "role": "ENISA", "memberState": null, "joinedAt": "{{-5h}}"},
                       {"organisationId": "mssp-acme", "role": "MSSP", "memberState": null, "joinedAt": "{{-5h}}"},
                       {"organisationId": "at-cert", "role": "CSIRT", "memberState": "AT", "joinedAt": "{{-3h}}"}],
                     "latestSituationReport": {"reportId": "rep-2", "reportedBy": "de-bsi", "reportedAt": "{{-90m}}",
                       "summary": "Encryption contained to two hospitals; backups intact; OT network isolated.",
                       "acknowledgedBy": [{"organisationId": "enisa", "at": "{{-80m}}"}],
                       "awaitingAcknowledgement": ["mssp-acme", "at-cert"], "overdue": [], "acknowledgeBy": "{{+150m}}"},
                     "assistance": [{"assistanceRequestId": "ar-1", "requestedBy": "de-bsi", "requestedFrom": [],
                       "capabilitiesNeeded": ["DIGITAL_FORENSICS"], "requestedAt": "{{-4h}}", "state": "ACCEPTED",
                       "offers": [{"offerId": "of-1", "offeringMemberState": "FR", "capabilitiesOffered": ["DIGITAL_FORENSICS"],
                         "state": "ACCEPTED", "offeredAt": "{{-3h}}", "decidedAt": "{{-150m}}", "fulfilledAt": null}]}],
                     "openItems": [
                       {"kind": "AWAITING_ON_SITE", "owner": "mssp-acme", "subject": "inc-1", "since": "{{-5h}}"},
                       {"kind": "OFFER_AWAITING_FULFILMENT", "owner": "member-state:FR", "subject": "of-1", "since": "{{-150m}}"}]}
                    """ : """
                    {"incidentId": "inc-2", "throughSequence": 6, "status": "ACTIVE", "title": "DDoS on a national grid operator",
                     "classification": "SIGNIFICANT", "tlp": "GREEN",
                     "classificationHistory": [{"classification": "SIGNIFICANT", "at": "{{-4h}}", "reason": null}],
                     "requestingMemberState": "FR", "affectedMemberStates": ["FR", "BE"], "assistingMemberStates": [],
                     "crossBorder": true, "phase": "INITIAL_RESPONSE", "msspId": "mssp-bravo",
                     "participants": [
                       {"organisationId": "fr-anssi", "role": "NCA", "memberState": "FR", "joinedAt": "{{-4h}}"},
                       {"organisationId": "enisa", "role": "ENISA", "memberState": null, "joinedAt": "{{-200m}}"},
                       {"organisationId": "mssp-bravo", "role": "MSSP", "memberState": null, "joinedAt": "{{-200m}}"}],
                     "latestSituationReport": null, "assistance": [],
                     "openItems": [{"kind": "AWAITING_REMOTE_SUPPORT", "owner": "mssp-bravo", "subject": "inc-2", "since": "{{-200m}}"}]}
                    """);
        }

        private ObjectNode incident(String id) {
            ObjectNode coordination = coordination(id);
            ObjectNode detail = MAPPER.createObjectNode();
            detail.put("asOf", Instant.now().toString());
            detail.put("incidentId", id);
            detail.put("tlp", coordination.get("tlp").asText());
            detail.set("coordination", coordination);
            ObjectNode sla = json("{\"incidentId\": \"" + id + "\", \"throughSequence\": 1, \"clocks\": []}");
            sla.put("requestingMemberState", coordination.get("requestingMemberState").asText());
            sla.put("msspId", coordination.get("msspId").asText());
            ArrayNode incidentClocks = sla.withArray("clocks");
            clocks.stream().filter(c -> c.get("incidentId").asText().equals(id)).forEach(c -> incidentClocks.add(c.get("clock")));
            incidentClocks.add(json("""
                    {"kind": "REQUEST_TO_MATCH", "cycle": 0, "state": "MET", "windowMillis": 7200000,
                     "startedAt": "{{-6h}}", "deadline": "{{-4h}}", "endedAt": "{{-5h}}", "latenessMillis": null}
                    """));
            detail.set("sla", sla);
            detail.set("review", json("""
                    {"incidentId": "%s", "throughSequence": 1, "state": "NOT_DUE", "closedAt": null, "dueBy": null,
                     "filedAt": null, "closureToReviewMillis": null, "findings": null, "sectors": ["HEALTH"],
                     "msspId": null, "slaOutcome": []}
                    """.formatted(id)));
            return detail;
        }

        private static ObjectNode scorecard(String msspId, int engagements, int deployments, int decided, int met, double share,
                                            int remoteCount, Long remoteMedian, Long remoteWorst,
                                            int onSiteCount, Long onSiteMedian, Long onSiteWorst, int reviewsCiting) {
            ObjectNode card = MAPPER.createObjectNode()
                    .put("msspId", msspId).put("engagements", engagements).put("deployments", deployments)
                    .put("clocksDecided", decided).put("clocksMet", met).put("shareOfClocksMet", share)
                    .put("reviewsCiting", reviewsCiting);
            card.putObject("timeToRemoteSupport").put("count", remoteCount).put("medianMillis", remoteMedian).put("worstMillis", remoteWorst);
            card.putObject("timeToOnSite").put("count", onSiteCount).put("medianMillis", onSiteMedian).put("worstMillis", onSiteWorst);
            card.putArray("engagementRecords");
            return card;
        }

        private static ObjectNode page(List<ObjectNode> items) {
            ObjectNode page = MAPPER.createObjectNode()
                    .put("asOf", Instant.now().toString())
                    .put("total", items.size()).put("offset", 0).put("limit", 50)
                    .putNull("next");
            page.putArray("items").addAll(items);
            return page;
        }

        /** Parses JSON after replacing every {{±N[smhd]}} with the ISO instant that far from the test's start. */
        static ObjectNode json(String template) {
            try {
                return (ObjectNode) MAPPER.readTree(fill(template));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String fill(String template) {
            Matcher m = AT.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                long amount = Long.parseLong(m.group(1));
                ChronoUnit unit = switch (m.group(2)) {
                    case "s" -> ChronoUnit.SECONDS;
                    case "m" -> ChronoUnit.MINUTES;
                    case "h" -> ChronoUnit.HOURS;
                    default -> ChronoUnit.DAYS;
                };
                m.appendReplacement(out, NOW.plus(amount, unit).toString());
            }
            m.appendTail(out);
            return out.toString();
        }

        private static void send(HttpExchange exchange, int status, Object body) throws IOException {
            send(exchange, status, "application/json", body.toString());
        }

        private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
