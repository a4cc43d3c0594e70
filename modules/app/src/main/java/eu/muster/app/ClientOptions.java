package eu.muster.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How an operator's command reaches muster, and as whom: through the HTTPS gateway (default), with a
 * client certificate or a bearer token, or straight to Kafka with the configuration's client settings
 * ({@code muster.kafka.client.*}, so SASL or mutual TLS as for any producer). Either way the
 * operator authenticates like any client; the command holds no privilege of its own.
 */
final class ClientOptions {

    /** The two ways in. */
    enum Route { gateway, kafka }

    @Option(names = "--via", paramLabel = "<route>", defaultValue = "gateway",
            description = "gateway (HTTPS, the default) or kafka (the configured cluster, with its muster.kafka.client.* security settings).")
    Route via;

    @Option(names = "--gateway", paramLabel = "<url>",
            description = "The gateway's address. Default: https://<muster.gateway.host>:<muster.gateway.port> of the configuration.")
    URI gateway;

    @Option(names = "--as", paramLabel = "<organisation>",
            description = "Use the development client certificate of this organisation: <muster.gateway.tls-dir>/clients/<organisation>.p12.")
    String as;

    @Option(names = "--cert", paramLabel = "<file.p12>",
            description = "Client certificate and key (PKCS12) issued to your organisation; its password is muster.gateway.tls-password unless --password says otherwise.")
    Path certificate;

    @Option(names = "--token", paramLabel = "<token>", defaultValue = "${env:MUSTER_TOKEN}",
            description = "Bearer token instead of a certificate (default: the MUSTER_TOKEN environment variable).")
    String token;

    @Option(names = "--ca", paramLabel = "<file.p12>",
            description = "Trust store with the CA that signed the gateway's certificate. Default: <muster.gateway.tls-dir>/truststore.p12.")
    Path trustStore;

    @Option(names = "--password", paramLabel = "<password>", description = "Password of --cert and --ca. Default: muster.gateway.tls-password.")
    String password;

    /** A client for the gateway, authenticated as these options say. */
    GatewayClient gatewayClient(MusterConfig config) {
        URI base = gateway != null ? gateway
                : URI.create("https://" + config.gatewaySettings().host() + ":" + config.gatewaySettings().port());
        char[] secret = password != null ? password.toCharArray() : config.gatewayTlsPassword();
        Path trust = trustStore != null ? trustStore : config.gatewayTlsDirectory().resolve("truststore.p12");
        Path keyStore = certificate;
        if (keyStore == null && as != null) {
            keyStore = config.gatewayTlsDirectory().resolve("clients").resolve(as + ".p12");
        }
        if (keyStore != null && !Files.isRegularFile(keyStore)) {
            throw new ConfigException("client certificate " + keyStore + " does not exist" + (as == null ? "" : " (--as " + as + ")"));
        }
        if (!Files.isRegularFile(trust)) {
            throw new ConfigException("trust store " + trust + " does not exist; pass --ca with the CA that signed the gateway's certificate");
        }
        if (keyStore == null && (token == null || token.isBlank())) {
            throw new ConfigException("no credentials: pass --cert <file.p12>, --as <organisation> (development certificates) or --token <token>");
        }
        return new GatewayClient(base, keyStore, trust, secret, keyStore == null ? token : null);
    }
}
