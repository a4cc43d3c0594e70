package eu.muster.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.muster.gateway.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the web dashboard: three static files from the jar, no build step. The page itself needs no
 * credentials; everything it shows comes from the query API, which does.
 */
final class DashboardAssets implements HttpHandler {

    /** Where it is mounted. */
    static final String PATH = "/dashboard";

    private static final Map<String, String> FILES = Map.of(
            "/dashboard/", "index.html",
            "/dashboard/index.html", "index.html",
            "/dashboard/app.js", "app.js",
            "/dashboard/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript", "css", "text/css");
    // The page loads nothing but its own files and talks to nothing but its own origin.
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> contents;

    DashboardAssets() {
        this.contents = Map.of("index.html", read("index.html"), "app.js", read("app.js"), "style.css", read("style.css"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(PATH)) {
                exchange.getResponseHeaders().set("Location", PATH + "/");
                Reply.bytes(exchange, 308, "text/plain", new byte[0], 0);
                return;
            }
            String file = FILES.get(path);
            if (file == null || !exchange.getRequestMethod().equals("GET")) {
                Reply.bytes(exchange, file == null ? 404 : 405, "text/plain", (file == null ? "no such file" : "GET only").getBytes(StandardCharsets.UTF_8), 0);
                return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            Reply.bytes(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), contents.get(file), 0);
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("dashboard/" + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + file + " is missing from the query module's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + file, e);
        }
    }
}
