package eu.muster.app;

import eu.muster.contract.Organisation;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.gateway.Authenticator;
import eu.muster.gateway.Gateway;
import eu.muster.gateway.KafkaSubmitter;
import eu.muster.gateway.TlsContexts;
import eu.muster.metrics.MusterMetrics;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import eu.muster.query.QueryService;
import eu.muster.query.ViewStore;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server as part of the backbone: its TLS material (a development CA on the embedded
 * default, created on first start); the gateway, with its submitter (acks=all to the caller's
 * submission topic) and its outcome lookup (the log of record's outcome table, read on whichever
 * instance holds the eventId); and the query API, live stream and dashboard mounted beside it. It starts before the stream processors,
 * because its address is their {@code application.server}; until they run, reads answer 503.
 */
final class GatewayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    private static final String SERVER_KEYSTORE = "server.p12";
    private static final String TRUSTSTORE = "truststore.p12";
    private static final String TOKEN_SECRET = "token.secret";

    private final Gateway gateway;
    private final KafkaSubmitter submitter;
    private final QueryService query;
    private final Optional<DevelopmentCredentials> development;

    private GatewayService(Gateway gateway, KafkaSubmitter submitter, QueryService query, Optional<DevelopmentCredentials> development) {
        this.gateway = gateway;
        this.submitter = submitter;
        this.query = query;
        this.development = development;
    }

    static GatewayService start(MusterConfig config, Topics topics, OrganisationFile.Entries entries, Supplier<KafkaStreams> streams,
            MusterMetrics metrics) {
        List<Organisation> organisations = entries.organisations();
        Path tls = config.gatewayTlsDirectory();
        try {
            Optional<DevelopmentCredentials> development = Optional.empty();
            if (config.embedded()) {
                List<String> identities = new ArrayList<>(organisations.stream().map(Organisation::getId).toList());
                identities.addAll(entries.auditors());
                DevelopmentCredentials credentials = DevelopmentCa.ensure(tls, identities,
                        List.of(config.gatewaySettings().host(), "localhost"), Clock.systemUTC());
                if (credentials.created()) {
                    LOG.info("development certificates for the gateway written to {} (development only; see its README.md)", tls);
                }
                development = Optional.of(credentials);
            }
            char[] password = config.gatewayTlsPassword();
            for (String file : List.of(SERVER_KEYSTORE, TRUSTSTORE, TOKEN_SECRET)) {
                if (!Files.isRegularFile(tls.resolve(file))) {
                    throw new ConfigException(Setting.GATEWAY_TLS_DIR.key() + ": " + tls.resolve(file) + " does not exist; the gateway needs "
                            + SERVER_KEYSTORE + ", " + TRUSTSTORE + " and " + TOKEN_SECRET + " there (see docs/api.md), or set "
                            + Setting.GATEWAY_ENABLED.key() + "=false");
                }
            }
            KafkaSubmitter submitter = new KafkaSubmitter(config.clientProperties(), topics, Duration.ofSeconds(30));
            Gateway gateway = null;
            try {
                Map<String, Organisation> directory = organisations.stream().collect(Collectors.toMap(Organisation::getId, Function.identity()));
                Authenticator authenticator = new Authenticator(directory, Set.copyOf(entries.auditors()),
                        BearerTokens.fromSecretFile(tls.resolve(TOKEN_SECRET), Clock.systemUTC()));
                // The outcome of an eventId lives in one partition of submission.outcomes, held by one instance: read where it is.
                AtomicReference<QueryService> reads = new AtomicReference<>();
                gateway = Gateway.start(config.gatewaySettings(), TlsContexts.of(tls.resolve(SERVER_KEYSTORE), tls.resolve(TRUSTSTORE), password),
                        authenticator, submitter, eventId -> outcome(reads.get(), eventId));
                QueryService query = QueryService.mount(gateway, config.querySettings(), topics, config.clientProperties(), streams,
                        new HostInfo(config.advertisedHost(), gateway.port()), TlsContexts.trusting(tls.resolve(TRUSTSTORE), password),
                        metrics::viewLatency, Clock.systemUTC());
                reads.set(query);
                return new GatewayService(gateway, submitter, query, development);
            } catch (IOException | RuntimeException e) {
                if (gateway != null) {
                    gateway.close();
                }
                submitter.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway with the TLS material in " + tls + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SubmissionOutcome> outcome(QueryService reads, String eventId) {
        if (reads == null) {
            throw new IllegalStateException("the HTTPS server is starting");
        }
        return reads.router().get(ViewStore.OUTCOMES, eventId);
    }

    /** The port the HTTPS server listens on. */
    int port() {
        return gateway.port();
    }

    /** The query API's reads, wherever the data lives. */
    QueryService query() {
        return query;
    }

    /** The gateway's base address. */
    String baseUri() {
        return gateway.baseUri().toString();
    }

    /** The development credentials, when muster created or reused them. */
    Optional<DevelopmentCredentials> development() {
        return development;
    }

    @Override
    public void close() {
        query.close();
        gateway.close();
        submitter.close();
    }
}
