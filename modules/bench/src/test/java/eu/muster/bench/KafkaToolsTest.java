package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parsers against outputs captured from Kafka 4.3.1's tools run against a real single-node KRaft broker
 * (copied verbatim from their logs), and the launcher against the real tools where no broker is needed.
 */
class KafkaToolsTest {

    // ------------------------------------------------------------------------------------ ProducerPerformance

    /** 200000 records of 512 bytes, acks=all, batch.size=262144, linger.ms=20, into a topic the producer auto-created. */
    private static final String PRODUCER_OUTPUT = """
            [2026-11-24 19:08:39,986] WARN [Producer clientId=perf-producer-client] The metadata response from the \
            cluster reported a recoverable issue with correlation id 1 : {raw=UNKNOWN_TOPIC_OR_PARTITION} \
            (org.apache.kafka.clients.NetworkClient)
            200000 records sent, 58122.638768 records/sec (28.38 MB/sec), 428.16 ms avg latency, 764.00 ms max latency, \
            512 ms 50th, 674 ms 95th, 711 ms 99th, 729 ms 99.9th.
            """;

    /** 1000000 records with --reporting-interval 1000: progress lines first, whose shape is close to the summary's. */
    private static final String PRODUCER_PROGRESS_LINES = """
            43242 records sent, 43242.0 records/sec (21.11 MB/sec), 91.6 ms avg latency, 384.0 ms max latency.
            105922 records sent, 105816.2 records/sec (51.67 MB/sec), 312.5 ms avg latency, 467.0 ms max latency.
            147086 records sent, 147086.0 records/sec (71.82 MB/sec), 451.2 ms avg latency, 521.0 ms max latency.
            153110 records sent, 152804.4 records/sec (74.61 MB/sec), 397.2 ms avg latency, 539.0 ms max latency.
            114958 records sent, 114958.0 records/sec (56.13 MB/sec), 259.0 ms avg latency, 406.0 ms max latency.
            151102 records sent, 150800.4 records/sec (73.63 MB/sec), 397.1 ms avg latency, 519.0 ms max latency.
            136543 records sent, 136543.0 records/sec (66.67 MB/sec), 457.5 ms avg latency, 593.0 ms max latency.
            """;
    private static final String PRODUCER_OUTPUT_WITH_PROGRESS = PRODUCER_PROGRESS_LINES + """
            1000000 records sent, 129651.238169 records/sec (63.31 MB/sec), 363.40 ms avg latency, 593.00 ms max latency, \
            367 ms 50th, 541 ms 95th, 578 ms 99th, 589 ms 99.9th.
            """;

    @Test
    void parsesProducerSummary() {
        assertThat(KafkaTools.parseProducerPerformance(PRODUCER_OUTPUT))
                .isEqualTo(new ProducerFigures(200_000, 58122.638768, 28.38, 428.16, 764.00, 512, 674, 711, 729));
    }

    @Test
    void parsesProducerSummaryAfterProgressLines() {
        assertThat(KafkaTools.parseProducerPerformance(PRODUCER_OUTPUT_WITH_PROGRESS))
                .isEqualTo(new ProducerFigures(1_000_000, 129651.238169, 63.31, 363.40, 593.00, 367, 541, 578, 589));
    }

