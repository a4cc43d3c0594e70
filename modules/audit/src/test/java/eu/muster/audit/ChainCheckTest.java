package eu.muster.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.codec.HashChain;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static final String TOPIC = Topics.INCIDENT_EVENTS;
    private static final Topics TOPICS = new Topics(new TopicSettings(1, (short) 1, 1));
    private static final Map<String, Schema> WRITERS = TOPICS.contractSchemas();
    private static final String A = "a-" + UUID.nameUUIDFromBytes("a".getBytes(StandardCharsets.UTF_8));
    private static final String B = "b-" + UUID.nameUUIDFromBytes("b".getBytes(StandardCharsets.UTF_8));

    @Test
    void anUntouchedChainHoldsAndIsCounted() {
        ChainCheck check = run(log(chain(A, 5)));

        assertThat(check.firstBreak()).isEmpty();
        assertThat(check.events()).isEqualTo(5);
        assertThat(check.incidents()).isEqualTo(1);
    }

    @Test
    void twoInterleavedIncidentsOnOnePartitionAreEachChainedOnTheirOwn() {
        List<byte[]> a = chain(A, 4);
        List<byte[]> b = chain(B, 3);
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            log.add(record(0, log.size(), A, a.get(i)));
            if (i < 3) {
                log.add(record(0, log.size(), B, b.get(i)));
            }
        }

        ChainCheck check = run(log);

        assertThat(check.firstBreak()).isEmpty();
        assertThat(check.events()).isEqualTo(7);
        assertThat(check.incidents()).isEqualTo(2);
    }

    @Test
    void incidentsOnDifferentPartitionsAreFine() {
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        List<byte[]> a = chain(A, 3);
        List<byte[]> b = chain(B, 2);
        for (int i = 0; i < a.size(); i++) {
            log.add(record(0, 10 + i, A, a.get(i)));
        }
        for (int i = 0; i < b.size(); i++) {
            log.add(record(1, 20 + i, B, b.get(i)));
        }

        assertThat(run(log).firstBreak()).isEmpty();
    }

    @Test
    void oneAlteredByteInTheContentIsAHashMismatchAtExactlyThatRecord() {
        List<byte[]> a = chain(A, 5);
        byte[] third = a.get(2);
        int at = new String(third, StandardCharsets.ISO_8859_1).indexOf("dep-remote-1"); // the deployment id of the third sample event
        assertThat(at).isPositive();
        third[at] ^= 0x20; // 'd' becomes 'D': still a valid string, so the record decodes and only the hash tells

        ChainCheck check = run(log(a));

        ChainCheck.Break broken = check.firstBreak().orElseThrow();
        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.HASH_MISMATCH);
        assertThat(broken.offset()).isEqualTo(2);
        assertThat(broken.partition()).isZero();
        assertThat(broken.incidentId()).isEqualTo(A);
        assertThat(broken.detail()).contains("altered");
        assertThat(check.events()).as("the two links before it").isEqualTo(2);
    }

    @Test
    void anAlteredByteInThePreviousHashIsAHashMismatchToo() {
        List<byte[]> a = chain(A, 3);
        byte[] second = a.get(1);
        second[second.length - 40] ^= 0x01; // hash is the last 32 bytes after a one-byte length; previousHash the 32 before that

        ChainCheck.Break broken = run(log(a)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.HASH_MISMATCH);
        assertThat(broken.offset()).isEqualTo(1);
    }

    @Test
    void bytesThatDoNotDecodeAreUndecodableWithTheDecodersMessage() {
        List<byte[]> a = chain(A, 3);
        a.get(1)[3] ^= 0x55; // the writer schema's fingerprint: no schema of the contract has the altered one

        ChainCheck.Break broken = run(log(a)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.UNDECODABLE);
        assertThat(broken.offset()).isEqualTo(1);
        assertThat(broken.incidentId()).isNull();
        assertThat(broken.detail()).contains("unknown writer schema").contains("key " + A);
    }

    @Test
    void aTruncatedValueIsUndecodable() {
        List<byte[]> a = chain(A, 2);
        a.set(1, new byte[] {(byte) 0xC3});

        ChainCheck.Break broken = run(log(a)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.UNDECODABLE);
        assertThat(broken.detail()).contains("at least");
    }

    @Test
    void aRemovedEventIsASequenceGapAtTheIncidentsNextEvent() {
        List<byte[]> a = chain(A, 5);
        List<byte[]> b = chain(B, 3);
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        log.add(record(0, 0, A, a.get(0)));
        log.add(record(0, 1, A, a.get(1)));
        // a.get(2), sequence 3, was removed
        log.add(record(0, 2, B, b.get(0)));
        log.add(record(0, 3, A, a.get(3)));
        log.add(record(0, 4, A, a.get(4)));

        ChainCheck check = run(log);

        ChainCheck.Break broken = check.firstBreak().orElseThrow();
        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.SEQUENCE_GAP);
        assertThat(broken.offset()).isEqualTo(3);
        assertThat(broken.incidentId()).isEqualTo(A);
        assertThat(broken.detail()).isEqualTo("expected sequence 3 after 2, found 4: an event is missing before this one");
        assertThat(check.events()).isEqualTo(3);
        assertThat(check.incidents()).isEqualTo(2);
    }

    @Test
    void severalRemovedEventsAreCounted() {
        List<byte[]> a = chain(A, 6);

        ChainCheck.Break broken = run(log(List.of(a.get(0), a.get(4)))).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.SEQUENCE_GAP);
        assertThat(broken.detail()).contains("3 events (sequences 2 to 4) are missing");
    }

    @Test
    void aRemovedFirstEventShowsAtTheSecond() {
        List<byte[]> a = chain(A, 3);

        ChainCheck.Break broken = run(log(a.subList(1, 3))).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.FIRST_NOT_ONE);
        assertThat(broken.offset()).isZero();
        assertThat(broken.detail()).contains("sequence 2, expected 1");
    }

    @Test
    void aRepeatedEventIsASequenceRepeat() {
        List<byte[]> a = chain(A, 4);

        ChainCheck.Break repeated = run(log(List.of(a.get(0), a.get(1), a.get(1), a.get(2)))).firstBreak().orElseThrow();
        ChainCheck.Break back = run(log(List.of(a.get(0), a.get(1), a.get(2), a.get(0)))).firstBreak().orElseThrow();

        assertThat(repeated.kind()).isEqualTo(ChainCheck.Kind.SEQUENCE_REPEAT);
        assertThat(repeated.offset()).isEqualTo(2);
        assertThat(repeated.detail()).contains("found 2 again");
        assertThat(back.kind()).isEqualTo(ChainCheck.Kind.SEQUENCE_REPEAT);
        assertThat(back.offset()).isEqualTo(3);
        assertThat(back.detail()).contains("sequence 1 is already on the log");
    }

    @Test
    void aWrongKeyIsAKeyMismatch() {
        List<byte[]> a = chain(A, 3);
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>(log(a));
        log.set(1, record(0, 1, B, a.get(1)));

        ChainCheck.Break broken = run(log).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.KEY_MISMATCH);
        assertThat(broken.offset()).isEqualTo(1);
        assertThat(broken.incidentId()).isEqualTo(A);
        assertThat(broken.detail()).contains("'" + B + "'");
    }

    @Test
    void anIncidentSplitOverTwoPartitionsIsAPartitionMismatch() {
        List<byte[]> a = chain(A, 3);

        ChainCheck.Break broken = run(List.of(record(0, 0, A, a.get(0)), record(1, 0, A, a.get(1)))).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.PARTITION_MISMATCH);
        assertThat(broken.partition()).isEqualTo(1);
    }

    @Test
    void anEventReplacedByAResealedForgeryShowsAtTheNextEventsPreviousHash() {
        ContractTrust.trustContractClasses();
        List<RecordedEvent> sealed = sealedChain(A, 3);
        RecordedEvent forged = HashChain.seal(RecordedEvent.newBuilder(sealed.get(1)).setSubmissionOffset(999).build());
        List<byte[]> log = new ArrayList<>(sealed.stream().map(ChainCheckTest::encode).toList());
        log.set(1, encode(forged));

        ChainCheck.Break broken = run(log(log)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.PREVIOUS_HASH_MISMATCH);
        assertThat(broken.offset()).isEqualTo(2);
        assertThat(broken.detail()).contains("sequence 2 before it has the hash");
    }

    @Test
    void aFirstEventNotPointingAtGenesisIsAPreviousHashMismatch() {
        ContractTrust.trustContractClasses();
        RecordedEvent first = sealedChain(A, 1).get(0);
        byte[] elsewhere = HashChain.genesis();
        elsewhere[31] = 7;
        RecordedEvent moved = HashChain.seal(RecordedEvent.newBuilder(first).setPreviousHash(ByteBuffer.wrap(elsewhere)).build());

        ChainCheck.Break broken = run(log(List.of(encode(moved)))).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainCheck.Kind.PREVIOUS_HASH_MISMATCH);
        assertThat(broken.detail()).contains("genesis");
    }

    @Test
    void nothingIsAcceptedAfterTheFirstBreak() {
        List<byte[]> a = chain(A, 4);
        List<byte[]> b = chain(B, 2);
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        log.add(record(0, 0, A, a.get(0)));
        log.add(record(0, 1, A, a.get(2)));
        log.add(record(0, 2, B, b.get(0)));
        log.add(record(0, 3, B, b.get(0)));

        ChainCheck check = run(log);

        assertThat(check.firstBreak().orElseThrow().offset()).isEqualTo(1);
        assertThat(check.events()).isEqualTo(1);
        assertThat(check.incidents()).isEqualTo(1);
    }

    private static ChainCheck run(List<ConsumerRecord<String, byte[]>> log) {
        ChainCheck check = new ChainCheck(WRITERS);
        log.forEach(check::accept);
        return check;
    }

    /** Incident A's values on partition 0 from offset 0, keyed A as the log of record keys them. */
    private static List<ConsumerRecord<String, byte[]>> log(List<byte[]> values) {
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        for (byte[] value : values) {
            log.add(record(0, log.size(), A, value));
        }
        return log;
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, key, value);
    }

    /** The encoded values of incident {@code id}'s first {@code n} sample events, sealed as the log of record does. */
    private static List<byte[]> chain(String id, int n) {
        return new ArrayList<>(sealedChain(id, n).stream().map(ChainCheckTest::encode).toList());
    }

    private static List<RecordedEvent> sealedChain(String id, int n) {
        ContractTrust.trustContractClasses();
        List<RecordedEvent> chain = new ArrayList<>();
        byte[] previous = HashChain.genesis();
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        for (int i = 0; i < n; i++) {
            IncidentEvent event = IncidentEvent.newBuilder(samples.get(i)).setIncidentId(id).build();
            RecordedEvent sealed = HashChain.seal(RecordedEvent.newBuilder()
                    .setIncidentId(id).setSequence(i + 1L)
                    .setRecordedAt(Instant.parse("2026-03-02T09:00:00Z").plusSeconds(i))
                    .setSubmissionTopic("submissions." + event.getProducer().getId()).setSubmissionPartition(0).setSubmissionOffset(40 + i)
                    .setEvent(event).setPreviousHash(ByteBuffer.wrap(previous)).setHash(ByteBuffer.allocate(0)).build());
            chain.add(sealed);
            previous = bytes(sealed.getHash());
        }
        return chain;
    }

    private static byte[] encode(RecordedEvent event) {
        return TOPICS.recordedEventSerde().serializer().serialize(TOPIC, event);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
