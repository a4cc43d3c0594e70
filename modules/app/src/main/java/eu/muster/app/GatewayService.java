package eu.muster.app;

import eu.muster.contract.Organisation;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.gateway.Gateway;
import eu.muster.gateway.KafkaSubmitter;
import eu.muster.gateway.TlsContexts;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import eu.muster.record.LogOfRecordTopology;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS gateway as part of the backbone: its TLS material (a development CA on the embedded
 * default, created on first start), its submitter (acks=all to the caller's submission topic) and its
 * outcome lookup (the log of record's queryable outcome table).
 */
final class GatewayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    private static final String SERVER_KEYSTORE = "server.p12";
    private static final String TRUSTSTORE = "truststore.p12";
    private static final String TOKEN_SECRET = "token.secret";

    private final Gateway gateway;
    private final KafkaSubmitter submitter;
    private final Optional<DevelopmentCredentials> development;

    private GatewayService(Gateway gateway, KafkaSubmitter submitter, Optional<DevelopmentCredentials> development) {
        this.gateway = gateway;
        this.submitter = submitter;
        this.development = development;
    }

    static GatewayService start(MusterConfig config, Topics topics, List<Organisation> organisations, KafkaStreams streams) {
        Path tls = config.gatewayTlsDirectory();
        try {
            Optional<DevelopmentCredentials> development = Optional.empty();
            if (config.embedded()) {
                DevelopmentCredentials credentials = DevelopmentCa.ensure(tls, organisations.stream().map(Organisation::getId).toList(),
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
            try {
                Map<String, Organisation> directory = organisations.stream().collect(Collectors.toMap(Organisation::getId, Function.identity()));
                Gateway gateway = Gateway.start(config.gatewaySettings(), TlsContexts.of(tls.resolve(SERVER_KEYSTORE), tls.resolve(TRUSTSTORE), password),
                        directory, BearerTokens.fromSecretFile(tls.resolve(TOKEN_SECRET), Clock.systemUTC()), submitter,
                        eventId -> outcome(streams, eventId));
                return new GatewayService(gateway, submitter, development);
            } catch (IOException | RuntimeException e) {
                submitter.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway with the TLS material in " + tls + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SubmissionOutcome> outcome(KafkaStreams streams, String eventId) {
        try {
            ReadOnlyKeyValueStore<String, SubmissionOutcome> outcomes = streams.store(StoreQueryParameters.fromNameAndType(
                    LogOfRecordTopology.OUTCOME_QUERY_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(outcomes.get(eventId));
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
        gateway.close();
        submitter.close();
    }
}
