package eu.muster.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    private final SingleObjectCodec<IncidentEvent> codec = SingleObjectCodec.forIncidentEvents();

    static Stream<Named<IncidentEvent>> everyPayloadType() {
        return SampleEvents.everyPayloadType().stream().map(e -> Named.of(e.getPayload().getClass().getSimpleName(), e));
    }

    @ParameterizedTest
    @MethodSource("everyPayloadType")
    void everyPayloadTypeSurvivesARoundTrip(IncidentEvent event) {
        IncidentEvent decoded = codec.decode(codec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.getPayload()).isInstanceOf(event.getPayload().getClass());
    }

    @Test
    void recordsCarryTheMarkerAndTheFingerprintOfTheirWriterSchema() {
        byte[] bytes = codec.encode(SampleEvents.everyPayloadType().get(0));

        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        assertThat(java.util.HexFormat.of().formatHex(bytes, 2, 10)).isEqualTo(SchemaFingerprint.hex(IncidentEvent.getClassSchema()));
    }

    @Test
    void avrosOwnSingleObjectDecoderReadsWhatWeWrite() throws IOException {
        IncidentEvent event = SampleEvents.everyPayloadType().get(1);
        BinaryMessageDecoder<IncidentEvent> avro = new BinaryMessageDecoder<>(SpecificData.getForClass(IncidentEvent.class),
                IncidentEvent.getClassSchema());

        assertThat(avro.decode(ByteBuffer.wrap(codec.encode(event)))).isEqualTo(event);
    }

    @Test
    void aRecordWrittenWithAnOlderWriterSchemaIsResolvedByItsFingerprint() throws IOException {
        Schema older = withoutLastFieldOf(IncidentEvent.getClassSchema(), "RequestFiled", "awareAt");
        IncidentEvent event = SampleEvents.everyPayloadType().get(0);
        byte[] bytes = writeWith(older, event);

        IncidentEvent decoded = SingleObjectCodec.of(IncidentEvent.class, IncidentEvent.getClassSchema(), List.of(older)).decode(bytes);

        assertThat(((RequestFiled) decoded.getPayload()).getAwareAt()).as("field unknown to the older writer takes its default").isNull();
        assertThat(decoded.getEventId()).isEqualTo(event.getEventId());
        assertThat(((RequestFiled) decoded.getPayload()).getTitle()).isEqualTo(((RequestFiled) event.getPayload()).getTitle());
    }

    @Test
    void anUnknownFingerprintIsReportedWithTheFingerprint() throws IOException {
        Schema older = withoutLastFieldOf(IncidentEvent.getClassSchema(), "RequestFiled", "awareAt");
        byte[] bytes = writeWith(older, SampleEvents.everyPayloadType().get(0));

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(UnknownSchemaException.class,
                        e -> assertThat(e.fingerprint()).isEqualTo(SchemaFingerprint.hex(older)))
                .hasMessageContaining("unknown writer schema")
                .hasMessageContaining(SchemaFingerprint.hex(older));
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreCorrupt() {
        byte[] json = "{\"eventId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(CorruptEventException.class)
                .hasMessageContaining("expected marker C3 01, found 7B 22");
    }

    @Test
    void aMalformedBodyIsCorrupt() {
        byte[] bytes = codec.encode(SampleEvents.everyPayloadType().get(0));
        bytes[SingleObjectCodec.HEADER_LENGTH] = 0x7F; // eventId's length becomes -64

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(CorruptEventException.class)
                .hasMessageContaining("does not decode as IncidentEvent");
    }

    @Test
    void bytesLeftOverAfterTheRecordAreCorrupt() {
        byte[] valid = codec.encode(SampleEvents.everyPayloadType().get(0));
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> codec.decode(longer))
                .isInstanceOf(CorruptEventException.class)
                .hasMessageContaining("3 bytes are left over");
    }

    @Test
    void everyStrictPrefixOfARecordIsTruncated() {
        for (IncidentEvent event : SampleEvents.everyPayloadType()) {
            byte[] valid = codec.encode(event);
            for (int length = 0; length < valid.length; length++) {
                byte[] prefix = Arrays.copyOf(valid, length);
                assertThatThrownBy(() -> codec.decode(prefix))
                        .as("%d of %d bytes of %s", length, valid.length, event.getPayload().getClass().getSimpleName())
                        .isInstanceOf(TruncatedEventException.class);
            }
        }
    }

    @Test
    void aRecordThatBreaksItsSchemaCannotBeEncodedAndTheErrorNamesTheField() {
        IncidentEvent incomplete = new IncidentEvent();

        assertThatThrownBy(() -> codec.encode(incomplete))
                .isInstanceOf(EventEncodingException.class)
                .hasMessageContaining("cannot encode IncidentEvent")
                .hasMessageContaining("eventId");
    }

    @Test
    void theSerdeKeepsTombstonesAndRoundTripsRecords() {
        EventSerde<IncidentEvent> serde = new EventSerde<>(codec);
        IncidentEvent event = SampleEvents.everyPayloadType().get(2);

        assertThat(serde.serializer().serialize("incident.events", null)).isNull();
        assertThat(serde.deserializer().deserialize("incident.events", null)).isNull();
        assertThat(serde.deserializer().deserialize("incident.events", serde.serializer().serialize("incident.events", event))).isEqualTo(event);
    }

    /** The schema with the last field of one record dropped: an older, still compatible version. */
    private static Schema withoutLastFieldOf(Schema schema, String record, String field) {
        String json = schema.toString();
        String definition = "\"name\":\"" + record + "\"";
        int start = json.indexOf(definition);
        int fieldAt = json.indexOf("{\"name\":\"" + field + "\"", start);
        int fieldEnd = json.indexOf("]}", fieldAt); // awareAt is the last field: its object ends where the field list does
        String changed = json.substring(0, fieldAt - 1) + json.substring(fieldEnd);
        return new Schema.Parser().parse(changed);
    }

    private static byte[] writeWith(Schema writerSchema, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        out.write(SchemaFingerprint.littleEndian(SchemaFingerprint.of(writerSchema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(writerSchema, SpecificData.getForClass(IncidentEvent.class)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
