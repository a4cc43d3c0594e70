package eu.muster.query.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK
 * ({@link java.net.http.WebSocket}) and Jackson: enough for a test to open a page, run
 * JavaScript in it, wait for a condition, take a screenshot and check the console stayed clean.
 *
 * <pre>{@code
 * assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")), "no chromium");
 * try (Chromium browser = Chromium.launch(tempDir)) {
 *     browser.navigate(url);
 *     browser.waitFor("document.querySelector('#clocks tbody tr') !== null", Duration.ofSeconds(10));
 *     assertThat(browser.consoleErrors()).isEmpty();
 * }
 * }</pre>
 *
 * <p>The executable is {@code $MUSTER_CHROMIUM}, else {@code /usr/bin/chromium}, else the first
 * {@code chromium} or {@code chromium-browser} on the PATH ({@code scripts/ensure-chromium}
 * installs one). One instance drives one page and is not meant for concurrent use by several
 * threads, except that {@link #consoleErrors()} may be read at any time.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS_LINE = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int STDERR_TAIL_LINES = 60;

    private final Process process;
    private final Path profileDir;
    private final boolean createdProfileDir;
    private final Deque<String> stderrTail;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<JsonNode>>> eventWaiters = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final Object sendLock = new Object();
    private WebSocket socket;
    private volatile boolean closed;

    private Chromium(Process process, Path profileDir, boolean createdProfileDir, Deque<String> stderrTail) {
        this.process = process;
        this.profileDir = profileDir;
        this.createdProfileDir = createdProfileDir;
        this.stderrTail = stderrTail;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    // ------------------------------------------------------------------ finding and starting

    /** Whether an executable Chromium is there to launch. */
    public static boolean available() {
        return executable().isPresent();
    }

    private static Optional<Path> executable() {
        String configured = System.getenv("MUSTER_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Path debian = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a headless Chromium with its profile in {@code profileDir} (created if missing, and
     * then deleted again by {@link #close()}) and attaches to its page.
     */
    public static Chromium launch(Path profileDir) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "No Chromium found: set MUSTER_CHROMIUM, install /usr/bin/chromium, or run scripts/ensure-chromium"));
        boolean created = !Files.exists(profileDir);
        try {
            Files.createDirectories(profileDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the profile directory " + profileDir, e);
        }
        List<String> command = List.of(
                exe.toString(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // The test backbone serves HTTPS with muster's development CA (var/pki), which this
                // throwaway profile does not trust; the browser tests check the page, not the PKI.
                "--ignore-certificate-errors",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profileDir.toAbsolutePath(),
                "--window-size=1600,1000",
                "about:blank");
        Process process;
        try {
            // Its temporary files (the singleton socket, shared memory when /dev/shm is small) go
            // into the profile too, so nothing is left behind in /tmp.
            Path tmp = Files.createDirectories(profileDir.resolve("tmp"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("TMPDIR", tmp.toAbsolutePath().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + exe, e);
        }
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<String> devtools = new CompletableFuture<>();
        Thread drain = new Thread(() -> drainStderr(process, tail, devtools), "chromium-stderr-" + process.pid());
        drain.setDaemon(true);
        drain.start();

        Chromium chromium = new Chromium(process, profileDir, created, tail);
        try {
            String browserUrl;
            try {
                browserUrl = devtools.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Chromium did not announce its DevTools endpoint within "
                        + START_DEADLINE.toSeconds() + " s" + chromium.stderrSummary());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage() + chromium.stderrSummary());
            }
            chromium.attach(URI.create(browserUrl));
            return chromium;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chromium.close();
            throw new IllegalStateException("Interrupted while starting Chromium", e);
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    /** Reads Chromium's stderr to its end, so it never blocks on a full pipe; keeps the last lines for diagnostics. */
    private static void drainStderr(Process process, Deque<String> tail, CompletableFuture<String> devtools) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                Matcher m = DEVTOOLS_LINE.matcher(line);
                if (!devtools.isDone() && m.find()) {
                    devtools.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process went away; whatever waits for it learns below
        }
        devtools.completeExceptionally(new IllegalStateException(
                "Chromium exited before announcing its DevTools endpoint"));
    }

    /** Finds the page target (GET /json/list on the DevTools port) and opens its WebSocket. */
    private void attach(URI browserUrl) throws InterruptedException {
        URI list = URI.create("http://" + browserUrl.getHost() + ":" + browserUrl.getPort() + "/json/list");
        String pageUrl = null;
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (pageUrl == null) {
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(res.body())) {
                    if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                        pageUrl = target.get("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
            } catch (IOException e) {
                // not ready yet
            }
            if (pageUrl == null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Chromium shows no page target at " + list + stderrSummary());
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        try {
            socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageUrl), new Listener())
                    .get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot open the DevTools socket " + pageUrl + stderrSummary(), e);
        }
        // Collect errors from the start: exceptions, console.error, and the browser's own log (failed loads, CSP).
        send("Runtime.enable", null, COMMAND_TIMEOUT);
        send("Log.enable", null, COMMAND_TIMEOUT);
        send("Page.enable", null, COMMAND_TIMEOUT);
    }

    // ------------------------------------------------------------------ the protocol

    /** Thrown when Chromium answers a command with an error, or a page script throws. */
    public static final class CdpException extends RuntimeException {
        CdpException(String message) {
            super(message);
        }
    }

    /**
     * Sends one CDP command to the page and waits for its answer.
     *
     * @return the command's {@code result}
     * @throws CdpException with Chromium's error message when the command fails
     */
    public JsonNode send(String method, ObjectNode params, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("Chromium is closed");
        }
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (sendLock) {
                // The JDK WebSocket allows one outstanding send at a time.
                socket.sendText(message.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                JsonNode error = response.get("error");
                throw new CdpException(method + " failed: " + error.path("message").asText()
                        + " (" + error.path("code").asText() + ")"
                        + (error.hasNonNull("data") ? ": " + error.get("data").asText() : ""));
            }
            return response.path("result");
        } catch (TimeoutException e) {
            throw new CdpException(method + " had no answer within " + timeout.toMillis() + " ms" + stderrSummary());
        } catch (ExecutionException e) {
            throw new CdpException(method + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException(method + " interrupted");
        } finally {
            pending.remove(id);
        }
    }

    private CompletableFuture<JsonNode> nextEvent(String method) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        eventWaiters.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(future);
        return future;
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            consoleErrors.add("[harness] unreadable DevTools message: " + e.getMessage());
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> consoleErrors.add("[exception] " + describeException(params.path("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    for (JsonNode arg : params.path("args")) {
                        args.add(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText(arg.path("type").asText()));
                    }
                    consoleErrors.add("[console." + type + "] " + String.join(" ", args));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    consoleErrors.add("[" + entry.path("source").asText() + "] " + entry.path("text").asText()
                            + (entry.hasNonNull("url") ? " " + entry.get("url").asText() : ""));
                }
            }
            default -> {
            }
        }
        List<CompletableFuture<JsonNode>> waiters = eventWaiters.remove(method);
        if (waiters != null) {
            waiters.forEach(w -> w.complete(params));
        }
    }

    private static String describeException(JsonNode details) {
        JsonNode exception = details.path("exception");
        String text = exception.hasNonNull("description") ? exception.get("description").asText() : details.path("text").asText();
        String where = details.hasNonNull("url") ? " at " + details.get("url").asText() + ":" + (details.path("lineNumber").asInt() + 1) : "";
        return text + where;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll("DevTools socket closed (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll("DevTools socket failed: " + error);
        }
    }

    private void failAll(String why) {
        IllegalStateException e = new IllegalStateException(why);
        pending.values().forEach(f -> f.completeExceptionally(e));
        eventWaiters.values().forEach(list -> list.forEach(f -> f.completeExceptionally(e)));
    }

    // ------------------------------------------------------------------ what tests use

    /** Opens {@code url} and waits (30 s at most) for its load event. */
    public void navigate(String url) {
        send("Page.enable", null, COMMAND_TIMEOUT);
        CompletableFuture<JsonNode> loaded = nextEvent("Page.loadEventFired");
        JsonNode result = send("Page.navigate", JSON.createObjectNode().put("url", url), COMMAND_TIMEOUT);
        if (result.hasNonNull("errorText")) {
            throw new CdpException("Cannot open " + url + ": " + result.get("errorText").asText());
        }
        try {
            loaded.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CdpException(url + " did not finish loading within " + COMMAND_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new CdpException("Loading " + url + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpException("Interrupted while loading " + url);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page (awaiting it if it is a promise) and returns
     * its value as JSON: {@code NullNode} for {@code undefined}, {@code {}} for a DOM node.
     *
     * @throws CdpException with the exception's text when the expression throws
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params, COMMAND_TIMEOUT);
        if (result.has("exceptionDetails")) {
            throw new CdpException("JavaScript threw: " + describeException(result.get("exceptionDetails")) + "\n  in: " + expression);
        }
        JsonNode value = result.path("result").get("value");
        return value == null ? NullNode.instance : value;
    }

    /**
     * Polls {@code jsCondition} every 50 ms until it is truthy. A condition that throws (say, on an
     * element not rendered yet) counts as not yet. The only way tests should wait for the page.
     *
     * @throws AssertionError after {@code timeout}, with the last value, the console errors and a screenshot
     */
    public void waitFor(String jsCondition, Duration timeout) {
        String probe = "(() => { try { const v = (" + jsCondition + "); "
                + "return { ok: !!v, last: (v === undefined ? 'undefined' : v) }; } "
                + "catch (e) { return { ok: false, last: 'threw ' + e }; } })()";
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = NullNode.instance;
        while (true) {
            JsonNode outcome = evaluate(probe);
            if (outcome.path("ok").asBoolean()) {
                return;
            }
            last = outcome.path("last");
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + jsCondition);
            }
        }
        String shot;
        try {
            shot = screenshot(Path.of("target", "browser", "waitFor-failure-" + System.currentTimeMillis() + ".png")).toString();
        } catch (RuntimeException e) {
            shot = "(no screenshot: " + e.getMessage() + ")";
        }
        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: " + jsCondition
                + "\n  last value: " + last
                + "\n  console errors: " + consoleErrors
                + "\n  hint: the page as it was is in " + shot
                + "; evaluate(\"document.body.outerHTML\") shows the DOM");
    }

    /** Saves a PNG of the viewport to {@code file} (creating its directory) and returns it. */
    public Path screenshot(Path file) {
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"), COMMAND_TIMEOUT);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Uncaught exceptions, console.error/console.assert calls and browser log errors seen so far. */
    public List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    /** Closes the socket and ends the browser's processes (only those this instance started). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            socket.abort();
        }
        // Chromium's helpers (zygote, renderers, crashpad) are its descendants; take them now,
        // before the parent's exit could reparent them.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle child : descendants) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // leave it; nothing more to do
            }
        }
        if (createdProfileDir) {
            deleteTree(profileDir);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover in a temporary directory is not worth failing a test for
                }
            });
        } catch (IOException e) {
            // as above
        }
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            if (stderrTail.isEmpty()) {
                return "";
            }
            return "\n  chromium stderr (last lines):\n    " + String.join("\n    ", stderrTail);
        }
    }
}
