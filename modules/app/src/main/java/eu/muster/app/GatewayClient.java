package eu.muster.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.gateway.Gateway;
import eu.muster.gateway.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The operator commands' way to the HTTPS gateway: the same API, TLS and credentials as any other client. */
final class GatewayClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final String token;

    GatewayClient(URI base, Path keyStore, Path trustStore, char[] password, String token) {
        this.base = base;
        this.token = token;
        try {
            SSLContext tls = keyStore == null ? TlsContexts.trusting(trustStore, password) : TlsContexts.of(keyStore, trustStore, password);
            this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The gateway's answer: its status and its JSON body (a result or a problem document). */
    record Answer(int status, JsonNode body) {

        boolean problem() {
            return status >= 400;
        }
    }

    /** {@code POST /v1/events} with a JSON body (one envelope or an array). */
    Answer submit(byte[] json) {
        return send(request(Gateway.EVENTS).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    /** {@code GET /v1/events/{eventId}/outcome}. */
    Answer outcome(String eventId) {
        return send(request(Gateway.EVENTS + "/" + eventId + "/outcome").GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gateway at " + base, e);
        }
    }
}
