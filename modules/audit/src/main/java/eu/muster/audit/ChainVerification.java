package eu.muster.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.KafkaException;

/**
 * Verifies a log of record end to end: reads the topic with a {@link LogReader} (read-only, from its
 * first record to where it ended when the read began) and checks every link with a
 * {@link ChainCheck}, stopping at the first broken one, since nothing after it can be vouched for.
 */
public final class ChainVerification {

    private final LogReader reader;
    private final Map<String, Schema> writerSchemas;

    /**
     * @param reader        reads the topic
     * @param writerSchemas every writer schema the log may hold, by fingerprint hex
     *                      ({@code new Topics(settings).contractSchemas()})
     */
    public ChainVerification(LogReader reader, Map<String, Schema> writerSchemas) {
        this.reader = reader;
        this.writerSchemas = Map.copyOf(writerSchemas);
    }

    /**
     * Reads {@code topic} and checks every hash-chain link on it.
     *
     * @param topic    the log of record, or a copy of it
     * @param progress shown as records are read; finished when the read ends or stops at a break
     * @return what was checked, and the first broken link if any
     * @throws UnreadableLogException when the topic cannot be read: it does not exist, the credentials
     *                                may not read it, the cluster does not answer
     */
    public Report verify(String topic, Progress progress) {
        ChainCheck check = new ChainCheck(writerSchemas);
        // Offsets seen per partition, kept here because a read stopped at a break returns no extent.
        Map<Integer, long[]> seen = new TreeMap<>();
        long[] read = new long[1];
        LogReader.Extent extent;
        try {
            extent = reader.read(topic, Map.of(), (record, done, total) -> {
                read[0] = done;
                check.accept(record);
                seen.computeIfAbsent(record.partition(), p -> new long[] {record.offset(), record.offset()})[1] = record.offset();
                progress.update(done, total);
                if (check.firstBreak().isPresent()) {
                    throw new StopReading();
                }
            });
        } catch (StopReading broken) {
            // Not a failure: the handler ends the read at the first break, the only way LogReader can be stopped.
            progress.finish(read[0]);
            List<LogReader.Extent.Partition> partitions = new ArrayList<>();
            seen.forEach((partition, offsets) -> partitions.add(new LogReader.Extent.Partition(partition, offsets[0], offsets[1])));
            return new Report(topic, check.incidents(), check.events(), partitions, check.firstBreak().orElseThrow());
        } catch (IllegalArgumentException | KafkaException e) {
            if (read[0] > 0) {
                progress.finish(read[0]); // ends a drawn bar's line, so that the error is read on a line of its own
            }
            throw new UnreadableLogException("cannot read " + topic + ": " + e.getMessage(), e);
        }
        progress.finish(extent.records());
        return new Report(topic, check.incidents(), check.events(), extent.partitions(), null);
    }

    /**
     * What a verification found.
     *
     * @param topic      the topic verified
     * @param incidents  incidents whose events were checked (up to the break, if any)
     * @param events     events whose links hold (up to the break, if any; the broken record is not counted)
     * @param partitions per partition, the first and last offset read (-1 for an empty partition); when the
     *                   read stopped at a break, only the partitions reached, the last offset being the break's
     * @param firstBreak the first broken link, null when the chain is intact
     */
    public record Report(String topic, int incidents, long events, List<LogReader.Extent.Partition> partitions, ChainCheck.Break firstBreak) {

        /** Validates and copies. */
        public Report {
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
        }

        /** Whether every link read holds: the whole topic was read and nothing is wrong with it. */
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** The topic cannot be read at all, so nothing can be said about its chain. */
    public static final class UnreadableLogException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreadableLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Ends the read from inside the record handler; carries nothing, so it needs no stack trace. */
    private static final class StopReading extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StopReading() {
            super("stopped at the first broken link", null, false, false);
        }
    }
}
