package eu.muster.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.gateway.TlsContexts;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.DevelopmentCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Reads a backbone's query API over real HTTPS, as any organisation, with a bearer token signed by the development secret. */
final class Readers {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private final BearerTokens tokens;

    Readers(String base, DevelopmentCredentials credentials) throws IOException {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(TlsContexts.trusting(credentials.truststore(), credentials.password()))
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.tokens = BearerTokens.fromSecretFile(credentials.tokenSecret(), Clock.systemUTC());
    }

    /** A fresh token for {@code organisationId}. */
    String token(String organisationId) {
        return token(organisationId, Duration.ofMinutes(30));
    }

    /** A token for {@code organisationId} valid for {@code validity}. */
    String token(String organisationId, Duration validity) {
        return tokens.issue(organisationId, validity);
    }

    /** GET {@code path} as {@code organisationId}. */
    HttpResponse<String> get(String organisationId, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(organisationId)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " as " + organisationId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code path} as {@code organisationId}, expecting 200, as JSON. */
    JsonNode json(String organisationId, String path) {
        HttpResponse<String> response = get(organisationId, path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " as " + organisationId + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Polls GET {@code path} as {@code organisationId} until its JSON satisfies {@code until}, within a minute; 503s are retried. */
    JsonNode await(String organisationId, String path, Predicate<JsonNode> until) {
        Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get(organisationId, path);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode json = parse(response.body());
                if (until.test(json)) {
                    return json;
                }
            } else if (response.statusCode() != 503) {
                throw new AssertionError("GET " + path + " as " + organisationId + " answered " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("GET " + path + " as " + organisationId + " did not reach the expected answer within 60 s; last: " + last);
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
