package eu.muster.query;

import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.gateway.Problem;
import eu.muster.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a view store wherever its data lives. The Streams metadata names the instance that holds a
 * key's partition as its active task; that instance answers from its local store, any other asks it
 * over the internal API ({@link InternalApi}). Every read names its partition, so a partition that
 * moved away in a rebalance raises an error instead of reading an empty store: whatever cannot be
 * answered for certain becomes a retryable 503, never a wrong or empty answer.
 */
public final class StoreRouter {

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final Topics topics;
    private final int partitions;
    private final PeerClient peers;

    /**
     * @param streams    the Streams client; null until it has started
     * @param self       this instance's {@code application.server}
     * @param topics     the serdes
     * @param partitions the partitions of every view store (muster's topic partition count)
     * @param peers      how to ask another instance
     */
    public StoreRouter(Supplier<KafkaStreams> streams, HostInfo self, Topics topics, int partitions, PeerClient peers) {
        this.streams = streams;
        this.self = self;
        this.topics = topics;
        this.partitions = partitions;
        this.peers = peers;
    }

    /** The value under {@code key}, from whichever instance holds it. */
    public <V extends SpecificRecord> Optional<V> get(ViewStore store, String key) {
        KafkaStreams running = running();
        KeyQueryMetadata owner = running.queryMetadataForKey(store.storeName(), key, store.keySerializer(topics));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw unavailable("no instance holds " + store.storeName() + " for this key right now");
        }
        if (owner.activeHost().equals(self)) {
            return localGet(running, store, owner.partition(), key);
        }
        servesHttps(owner.activeHost(), store);
        return peers.get(owner.activeHost(), store, owner.partition(), key).map(bytes -> this.<V>decode(store, bytes));
    }

    /** The values under {@code keys} that exist, in the order of {@code keys}. */
    public <V extends SpecificRecord> Map<String, V> getAll(ViewStore store, Iterable<String> keys) {
        Map<String, V> found = new LinkedHashMap<>();
        for (String key : keys) {
            if (!found.containsKey(key)) {
                this.<V>get(store, key).ifPresent(value -> found.put(key, value));
            }
        }
        return found;
    }

    /**
     * Every entry of {@code store}, over all partitions, by key: for the small stores only (member
     * states, providers, lessons groups). A store with an entry per incident is streamed through
     * {@link #forEach} instead, as holding all of it would take the heap a million incidents need.
     */
    public <V extends SpecificRecord> List<V> scan(ViewStore store) {
        TreeMap<String, V> all = new TreeMap<>();
        this.<V>forEach(store, all::put);
        return List.copyOf(all.values());
    }

    /**
     * Hands every entry of {@code store}, over all partitions, to {@code visit} as it is read, holding
     * none of them: in key order within a partition, partition after partition. A partition held by
     * another instance arrives whole from it first (the internal API answers a partition at a time).
     */
    public <V extends SpecificRecord> void forEach(ViewStore store, BiConsumer<String, ? super V> visit) {
        KafkaStreams running = running();
        Map<HostInfo, List<Integer>> byOwner = new LinkedHashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            int p = partition;
            KeyQueryMetadata owner = running.queryMetadataForKey(store.storeName(), "", (topic, key, value, count) -> Optional.of(Set.of(p)));
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                throw unavailable("no instance holds partition " + p + " of " + store.storeName() + " right now");
            }
            servesHttps(owner.activeHost(), store);
            byOwner.computeIfAbsent(owner.activeHost(), host -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<HostInfo, List<Integer>> owner : byOwner.entrySet()) {
            for (int partition : owner.getValue()) {
                if (owner.getKey().equals(self)) {
                    this.<V>localPartition(running, store, partition, visit);
                } else {
                    peers.partition(owner.getKey(), store, partition).forEach((key, bytes) -> visit.accept(key, decode(store, bytes)));
                }
            }
        }
    }

    /**
     * Every value of one group in an entry store ({@link ViewStore#MEMBER_STATE_ENTRIES} and the like), by key: the values
     * whose keys start with {@code group + "/"}. They live in the group's partition, so one instance answers for all of them.
     */
    public <V extends SpecificRecord> List<V> group(ViewStore store, String group) {
        KafkaStreams running = running();
        KeyQueryMetadata owner = running.queryMetadataForKey(store.storeName(), group, store.keySerializer(topics));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw unavailable("no instance holds " + store.storeName() + " for this group right now");
        }
        TreeMap<String, V> members = new TreeMap<>();
        if (owner.activeHost().equals(self)) {
            for (KeyValue<String, V> entry : this.<V>localGroup(running, store, owner.partition(), group)) {
                members.put(entry.key, entry.value);
            }
        } else {
            servesHttps(owner.activeHost(), store);
            peers.group(owner.activeHost(), store, owner.partition(), group).forEach((key, bytes) -> members.put(key, decode(store, bytes)));
        }
        return List.copyOf(members.values());
    }

    /** This instance's value under {@code key} in {@code partition}, for a peer: 503 unless the partition is active here. */
    Optional<byte[]> localBytes(ViewStore store, int partition, String key) {
        return this.<SpecificRecord>localGet(running(), store, partition, key).map(value -> encode(store, value));
    }

    private <V> Optional<V> localGet(KafkaStreams running, ViewStore store, int partition, String key) {
        ReadOnlyKeyValueStore<String, V> local = this.<V>local(running, store, partition);
        try {
            return Optional.ofNullable(local.get(key));
        } catch (InvalidStateStoreException e) {
            throw unavailable(store.storeName() + " partition " + partition + " is not readable here now (" + e.getMessage() + ")");
        }
    }

    /** This instance's entries of {@code partition}, for a peer: 503 unless the partition is active here. */
    Map<String, byte[]> localPartitionBytes(ViewStore store, int partition) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        this.<SpecificRecord>localPartition(running(), store, partition, (key, value) -> entries.put(key, encode(store, value)));
        return entries;
    }

    /** This instance's entries of {@code group} in {@code partition}, for a peer: 503 unless the partition is active here. */
    Map<String, byte[]> localGroupBytes(ViewStore store, int partition, String group) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (KeyValue<String, SpecificRecord> entry : this.<SpecificRecord>localGroup(running(), store, partition, group)) {
            entries.put(entry.key, encode(store, entry.value));
        }
        return entries;
    }

    private <V> List<KeyValue<String, V>> localGroup(KafkaStreams running, ViewStore store, int partition, String group) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        // Group keys hold no separator, so this prefix is exactly the group's keys (CoordinationTopology.GROUP_SEPARATOR).
        String prefix = group + CoordinationTopology.GROUP_SEPARATOR;
        try (KeyValueIterator<String, V> members = this.<V>local(running, store, partition).prefixScan(prefix, new StringSerializer())) {
            members.forEachRemaining(entries::add);
        } catch (InvalidStateStoreException e) {
            throw unavailable(store.storeName() + " partition " + partition + " is not readable here now (" + e.getMessage() + ")");
        }
        return entries;
    }

    private <V> void localPartition(KafkaStreams running, ViewStore store, int partition, BiConsumer<String, ? super V> visit) {
        try (KeyValueIterator<String, V> all = this.<V>local(running, store, partition).all()) {
            all.forEachRemaining(entry -> visit.accept(entry.key, entry.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(store.storeName() + " partition " + partition + " is not readable here now (" + e.getMessage() + ")");
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> local(KafkaStreams running, ViewStore store, int partition) {
        try {
            return (running.store(StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(store.storeName(),
                    QueryableStoreTypes.keyValueStore()).withPartition(partition)));
        } catch (InvalidStateStoreException e) {
            throw unavailable(store.storeName() + " partition " + partition + " is not readable here now (" + e.getMessage() + ")");
        }
    }

    /** An instance started without the HTTPS server advertises no address: what it holds cannot be read from here. */
    private static void servesHttps(HostInfo owner, ViewStore store) {
        if (owner.port() < 0 || owner.equals(HostInfo.unavailable())) {
            throw unavailable("the instance holding " + store.storeName() + " for this key serves no HTTPS (muster.gateway.enabled=false)");
        }
    }

    private KafkaStreams running() {
        KafkaStreams client = streams.get();
        if (client == null) {
            throw unavailable("the stream processors are starting");
        }
        KafkaStreams.State state = client.state();
        if (state != KafkaStreams.State.RUNNING) {
            // While partitions move, the metadata may name an instance that no longer holds a key.
            throw unavailable("the stream processors are " + state + "; partitions may be moving between instances");
        }
        return client;
    }

    private <V extends SpecificRecord> V decode(ViewStore store, byte[] bytes) {
        return store.<V>valueSerde(topics).deserializer().deserialize(store.storeName(), bytes);
    }

    private byte[] encode(ViewStore store, SpecificRecord value) {
        return store.valueSerde(topics).serializer().serialize(store.storeName(), value);
    }

    /** A retryable 503. */
    static Problem.Raised unavailable(String detail) {
        return new Problem.Raised(Problem.of(503, "view-unavailable", "The view cannot be read right now", detail + "; retry shortly"));
    }
}
