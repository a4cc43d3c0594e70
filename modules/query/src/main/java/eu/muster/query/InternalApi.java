package eu.muster.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.muster.gateway.Authenticator;
import eu.muster.gateway.Problem;
import eu.muster.gateway.Reply;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an instance answers its peers: one key of one partition of a view store, one group's
 * entries of an entry store, or a whole partition. Only muster's own instances may ask
 * ({@link Authenticator#authenticateInstance}); the answer is the stored bytes, and sharing rules
 * are applied by the instance the dashboard asked.
 */
final class InternalApi implements HttpHandler {

    /** Where it is mounted. */
    static final String PATH = "/internal/v1/stores/";

    private static final Logger LOG = LoggerFactory.getLogger(InternalApi.class);
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PATH) + "([^/]+)/partitions/(\\d+)/keys/([^/]+)");
    private static final Pattern GROUP = Pattern.compile(Pattern.quote(PATH) + "([^/]+)/partitions/(\\d+)/groups/([^/]+)");
    private static final Pattern PARTITION = Pattern.compile(Pattern.quote(PATH) + "([^/]+)/partitions/(\\d+)");
    private static final String OCTETS = "application/octet-stream";

    private final StoreRouter router;
    private final Authenticator authenticator;
    private final ObjectMapper mapper = new ObjectMapper();

    InternalApi(StoreRouter router, Authenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    static String keyPath(ViewStore store, int partition, String key) {
        return partitionPath(store, partition) + "/keys/" + PeerClient.segment(key);
    }

    static String groupPath(ViewStore store, int partition, String group) {
        return partitionPath(store, partition) + "/groups/" + PeerClient.segment(group);
    }

    static String partitionPath(ViewStore store, int partition) {
        return PATH + store.storeName() + "/partitions/" + partition;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            try {
                if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    throw new Problem.Raised(Problem.of(405, "method-not-allowed", "Method not allowed", "the internal API is read-only"));
                }
                authenticator.authenticateInstance(exchange);
                answer(exchange, path);
            } catch (Problem.Raised raised) {
                Reply.problem(exchange, raised.problem(), mapper, 0);
            } catch (RuntimeException e) {
                LOG.error("internal read {} failed", path, e);
                Reply.problem(exchange, Problem.of(500, "internal-error", "Internal error", "the internal read failed; see the log"), mapper, 0);
            }
        }
    }

    private void answer(HttpExchange exchange, String path) throws IOException {
        Matcher key = KEY.matcher(path);
        if (key.matches()) {
            Optional<byte[]> value = router.localBytes(store(key.group(1)), partition(key.group(2)),
                    URLDecoder.decode(key.group(3), StandardCharsets.UTF_8));
            if (value.isPresent()) {
                Reply.bytes(exchange, 200, OCTETS, value.get(), 0);
            } else {
                Reply.bytes(exchange, 204, OCTETS, new byte[0], 0);
            }
            return;
        }
        Matcher group = GROUP.matcher(path);
        if (group.matches()) {
            entries(exchange, router.localGroupBytes(store(group.group(1)), partition(group.group(2)),
                    URLDecoder.decode(group.group(3), StandardCharsets.UTF_8)));
            return;
        }
        Matcher partition = PARTITION.matcher(path);
        if (partition.matches()) {
            entries(exchange, router.localPartitionBytes(store(partition.group(1)), partition(partition.group(2))));
            return;
        }
        throw new Problem.Raised(Problem.of(404, "not-found", "No such resource", "no internal resource at " + path));
    }

    /** Entries as a count, then each key (modified UTF-8) and its value's length and bytes: what {@link PeerClient} reads. */
    private static void entries(HttpExchange exchange, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(entries.size());
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        }
        Reply.bytes(exchange, 200, OCTETS, buffer.toByteArray(), 0);
    }

    private static ViewStore store(String name) {
        return ViewStore.byStoreName(name).orElseThrow(() -> new Problem.Raised(Problem.of(404, "unknown-store", "No such store",
                "'" + name + "' is not a store the query API reads")));
    }

    private static int partition(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new Problem.Raised(Problem.of(400, "invalid-partition", "Not a partition", "'" + digits + "' is not a partition number"));
        }
    }
}
