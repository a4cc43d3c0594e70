package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamProcessorsTest {

    private static final String PRODUCER_COMPRESSION = StreamsConfig.producerPrefix("compression.type");

    @Test
    void theProcessorsProducersCompressWithLz4ByDefault() {
        Properties properties = StreamProcessors.properties(MusterConfig.load(null, Map.of(), new Properties()));
        assertThat(properties).containsEntry(PRODUCER_COMPRESSION, "lz4").containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void changelogsCloseSegmentsSmallEnoughForTheCleanerToCompactThem() {
        Properties properties = StreamProcessors.properties(MusterConfig.load(null, Map.of(), new Properties()));
        assertThat(properties).containsEntry(StreamsConfig.topicPrefix("segment.bytes"), 64 * 1024 * 1024);
    }

    @Test
    void theProcessorsRunOneThreadPerCoreUpToThePartitionCount() {
        MusterConfig config = MusterConfig.load(null, Map.of(), new Properties());
        int partitions = config.topicSettings().partitions();
        assertThat(StreamProcessors.properties(config)).containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                Math.min(Runtime.getRuntime().availableProcessors(), partitions));
        assertThat(StreamProcessors.defaultStreamThreads(1)).isEqualTo(1);
        assertThat(StreamProcessors.defaultStreamThreads(10_000)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSitesOwnStreamThreadsWin() {
        Properties system = new Properties();
        system.setProperty(Setting.CLIENT_PREFIX + "num.stream.threads", "3");
        assertThat(StreamProcessors.properties(MusterConfig.load(null, Map.of(), system))).containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3");
    }

    @Test
    void aSitesOwnCompressionWins() {
        Properties system = new Properties();
        system.setProperty(Setting.CLIENT_PREFIX + "compression.type", "zstd");
        Properties properties = StreamProcessors.properties(MusterConfig.load(null, Map.of(), system));
        assertThat(properties).containsEntry("compression.type", "zstd").doesNotContainKey(PRODUCER_COMPRESSION);
    }

    @Test
    void theStoresShareOneMemoryBudgetOfTheConfiguredSize() {
        Properties system = new Properties();
        system.setProperty(Setting.STREAMS_ROCKSDB_MEMORY.key(), "64");
        Properties properties = StreamProcessors.properties(MusterConfig.load(null, Map.of(), system));
        assertThat(properties).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateMemoryBudget.class)
                .containsEntry(StateMemoryBudget.BUDGET_BYTES, 64L * 1024 * 1024);
    }

    @Test
    void withoutABudgetTheStoresKeepKafkaStreamsOwnRocksDbSettings() {
        MusterConfig config = MusterConfig.load(null, Map.of(), new Properties());
        assertThat(config.rocksDbMemoryBytes()).isEmpty();
        assertThat(StreamProcessors.properties(config)).doesNotContainKeys(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                StateMemoryBudget.BUDGET_BYTES);
    }

    @Test
    void aSitesOwnRocksDbConfigSetterWins() {
        Properties system = new Properties();
        system.setProperty(Setting.STREAMS_ROCKSDB_MEMORY.key(), "64");
        system.setProperty(Setting.CLIENT_PREFIX + StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "org.example.SiteRocksDb");
        Properties properties = StreamProcessors.properties(MusterConfig.load(null, Map.of(), system));
        assertThat(properties).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "org.example.SiteRocksDb")
                .doesNotContainKey(StateMemoryBudget.BUDGET_BYTES);
    }
}
