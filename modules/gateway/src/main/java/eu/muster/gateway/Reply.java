package eu.muster.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes an answer to an HTTP exchange the way every muster endpoint answers: the request body read
 * away first, {@code WWW-Authenticate} on 401, {@code Retry-After} on 503, a charset on text.
 */
public final class Reply {

    /** How long a client should wait before retrying a 503, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private Reply() {
    }

    /** Answers {@code status} with {@code body} of {@code contentType}; reads at most {@code drainLimit} unread request bytes first. */
    public static void bytes(HttpExchange exchange, int status, String contentType, byte[] body, long drainLimit) throws IOException {
        // A request refused before its body was read (401, 415, ...) leaves the body on a kept-alive
        // connection, where the next request would be read from the middle of it: read it away, or
        // close the connection when it is too large to bother.
        if (!drained(exchange.getRequestBody(), drainLimit)) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"muster\"");
        }
        if (status == 503) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        boolean text = contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("javascript");
        exchange.getResponseHeaders().set("Content-Type", contentType + (text && !contentType.contains("charset") ? "; charset=utf-8" : ""));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Answers with {@code problem} as an RFC 9457 document whose {@code instance} is the request's path. */
    public static void problem(HttpExchange exchange, Problem problem, ObjectMapper mapper, long drainLimit) throws IOException {
        bytes(exchange, problem.status(), Problem.MEDIA_TYPE,
                mapper.writeValueAsBytes(problem.toJson(mapper, exchange.getRequestURI().getPath())), drainLimit);
    }

    /** Reads what is left of a request body, up to {@code limit} bytes; false when more is left or it cannot be read. */
    private static boolean drained(InputStream body, long limit) {
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            int n;
            while (read <= limit && (n = body.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            return false; // the connection is closed after this response, so nothing is read from a broken stream
        }
        return read <= limit;
    }
}
