package eu.muster.gateway;

import java.time.Duration;

/**
 * How the gateway listens and what it accepts.
 *
 * @param host          the address to bind
 * @param port          the port; 0 picks a free one
 * @param maxBodyBytes  the largest request body accepted (413 beyond)
 * @param maxBatch      the most events in one request (413 beyond)
 * @param submitTimeout how long to wait for the broker to confirm a submission (503 beyond)
 * @param threads       request-handling threads
 */
public record GatewaySettings(String host, int port, int maxBodyBytes, int maxBatch, Duration submitTimeout, int threads) {

    public GatewaySettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024 || maxBatch < 1 || threads < 1 || submitTimeout.isNegative() || submitTimeout.isZero()) {
            throw new IllegalArgumentException("maxBodyBytes >= 1024, maxBatch >= 1, threads >= 1 and a positive submitTimeout are needed");
        }
    }
}
