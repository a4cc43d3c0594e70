package eu.muster.codec;

import eu.muster.contract.ContractSchemas;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.ReleasedSchema;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's single-object encoding: marker {@code C3 01}, the writer schema's 8-byte fingerprint
 * (little-endian), then the Avro binary body. Every record names its writer schema, so history
 * stays readable without a registry: the decoder resolves each released writer schema by
 * fingerprint to the current generated class.
 *
 * @param <T> the generated contract class
 */
public final class SingleObjectCodec<T extends SpecificRecord> implements EventCodec<T> {

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    private final Schema readerSchema;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final Map<Long, SpecificDatumReader<T>> readersByFingerprint;

    private SingleObjectCodec(Class<T> type, Schema readerSchema, Collection<Schema> writerSchemas) {
        ContractTrust.trustContractClasses();
        SpecificData model = SpecificData.getForClass(type);
        this.readerSchema = readerSchema;
        this.header = header(readerSchema);
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
        Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
        for (Schema writerSchema : writerSchemas) {
            readers.putIfAbsent(SchemaFingerprint.of(writerSchema), new SpecificDatumReader<>(writerSchema, readerSchema, model));
        }
        this.readersByFingerprint = Map.copyOf(readers);
    }

    /** A codec for the envelope, reading every released version of it. */
    public static SingleObjectCodec<IncidentEvent> forIncidentEvents() {
        return of(IncidentEvent.class, IncidentEvent.getClassSchema());
    }

    /**
     * A codec for {@code type}, writing its current schema and reading the current and every released
     * version of it found in the contract.
     */
    public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type, Schema currentSchema) {
        List<Schema> released = ContractSchemas.released().stream()
                .map(ReleasedSchema::schema)
                .filter(s -> s.getFullName().equals(currentSchema.getFullName()))
                .toList();
        return new SingleObjectCodec<>(type, currentSchema, Stream.concat(Stream.of(currentSchema), released.stream()).toList());
    }

    /** A codec reading only the writer schemas given, for tools and tests. */
    public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type, Schema currentSchema, Collection<Schema> writerSchemas) {
        return new SingleObjectCodec<>(type, currentSchema, Stream.concat(Stream.of(currentSchema), writerSchemas.stream()).toList());
    }

    /** The writer schemas this codec can read, by fingerprint hex, in no particular order. */
    public Map<String, Schema> knownWriterSchemas() {
        Map<String, Schema> known = new LinkedHashMap<>();
        readersByFingerprint.forEach((fingerprint, reader) -> known.put(SchemaFingerprint.hex(fingerprint), reader.getSchema()));
        return known;
    }

    @Override
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (NullPointerException | ClassCastException | AvroRuntimeException e) {
            // Avro signals a record that breaks its own schema (a null required field, say) with these.
            throw new EventEncodingException("cannot encode " + readerSchema.getName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to an in-memory buffer", e);
        }
        return out.toByteArray();
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new TruncatedEventException("no bytes at all", null);
        }
        if (bytes[0] != MARKER_0 || (bytes.length > 1 && bytes[1] != MARKER_1)) {
            throw new CorruptEventException("not Avro single-object encoding: expected marker C3 01, found "
                    + String.format("%02X %s", bytes[0], bytes.length > 1 ? String.format("%02X", bytes[1]) : "(end)"), null);
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new TruncatedEventException("the " + bytes.length + " bytes end inside the " + HEADER_LENGTH + "-byte header", null);
        }
        long fingerprint = SchemaFingerprint.readLittleEndian(bytes, 2);
        SpecificDatumReader<T> reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw new UnknownSchemaException(SchemaFingerprint.hex(fingerprint), readerSchema.getFullName());
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw truncated(bytes, e);
        } catch (SecurityException e) {
            throw e; // Avro's class trust is set up wrongly: a defect here, not a fault in the data
        } catch (IOException | RuntimeException e) {
            // A length or index that points past the end means the bytes stop early, not that they are garbled.
            if (exhausted(decoder)) {
                throw truncated(bytes, e);
            }
            throw new CorruptEventException("the body of " + bytes.length + " bytes does not decode as " + reader.getSchema().getName()
                    + " (writer fingerprint " + SchemaFingerprint.hex(fingerprint) + "): " + e, e);
        }
        int left = remaining(decoder);
        if (left > 0) {
            throw new CorruptEventException(left + " bytes are left over after a complete " + reader.getSchema().getName(), null);
        }
        return record;
    }

    private static TruncatedEventException truncated(byte[] bytes, Exception cause) {
        return new TruncatedEventException("the " + bytes.length + " bytes end inside the record body", cause);
    }

    private static boolean exhausted(BinaryDecoder decoder) {
        try {
            return decoder.isEnd();
        } catch (IOException e) {
            return true;
        }
    }

    private static int remaining(BinaryDecoder decoder) {
        try {
            return decoder.isEnd() ? 0 : decoder.inputStream().available();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect an in-memory buffer", e);
        }
    }

    private static byte[] header(Schema schema) {
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        System.arraycopy(SchemaFingerprint.littleEndian(SchemaFingerprint.of(schema)), 0, header, 2, 8);
        return header;
    }
}
