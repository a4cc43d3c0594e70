package eu.muster.query;

import eu.muster.gateway.Authenticator;
import eu.muster.pki.BearerTokens;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance of the application for what it holds, over HTTPS, as muster's own instance
 * principal ({@link Authenticator#INSTANCE}). A peer that cannot answer for certain says 503, and so
 * does this client when the peer cannot be reached: the caller of the public API retries.
 */
public final class PeerClient {

    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    private static final Duration TOKEN_VALIDITY = Duration.ofMinutes(10);

    private final HttpClient http;
    private final BearerTokens tokens;
    private final Clock clock;
    private final Duration timeout;
    private String token;
    private Instant renewAt = Instant.MIN;

    /**
     * @param tls     trusts the peers' server certificates
     * @param tokens  signs this instance's token
     * @param clock   for renewing the token
     * @param timeout how long a peer may take to answer
     */
    public PeerClient(SSLContext tls, BearerTokens tokens, Clock clock, Duration timeout) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
        this.tokens = tokens;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The peer's value under {@code key} in {@code partition}: empty when the peer holds the partition and no such key. */
    Optional<byte[]> get(HostInfo peer, ViewStore store, int partition, String key) {
        HttpResponse<byte[]> response = send(peer, InternalApi.keyPath(store, partition, key));
        return switch (response.statusCode()) {
            case 200 -> Optional.of(response.body());
            case 204 -> Optional.empty();
            default -> throw refused(peer, response);
        };
    }

    /** Every entry the peer holds in {@code partition} of {@code store}. */
    Map<String, byte[]> partition(HostInfo peer, ViewStore store, int partition) {
        return entries(peer, store, send(peer, InternalApi.partitionPath(store, partition)));
    }

    /** Every entry of {@code group} the peer holds in {@code partition} of {@code store}: the keys {@code <group>/...}. */
    Map<String, byte[]> group(HostInfo peer, ViewStore store, int partition, String group) {
        return entries(peer, store, send(peer, InternalApi.groupPath(store, partition, group)));
    }

    /** The entries of a 200 answer, framed as {@link InternalApi} writes them. */
    private static Map<String, byte[]> entries(HostInfo peer, ViewStore store, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw refused(peer, response);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(response.body()))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                entries.put(key, value);
            }
        } catch (IOException e) {
            throw StoreRouter.unavailable("instance " + peer + " sent a truncated answer for " + store.storeName() + " (" + e.getMessage() + ")");
        }
        return entries;
    }

    private HttpResponse<byte[]> send(HostInfo peer, String path) {
        URI uri = URI.create("https://" + peer.host() + ":" + peer.port() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token()).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (javax.net.ssl.SSLException e) {
            // Not retryable: the peers do not trust each other's certificates (or a host name does not match); say so once, loudly.
            LOG.error("TLS with instance {} failed: {}", peer, e.toString());
            throw new eu.muster.gateway.Problem.Raised(eu.muster.gateway.Problem.of(502, "instance-refused", "Another instance refused the read",
                    "TLS with instance " + peer + ", which holds the data, failed (" + e.getMessage() + "); every instance must trust the "
                            + "others' server certificates and each certificate must name its advertised host (docs/dashboards.md)"));
        } catch (IOException e) {
            LOG.warn("instance {} did not answer {}: {}", peer, path, e.toString());
            throw StoreRouter.unavailable("instance " + peer + ", which holds the data, did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreRouter.unavailable("interrupted while asking instance " + peer);
        }
    }

    private static RuntimeException refused(HostInfo peer, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 503) {
            return StoreRouter.unavailable("instance " + peer + " cannot answer right now");
        }
        // Anything else is a bug or a misconfiguration (a token secret that differs between instances): say so loudly.
        LOG.error("instance {} refused an internal read with {}: {}", peer, response.statusCode(), body);
        return new eu.muster.gateway.Problem.Raised(eu.muster.gateway.Problem.of(502, "instance-refused", "Another instance refused the read",
                "instance " + peer + ", which holds the data, answered " + response.statusCode() + "; check that every instance has the same "
                        + "token secret and trusts the others' server certificates (docs/operations.md)"));
    }

    private synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = tokens.issue(Authenticator.INSTANCE, TOKEN_VALIDITY);
            renewAt = now.plus(TOKEN_VALIDITY.dividedBy(2));
        }
        return token;
    }

    /** Encodes a path segment. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
