package eu.muster.audit;

import eu.muster.codec.EventDecodingException;
import eu.muster.codec.HashChain;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks the log of record link by link, as an auditor does: fed the log's records in the order a
 * {@link LogReader} reads them (each partition in offset order), it keeps for every incident
 * the last sequence number, hash and partition, and stops at the first broken link.
 *
 * <p>Each record is checked in this order, and the first check that fails is the break reported:
 * <ol>
 *   <li>{@link Kind#UNDECODABLE}: the value does not decode under a writer schema of the contract.
 *       Nothing else can be checked without the decoded fields.</li>
 *   <li>{@link Kind#HASH_MISMATCH}: the record's own hash does not match its content. This comes before
 *       any check that trusts a decoded field: an altered byte may have changed the incident id, the
 *       sequence or the previous hash themselves, and a complaint about those would name a symptom at
 *       the wrong place. So an altered byte is reported at exactly its own offset, as this kind or as
 *       {@code UNDECODABLE}.</li>
 *   <li>{@link Kind#KEY_MISMATCH}: the record's key is not its incident id. The key is not part of
 *       the value, so no hash covers it; it decides the partition, so it is checked before the
 *       per-incident checks, which go by the value's incident id.</li>
 *   <li>{@link Kind#PARTITION_MISMATCH}: the incident's earlier events are on another partition. Kafka
 *       keeps order within a partition only, so an incident split over two has no order to check.</li>
 *   <li>{@link Kind#FIRST_NOT_ONE}, {@link Kind#SEQUENCE_REPEAT}, {@link Kind#SEQUENCE_GAP}: the
 *       sequence is not the previous one plus one (or 1 for an incident's first event). These come
 *       before the previous-hash check because a deleted event also breaks its successor's previous
 *       hash, and "an event is missing before this one" is the more precise diagnosis: a deleted
 *       event is reported at the incident's next event, as a gap.</li>
 *   <li>{@link Kind#PREVIOUS_HASH_MISMATCH}: the record is sound and numbered right but does not point
 *       at its predecessor's hash (or at the genesis hash, for sequence 1). This is how an event
 *       replaced by a re-sealed forgery shows: at the incident's next event. (A chain protects each
 *       event through its successors; an incident's last event is protected by its own hash only.)</li>
 * </ol>
 *
 * <p>After a break the check accepts nothing more: what follows a broken link cannot be vouched for
 * by the chain. Not thread-safe; one instance checks one read of one topic.
 */
public final class ChainCheck {

    /** What is wrong with a link, in the order the checks are made (see the class comment). */
    public enum Kind {
        /** The value is not a recorded event of any known contract version: truncated, corrupt, or of an unknown writer schema. */
        UNDECODABLE,
        /** The record's hash does not match its content: its bytes were changed after it was sealed. */
        HASH_MISMATCH,
        /** The record's key is not the incident id in its value. */
        KEY_MISMATCH,
        /** The incident's earlier events are on another partition of the topic. */
        PARTITION_MISMATCH,
        /** The first event of an incident on the log does not have sequence 1: its earliest events are missing. */
        FIRST_NOT_ONE,
        /** The sequence repeats or goes back to a number the incident already has. */
        SEQUENCE_REPEAT,
        /** The sequence jumps: at least one event is missing before this one. */
        SEQUENCE_GAP,
        /** The previous hash is not the hash of the incident's event before this one (or the genesis hash for sequence 1). */
        PREVIOUS_HASH_MISMATCH
    }

    /**
     * The first broken link found.
     *
     * @param topic      the topic read
     * @param partition  the partition of the record
     * @param offset     the offset of the record
     * @param incidentId the incident the record claims, null when it does not decode
     * @param kind       what is wrong
     * @param detail     what is wrong, for a person: what was expected and what was found
     */
    public record Break(String topic, int partition, long offset, String incidentId, Kind kind, String detail) {

        /** Validates. */
        public Break {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** What is remembered of an incident's last event: enough to check the next link, and no more. */
    private record Tail(int partition, long sequence, byte[] hash) {
    }

    /** Hashes in details are shortened: eight bytes tell two hashes apart for a reader. */
    private static final int SHOWN_HASH_BYTES = 8;

    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, Schema> writerSchemas;
    private final Map<String, Tail> tails = new HashMap<>();
    private long events;
    private Break firstBreak;

    /**
     * @param writerSchemas every writer schema the log may hold, by fingerprint hex
     *                      ({@code new Topics(settings).contractSchemas()})
     */
    public ChainCheck(Map<String, Schema> writerSchemas) {
        this.writerSchemas = Map.copyOf(writerSchemas);
    }

    /**
     * Checks the next record of the log. Records must come in the order they are on the log within
     * each partition. Does nothing once a link is broken.
     */
    public void accept(ConsumerRecord<String, byte[]> record) {
        if (firstBreak != null) {
            return;
        }
        HashChain.Link link;
        try {
            link = HashChain.verify(record.value(), writerSchemas);
        } catch (EventDecodingException e) {
            firstBreak = at(record, null, Kind.UNDECODABLE, "the value does not decode as a recorded event ("
                    + (record.key() == null ? "no key" : "key " + record.key()) + "): " + e.getMessage());
            return;
        }
        String incident = link.incidentId();
        if (!link.holds()) {
            firstBreak = at(record, incident, Kind.HASH_MISMATCH, "the stored hash " + shown(link.hash())
                    + " does not match the record's content: it was altered after it was recorded (it now reads as sequence "
                    + link.sequence() + " of incident " + incident + ")");
            return;
        }
        if (!incident.equals(record.key())) {
            firstBreak = at(record, incident, Kind.KEY_MISMATCH, (record.key() == null ? "the record has no key" : "the record's key is '" + record.key() + "'")
                    + " but its value is sequence " + link.sequence() + " of incident " + incident
                    + ": the key must be the incident id, which decides the partition and so the order of the incident's events");
            return;
        }
        Tail previous = tails.get(incident);
        if (previous != null && previous.partition() != record.partition()) {
            firstBreak = at(record, incident, Kind.PARTITION_MISMATCH, "the incident's earlier events are on partition " + previous.partition()
                    + ", this one (sequence " + link.sequence() + ") is on partition " + record.partition()
                    + ": one incident's events must stay on one partition, the only place their order is kept");
            return;
        }
        Optional<Break> sequenceBreak = sequence(record, incident, previous, link.sequence());
        if (sequenceBreak.isPresent()) {
            firstBreak = sequenceBreak.get();
            return;
        }
        byte[] expectedPrevious = previous == null ? HashChain.genesis() : previous.hash();
        if (!Arrays.equals(expectedPrevious, link.previousHash())) {
            firstBreak = at(record, incident, Kind.PREVIOUS_HASH_MISMATCH, "sequence " + link.sequence() + " points at the previous hash "
                    + shown(link.previousHash()) + ", but " + (previous == null
                            ? "an incident's first event must point at the genesis hash (32 zero bytes)"
                            : "sequence " + previous.sequence() + " before it has the hash " + shown(previous.hash())
                                    + ": an earlier event was replaced, or this one belongs to another chain"));
            return;
        }
        tails.put(incident, new Tail(record.partition(), link.sequence(), link.hash()));
        events++;
    }

    /** The break in the numbering, if any: 1 first, then each event the previous one plus one. */
    private static Optional<Break> sequence(ConsumerRecord<String, byte[]> record, String incident, Tail previous, long sequence) {
        if (previous == null) {
            if (sequence == 1) {
                return Optional.empty();
            }
            return Optional.of(at(record, incident, Kind.FIRST_NOT_ONE, "the incident's first event on the log has sequence " + sequence
                    + ", expected 1: " + (sequence > 1 ? missing(1, sequence - 1) : "sequences start at 1")));
        }
        long expected = previous.sequence() + 1;
        String expectation = "expected sequence " + expected + " after " + previous.sequence() + ", found " + sequence;
        if (sequence == expected) {
            return Optional.empty();
        }
        if (sequence <= previous.sequence()) {
            return Optional.of(at(record, incident, Kind.SEQUENCE_REPEAT, expectation + (sequence == previous.sequence()
                    ? " again: this event repeats the one before it"
                    : ": sequence " + sequence + " is already on the log, the history goes back")));
        }
        return Optional.of(at(record, incident, Kind.SEQUENCE_GAP, expectation + ": " + missing(expected, sequence - 1)));
    }

    private static String missing(long from, long to) {
        return from == to ? "an event is missing before this one" : (to - from + 1) + " events (sequences " + from + " to " + to + ") are missing before this one";
    }

    private static Break at(ConsumerRecord<String, byte[]> record, String incident, Kind kind, String detail) {
        return new Break(record.topic(), record.partition(), record.offset(), incident, kind, detail);
    }

    private static String shown(byte[] hash) {
        if (hash.length <= SHOWN_HASH_BYTES) {
            return HEX.formatHex(hash);
        }
        return HEX.formatHex(hash, 0, SHOWN_HASH_BYTES) + "...";
    }

    /** The first broken link, or empty while every link checked holds. */
    public Optional<Break> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }

    /** Events checked whose links hold; the record of a break is not counted. */
    public long events() {
        return events;
    }

    /** Incidents with at least one event whose link holds. */
    public int incidents() {
        return tails.size();
    }
}
