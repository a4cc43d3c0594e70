package eu.muster.query;

import eu.muster.gateway.Gateway;
import eu.muster.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The dashboards' side of the backbone, on the gateway's HTTPS server: the query API under
 * {@code /v1/…}, the live stream at {@code /v1/stream}, the internal API instances read each other's
 * stores through, and the web dashboard at {@code /dashboard/}.
 */
public final class QueryService implements AutoCloseable {

    private final StoreRouter router;
    private final LiveFeed feed;
    private final LiveStream stream;

    private QueryService(StoreRouter router, LiveFeed feed, LiveStream stream) {
        this.router = router;
        this.feed = feed;
        this.stream = stream;
    }

    /**
     * Mounts everything on {@code gateway} and starts watching the view topics.
     *
     * @param gateway          the HTTPS server, whose authentication every read uses
     * @param settings         how to read and stream
     * @param topics           the serdes
     * @param clientProperties how to reach the cluster, for the live feed
     * @param streams          the Streams client once started; null before
     * @param self             this instance's {@code application.server}: the gateway's advertised host and port
     * @param peerTls          trusts the other instances' server certificates
     * @param latency          receives each view's event-to-view latency
     * @param clock            the wall clock (the {@code asOf} of answers, token renewal, latency)
     */
    public static QueryService mount(Gateway gateway, QuerySettings settings, Topics topics, Map<String, Object> clientProperties,
            Supplier<KafkaStreams> streams, HostInfo self, SSLContext peerTls, BiConsumer<String, Duration> latency, Clock clock) {
        PeerClient peers = new PeerClient(peerTls, gateway.authenticator().tokens(), clock, settings.peerTimeout());
        StoreRouter router = new StoreRouter(streams, self, topics, settings.partitions(), peers);
        LiveFeed feed = new LiveFeed(clientProperties, topics, router, latency, clock);
        LiveStream stream = new LiveStream(feed, gateway.authenticator(), settings.maxStreams(), settings.heartbeat(), clock);
        try {
            feed.start();
        } catch (RuntimeException e) {
            stream.close();
            feed.close();
            throw e;
        }
        QueryApi api = new QueryApi(router, gateway.authenticator(), clock);
        QueryApi.ROOTS.forEach(root -> gateway.mount(root, api));
        gateway.mount(LiveStream.PATH, stream);
        gateway.mount(InternalApi.PATH, new InternalApi(router, gateway.authenticator()));
        gateway.mount(DashboardAssets.PATH, new DashboardAssets());
        return new QueryService(router, feed, stream);
    }

    /** Reads the views wherever they live, for other parts of the application (metrics). */
    public StoreRouter router() {
        return router;
    }

    @Override
    public void close() {
        stream.close();
        feed.close();
    }
}
