package eu.muster.codec;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private final SingleObjectCodec<RecordedEvent> codec = SingleObjectCodec.of(RecordedEvent.class, RecordedEvent.getClassSchema());

    @Test
    void aSealedChainHoldsLinkByLinkAndEachLinkPointsAtTheOneBefore() {
        List<RecordedEvent> chain = chain(SampleEvents.everyPayloadType().subList(0, 3));

        assertThat(chain).allSatisfy(e -> assertThat(HashChain.holds(e)).isTrue());
        assertThat(bytes(chain.get(0).getPreviousHash())).isEqualTo(HashChain.genesis());
        assertThat(bytes(chain.get(1).getPreviousHash())).isEqualTo(bytes(chain.get(0).getHash()));
        assertThat(bytes(chain.get(2).getPreviousHash())).isEqualTo(bytes(chain.get(1).getHash()));
        assertThat(bytes(chain.get(0).getHash())).hasSize(32).isNotEqualTo(bytes(chain.get(1).getHash()));
    }

    @Test
    void theRawBytesOnTheLogVerifyUnderTheirWriterSchema() {
        RecordedEvent sealed = chain(SampleEvents.everyPayloadType().subList(0, 1)).get(0);

        HashChain.Link link = HashChain.verify(codec.encode(sealed), codec.knownWriterSchemas());

        assertThat(link.holds()).isTrue();
        assertThat(link.incidentId()).isEqualTo(SampleEvents.INCIDENT_ID);
        assertThat(link.sequence()).isEqualTo(1);
        assertThat(link.hash()).isEqualTo(bytes(sealed.getHash()));
    }

    @Test
    void changingTheContentOrThePreviousHashBreaksTheLink() {
        RecordedEvent sealed = chain(SampleEvents.everyPayloadType().subList(0, 1)).get(0);
        RecordedEvent alteredContent = RecordedEvent.newBuilder(sealed).setSubmissionOffset(sealed.getSubmissionOffset() + 1).build();
        byte[] otherPrevious = HashChain.genesis();
        otherPrevious[0] = 1;
        RecordedEvent alteredPrevious = RecordedEvent.newBuilder(sealed).setPreviousHash(ByteBuffer.wrap(otherPrevious)).build();

        assertThat(HashChain.holds(alteredContent)).isFalse();
        assertThat(HashChain.holds(alteredPrevious)).isFalse();
        assertThat(HashChain.verify(codec.encode(alteredContent), codec.knownWriterSchemas()).holds()).isFalse();
    }

    @Test
    void oneFlippedByteInTheEventBodyIsCaught() {
        RecordedEvent sealed = chain(SampleEvents.everyPayloadType().subList(0, 1)).get(0);
        byte[] bytes = codec.encode(sealed);
        String title = "Ransomware at regional hospitals";
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(title);
        bytes[at] = (byte) 'r';

        assertThat(HashChain.verify(bytes, codec.knownWriterSchemas()).holds()).isFalse();
    }

    private static List<RecordedEvent> chain(List<IncidentEvent> events) {
        java.util.ArrayList<RecordedEvent> chain = new java.util.ArrayList<>();
        byte[] previous = HashChain.genesis();
        long sequence = 1;
        for (IncidentEvent event : events) {
            RecordedEvent sealed = HashChain.seal(RecordedEvent.newBuilder()
                    .setIncidentId(event.getIncidentId()).setSequence(sequence++)
                    .setRecordedAt(Instant.parse("2026-03-02T09:00:00Z"))
                    .setSubmissionTopic("submissions.de-bsi").setSubmissionPartition(0).setSubmissionOffset(41 + sequence)
                    .setEvent(event).setPreviousHash(ByteBuffer.wrap(previous)).setHash(ByteBuffer.allocate(0)).build());
            chain.add(sealed);
            previous = bytes(sealed.getHash());
        }
        return chain;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
