package eu.muster.app;

import eu.muster.contract.ReviewState;
import eu.muster.contract.ReviewView;
import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.sla.view.SlaQueries;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The domain gauges, counted over the partitions this instance holds, so that Prometheus sums them
 * over instances: open SLA breaches by clock, the review backlog by state. Each read scans a local
 * store; the metrics registry caches the result between scrapes.
 */
final class ViewGauges {

    private ViewGauges() {
    }

    /** Open breaches on this instance, by clock kind. */
    static Map<String, Long> openBreachesByClock(KafkaStreams streams) {
        Map<String, Long> counts = new TreeMap<>();
        SlaQueries.of(streams).openBreaches().forEach(breach -> counts.merge(breach.getClock().getKind().name(), 1L, Long::sum));
        return counts;
    }

    /** Reviews due or overdue on this instance, by state. */
    static Map<String, Long> reviewBacklog(KafkaStreams streams) {
        Map<String, Long> counts = new TreeMap<>(Map.of(ReviewState.DUE.name(), 0L, ReviewState.OVERDUE.name(), 0L));
        ReadOnlyKeyValueStore<String, ReviewView> store = streams.store(
                StoreQueryParameters.fromNameAndType(CoordinationTopology.REVIEW_STORE, QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, ReviewView> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (counts.containsKey(entry.value.getState().name())) {
                    counts.merge(entry.value.getState().name(), 1L, Long::sum);
                }
            });
        }
        return counts;
    }
}