    @Test
    void producerOutputWithOnlyProgressLinesHasNoSummary() {
        assertThatThrownBy(() -> KafkaTools.parseProducerPerformance(PRODUCER_PROGRESS_LINES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ProducerPerformance")
                .hasMessageContaining("no summary line")
                .hasMessageContaining("136543 records sent, 136543.0 records/sec");
    }

    // ------------------------------------------------------------------------------------ ConsumerPerformance

    private static final String CONSUMER_HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
            + "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n";

    /** 1200000 records with max.poll.records=2000; the group join took 1082 of the 3980 ms. */
    private static final String CONSUMER_OUTPUT = CONSUMER_HEADER + """
            2026-11-24 19:08:59:060, 2026-11-24 19:09:03:040, 585.9375, 147.2205, 1200000, 301507.5377, 1082, 2898, \
            202.1869, 414078.6749
            """;

    /** Asked for 1300000 of the 1200000 records there were, with --timeout 2000. */
    private static final String CONSUMER_OUTPUT_RAN_DRY = CONSUMER_HEADER + """
            WARNING: Exiting before consuming the expected number of records: timeout (2000 ms) exceeded. You can use the \
            --timeout option to increase the timeout.
            2026-11-24 19:09:40:918, 2026-11-24 19:09:45:592, 585.9375, 125.3610, 1200000, 256739.4095, 496, 4178, \
            140.2435, 287218.7650
            """;

    /** --bootstrap-server 127.0.0.1:notaport: the header, then the failure (the tool exited 1). */
    private static final String CONSUMER_OUTPUT_FAILED = CONSUMER_HEADER + """
            Failed to construct kafka consumer
            org.apache.kafka.common.KafkaException: Failed to construct kafka consumer
            \tat org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer.<init>(ClassicKafkaConsumer.java:291)
            \tat org.apache.kafka.clients.consumer.internals.ConsumerDelegateCreator.create(ConsumerDelegateCreator.java:66)
            \tat org.apache.kafka.clients.consumer.KafkaConsumer.<init>(KafkaConsumer.java:615)
            Caused by: org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: 127.0.0.1:notaport
            """;

    @Test
    void parsesConsumerSummaryUsingTheFetchTimeRates() {
        assertThat(KafkaTools.parseConsumerPerformance(CONSUMER_OUTPUT))
                .isEqualTo(new ConsumerFigures(1_200_000, 414078.6749, 202.1869));
    }

    @Test
    void parsesConsumerSummaryAfterTheTimeoutWarning() {
        assertThat(KafkaTools.parseConsumerPerformance(CONSUMER_OUTPUT_RAN_DRY))
                .isEqualTo(new ConsumerFigures(1_200_000, 287218.7650, 140.2435));
    }

    @Test
    void consumerHeaderWithoutDataLineHasNoSummary() {
        assertThatThrownBy(() -> KafkaTools.parseConsumerPerformance(CONSUMER_OUTPUT_FAILED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ConsumerPerformance")
                .hasMessageContaining("no summary line")
                .hasMessageContaining("Invalid url in bootstrap.servers: 127.0.0.1:notaport");
    }

    // ------------------------------------------------------------------------------------ EndToEndLatency

    /** 5000 round trips of 512 bytes with acks=all, named options; the tool created the topic itself. */
    private static final String LATENCY_OUTPUT = """
            Topic "e2e-raw" does not exist. Will create topic with 1 partition(s) and replication factor = 1
            0\t114.49101700000001
            1000\t3.661452
            2000\t0.717785
            3000\t0.932473
            4000\t2.5488760000000004
            Avg latency: 2.4122 ms
            Percentiles: 50th = 1, 99th = 12, 99.9th = 27
            """;

    /** 100 round trips with the positional arguments, which 4.3 still accepts with a warning. */
    private static final String LATENCY_OUTPUT_POSITIONAL = """
            WARNING: Positional argument usage is deprecated and will be removed in Apache Kafka 5.0. Please use named \
            arguments instead: --bootstrap-server, --topic, --num-records, --producer-acks, --record-size, --command-config
            0\t267.05056800000006
            Avg latency: 11.0141 ms
            Percentiles: 50th = 7, 99th = 267, 99.9th = 267
            """;

    @Test
    void parsesEndToEndLatencySummary() {
        assertThat(KafkaTools.parseEndToEndLatency(LATENCY_OUTPUT, 5000))
                .isEqualTo(new LatencyFigures(5000, 2.4122, 1, 12, 27));
        assertThat(KafkaTools.parseEndToEndLatency(LATENCY_OUTPUT_POSITIONAL, 100))
                .isEqualTo(new LatencyFigures(100, 11.0141, 7, 267, 267));
    }

    @Test
    void endToEndLatencyNeedsBothSummaryLines() {
        String withoutPercentiles = LATENCY_OUTPUT.substring(0, LATENCY_OUTPUT.indexOf("Percentiles:"));
        assertThatThrownBy(() -> KafkaTools.parseEndToEndLatency(withoutPercentiles, 5000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EndToEndLatency")
                .hasMessageContaining("no summary line")
                .hasMessageContaining("Avg latency: 2.4122 ms");
    }

    // ------------------------------------------------------------------------------------ launching the real tools

    @Test
    void reportsNonZeroExitWithTheToolsLastLines(@TempDir Path work) throws IOException {
        KafkaTools tools = tools(work, Duration.ofSeconds(60));
        // An earlier benchmark's log in the same directory: the run must take the next number, not overwrite it.
        Files.writeString(work.resolve("ProducerPerformance-1.log"), "earlier run");

        // An invalid acks fails in the producer's constructor, before any connection: no broker needed.
        assertThatThrownBy(() -> tools.producerPerformance(closedPort(), "t", 10, 100, Map.of("acks", "bogus")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ProducerPerformance exited with code 1")
                .hasMessageContaining("Invalid value bogus for configuration acks");

        assertThat(work.resolve("ProducerPerformance-1.log")).hasContent("earlier run");
        assertThat(work.resolve("ProducerPerformance-2.properties")).content().contains("acks=bogus");
        // Our log4j2 configuration was found: no "No Log4j 2 configuration file found" complaint in the log.
        assertThat(work.resolve("ProducerPerformance-2.log")).content()
                .contains("ConfigException")
                .doesNotContainIgnoringCase("configuration file found");
    }

    @Test
    void reportsTheToolsFailureNotTheGroupCleanupsOne(@TempDir Path work) {
        KafkaTools tools = tools(work, Duration.ofSeconds(60));

        // The address the tool fails on is one the Admin client used to delete the group cannot use either.
        assertThatThrownBy(() -> tools.consumerPerformance("127.0.0.1:notaport", "t", 10, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ConsumerPerformance exited with code 1")
                .hasMessageContaining("Invalid url in bootstrap.servers: 127.0.0.1:notaport");
    }

    @Test
    void killsToolThatOutlivesTheTimeout(@TempDir Path work) {
        // Nothing listens, so the producer waits for metadata (max.block.ms, 60 s by default) far past the timeout.
        KafkaTools tools = tools(work, Duration.ofSeconds(3));
        long started = System.nanoTime();

        assertThatThrownBy(() -> tools.producerPerformance(closedPort(), "t", 10, 100, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ProducerPerformance did not finish within PT3S and was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void refusesGroupIdForConsumerPerformance(@TempDir Path work) {
        KafkaTools tools = new KafkaTools(Path.of("java"), "unused.jar", work, Duration.ofSeconds(1));
        assertThatThrownBy(() -> tools.consumerPerformance("127.0.0.1:1", "t", 10, Map.of("group.id", "mine")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group.id");
    }

    /** The tools with the classpath kafka-tools-runtime wrote; these tests need it and are skipped without it. */
    private static KafkaTools tools(Path work, Duration timeout) {
        Path classpathFile = Path.of("..", "kafka-tools-runtime", "target", "kafka-tools.classpath");
        assumeTrue(Files.isRegularFile(classpathFile), "build modules/kafka-tools-runtime first: " + classpathFile.toAbsolutePath());
        try {
            return new KafkaTools(Path.of(System.getProperty("java.home"), "bin", "java"), Files.readString(classpathFile),
                    work, timeout);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loopback address where nothing listens: a port just handed out by the kernel and released again. */
    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
