package eu.muster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.gateway.TlsContexts;
import eu.muster.pki.BearerTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads the backbone's query API over HTTPS as one organisation, the way a dashboard does: a bearer
 * token signed with the development secret, the development CA trusted, connections kept alive.
 */
final class QueryClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Long enough for any run of the benchmark; a dashboard renews its token, the benchmark needs not. */
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private final String base;
    private final HttpClient http;
    private final String authorization;

    /**
     * @param base           the HTTPS server's base address, such as {@code https://127.0.0.1:8443}
     * @param tlsDirectory   the backbone's TLS directory: {@code truststore.p12} and {@code token.secret}
     * @param password       the PKCS12 password
     * @param organisationId whom to read as
     */
    QueryClient(String base, Path tlsDirectory, char[] password, String organisationId) throws IOException {
        this.base = base;
        // HTTP/1.1 with one kept-alive connection per concurrent reader, as dashboards behind most proxies do.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.trusting(tlsDirectory.resolve("truststore.p12"), password))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String token = BearerTokens.fromSecretFile(tlsDirectory.resolve("token.secret"), Clock.systemUTC())
                .issue(organisationId, TOKEN_VALIDITY);
        this.authorization = "Bearer " + token;
    }

    /** One answer: its status and, for 200, its JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }
    }

    /** GET {@code path}; an answer other than 200 comes back with a null body, not as an exception. */
    Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.statusCode() == 200 ? MAPPER.readTree(response.body()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }
}
