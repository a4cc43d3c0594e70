package eu.muster.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.gateway.Problem;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Whatever cannot be answered for certain is a retryable 503; the cross-instance paths are covered by TwoInstancesIT. */
class StoreRouterTest {

    private static final Topics TOPICS = new Topics(new TopicSettings(2, (short) 1, 1));
    private static final HostInfo SELF = new HostInfo("127.0.0.1", 8443);

    @Test
    void beforeTheProcessorsExistEveryReadIsA503() throws Exception {
        StoreRouter router = new StoreRouter(() -> null, SELF, TOPICS, 2, peers());

        assertUnavailable(() -> router.get(ViewStore.COORDINATION, "i-1"), "starting");
        assertUnavailable(() -> router.scan(ViewStore.SLA), "starting");
        assertUnavailable(() -> router.group(ViewStore.MEMBER_STATE_ENTRIES, "DE"), "starting");
    }

    @Test
    void whileTheProcessorsAreNotRunningEveryReadIsA503() throws Exception {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "router-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("t");
        try (KafkaStreams created = new KafkaStreams(builder.build(), properties)) {
            StoreRouter router = new StoreRouter(() -> created, SELF, TOPICS, 2, peers());

            assertUnavailable(() -> router.get(ViewStore.REVIEW, "i-1"), "CREATED");
            assertUnavailable(() -> router.localBytes(ViewStore.REVIEW, 0, "i-1"), "CREATED");
            assertUnavailable(() -> router.group(ViewStore.LESSONS_ENTRIES, "taxonomy:INTRUSIONS"), "CREATED");
            assertUnavailable(() -> router.localGroupBytes(ViewStore.SCORECARD_ENTRIES, 1, "mssp-nordwind"), "CREATED");
        }
    }

    @Test
    void aPeerIsAskedForAGroupUnderItsEncodedNameAndTheEntryStoresAreReadable() {
        assertThat(InternalApi.groupPath(ViewStore.LESSONS_ENTRIES, 1, "sector:HEALTH CARE"))
                .isEqualTo(InternalApi.PATH + CoordinationTopology.LESSONS_ENTRY_STORE + "/partitions/1/groups/sector%3AHEALTH%20CARE");
        assertThat(ViewStore.byStoreName(CoordinationTopology.MEMBER_STATE_ENTRY_STORE)).as("peers may be asked for it")
                .contains(ViewStore.MEMBER_STATE_ENTRIES);
        assertThat(ViewStore.SCORECARD_ENTRIES.valueSerde(TOPICS)).as("values travel as the store holds them").isSameAs(TOPICS.groupEntrySerde());
    }

    private static PeerClient peers() throws Exception {
        return new PeerClient(SSLContext.getDefault(), new eu.muster.pki.BearerTokens(new byte[32], Clock.systemUTC()), Clock.systemUTC(),
                Duration.ofSeconds(1));
    }

    private static void assertUnavailable(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String why) {
        assertThatThrownBy(read).isInstanceOfSatisfying(Problem.Raised.class, raised -> {
            org.assertj.core.api.Assertions.assertThat(raised.problem().status()).isEqualTo(503);
            org.assertj.core.api.Assertions.assertThat(raised.problem().detail()).contains(why).contains("retry");
        });
    }
}
