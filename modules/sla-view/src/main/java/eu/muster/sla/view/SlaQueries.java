package eu.muster.sla.view;

import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the SLA view's stores: one incident's clocks, every open breach, and every breach per
 * provider or per requesting member state. Answers from the stores this instance holds; with
 * several instances, the query API (issue 7) finds the owner of a key through the Streams metadata.
 */
public final class SlaQueries {

    private final Function<String, ReadOnlyKeyValueStore<String, ?>> stores;

    /** Queries over the stores {@code stores} returns by name. */
    public SlaQueries(Function<String, ReadOnlyKeyValueStore<String, ?>> stores) {
        this.stores = stores;
    }

    /** Queries over a running Streams client's local stores. */
    public static SlaQueries of(KafkaStreams streams) {
        return new SlaQueries(name -> streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Object>keyValueStore())));
    }

    /** One incident's clocks, if it has any events. */
    public Optional<SlaView> incident(String incidentId) {
        return Optional.ofNullable((SlaView) stores.apply(SlaTopology.VIEW_STORE).get(incidentId));
    }

    /** Every clock past its deadline and not fulfilled, by incident. */
    public List<SlaBreach> openBreaches() {
        List<SlaBreach> breaches = new ArrayList<>();
        try (KeyValueIterator<String, ?> all = stores.apply(SlaTopology.OPEN_BREACHES_STORE).all()) {
            all.forEachRemaining(entry -> breaches.add((SlaBreach) entry.value));
        }
        return breaches;
    }

    /** Every clock of the provider's engagements that passed its deadline, open or over, by incident. */
    public List<SlaBreach> breachesOfMssp(String msspId) {
        return prefixed(SlaTopology.BREACHES_BY_MSSP_STORE, msspId);
    }

    /** Every clock of the incidents a member state requested help for that passed its deadline, open or over, by incident. */
    public List<SlaBreach> breachesInMemberState(String memberState) {
        return prefixed(SlaTopology.BREACHES_BY_MEMBER_STATE_STORE, memberState);
    }

    private List<SlaBreach> prefixed(String store, String owner) {
        List<SlaBreach> breaches = new ArrayList<>();
        try (KeyValueIterator<String, ?> entries = stores.apply(store).prefixScan(BreachKeys.prefix(owner), new StringSerializer())) {
            entries.forEachRemaining(entry -> breaches.add((SlaBreach) entry.value));
        }
        return breaches;
    }
}
