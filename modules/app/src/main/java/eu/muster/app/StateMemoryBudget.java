package eu.muster.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Holds the memory that the stream processors' RocksDB stores take outside the heap to one budget per
 * process. All stores share one block cache of that size. Their index and filter blocks live in it,
 * and so do their write buffers (memtables): once the write buffers fill half of the budget, the
 * fullest is flushed to disk.
 *
 * <p>Kafka Streams' default gives every store of every task its own 50 MiB block cache and up to
 * three 16 MiB write buffers, and keeps index and filter blocks outside any cache. With dozens of
 * stores and six tasks per processor, that is a bound of gigabytes, and resident memory grew with the
 * state in the benchmark's growth run (docs/benchmarks.md#scale). Under this budget, resident memory
 * is about the heap plus the budget plus the JVM's own, however large the state grows.
 *
 * <p>The cache is over-committed, not strict: a read never fails because the budget is spent; the
 * least recently used blocks go first.
 *
 * <p>It is opt-in ({@link Setting#STREAMS_ROCKSDB_MEMORY}). At 256 MiB across 181 stores the write
 * buffers were flushed far more often than Kafka Streams' own settings flush them, and RocksDB's
 * flush and compaction threads came to take more processor time than the stream threads.
 */
public final class StateMemoryBudget implements RocksDBConfigSetter {

    /** The budget in bytes, in the Streams configuration (Kafka Streams hands its configuration to each store's setter). */
    static final String BUDGET_BYTES = "muster.rocksdb.budget-bytes";

    /** Write buffers may take at most this share of the budget before the fullest is flushed. */
    private static final double WRITE_BUFFER_SHARE = 0.5;
    /** Index and filter blocks get this share of the cache first, so that a burst of reads does not evict them. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;

    /** One cache per budget and process: every store of every Streams client in this JVM shares it, for the life of the JVM. */
    private static final ConcurrentMap<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
        static Shared of(long budget) {
            Cache cache = new LRUCache(budget, -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (budget * WRITE_BUFFER_SHARE), cache));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared shared = SHARED.computeIfAbsent(budget(configs), Shared::of);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store in the process: closing one store must not free them.
    }

    static long budget(Map<String, Object> configs) {
        Object value = configs.get(BUDGET_BYTES);
        if (value == null) {
            throw new IllegalStateException(StateMemoryBudget.class.getSimpleName() + " needs " + BUDGET_BYTES
                    + " in the Streams configuration; muster sets it from " + Setting.STREAMS_ROCKSDB_MEMORY.key());
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
