package eu.muster.app;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores' restoration from their changelogs while the processors start, which after an unclean
 * stop under exactly-once means every store of a long history, rebuilt from scratch: minutes, not
 * seconds. It logs the progress, and tells start-up how long it has been since the last restored
 * batch, so that start-up waits for as long as restoring advances rather than a fixed time.
 */
final class StateRestoration implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(StateRestoration.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final LongSupplier nanoTime;
    private final Map<TopicPartition, Long> toRestore = new ConcurrentHashMap<>();
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong lastProgress;
    private final AtomicLong lastReport;

    /** @param nanoTime the monotonic clock, {@code System::nanoTime} but in tests */
    StateRestoration(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lastProgress = new AtomicLong(now);
        this.lastReport = new AtomicLong(now);
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        toRestore.put(partition, Math.max(0, endingOffset - startingOffset));
        lastProgress.set(nanoTime.getAsLong());
        LOG.info("restoring {} from {} ({} records at most)", storeName, partition, String.format(Locale.ROOT, "%,d", endingOffset - startingOffset));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
        long now = nanoTime.getAsLong();
        lastProgress.set(now);
        long reported = lastReport.get();
        if (now - reported >= REPORT_EVERY.toNanos() && lastReport.compareAndSet(reported, now)) {
            LOG.info(progress());
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        lastProgress.set(nanoTime.getAsLong());
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        lastProgress.set(nanoTime.getAsLong());
    }

    /** How long since the last sign of progress: the start, a store starting or ending its restoration, a restored batch. */
    Duration quietFor() {
        return Duration.ofNanos(nanoTime.getAsLong() - lastProgress.get());
    }

    /** Records restored so far, of how many in the changelog ranges begun: the ranges are upper bounds (compaction thins them). */
    String progress() {
        long total = toRestore.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "restoring state: %,d of at most %,d records from %d changelog partitions", restored.get(), total,
                toRestore.size());
    }
}
