package eu.muster.codec;

import eu.muster.contract.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The log of record's hash chain. Each recorded event's {@code hash} is
 * {@code SHA-256(previousHash || canonical bytes)}, where the canonical bytes are the Avro binary
 * encoding of the record under its writer schema with {@code hash} set to empty bytes. Because the
 * writer schema is named by fingerprint in every record, a verifier re-derives exactly the bytes
 * that were hashed, whichever contract version it runs.
 */
public final class HashChain {

    private static final int HASH_LENGTH = 32;

    private static final ByteBuffer EMPTY = ByteBuffer.wrap(new byte[0]);

    private HashChain() {
    }

    /** The previous hash of an incident's first event: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_LENGTH];
    }

    /**
     * The record with its hash filled in. {@code unsealed.previousHash} must already be set.
     *
     * @param unsealed a recorded event whose {@code hash} is ignored
     */
    public static RecordedEvent seal(RecordedEvent unsealed) {
        RecordedEvent sealed = RecordedEvent.newBuilder(unsealed).setHash(EMPTY).build();
        byte[] canonical = encode(sealed);
        sealed.setHash(ByteBuffer.wrap(sha256(bytes(sealed.getPreviousHash()), canonical)));
        return sealed;
    }

    /** Whether a decoded record's hash matches its content and its own previousHash, under the current schema. */
    public static boolean holds(RecordedEvent event) {
        return Arrays.equals(bytes(event.getHash()), bytes(seal(event).getHash()));
    }

    /**
     * Checks the raw bytes of one record of the log of record, as a verifier reads them from Kafka:
     * the hash is recomputed under the record's own writer schema.
     *
     * @param value         the record's value (Avro single-object encoding)
     * @param writerSchemas the writer schemas known, by fingerprint hex ({@link SingleObjectCodec#knownWriterSchemas()})
     * @return what the record claims and whether its hash holds
     * @throws EventDecodingException when the bytes cannot be read at all
     */
    public static Link verify(byte[] value, Map<String, Schema> writerSchemas) {
        if (value == null || value.length < SingleObjectCodec.HEADER_LENGTH) {
            throw new TruncatedEventException("a recorded event needs at least " + SingleObjectCodec.HEADER_LENGTH + " bytes", null);
        }
        if (value[0] != SingleObjectCodec.MARKER_0 || value[1] != SingleObjectCodec.MARKER_1) {
            throw new CorruptEventException("not Avro single-object encoding", null);
        }
        String fingerprint = SchemaFingerprint.hex(SchemaFingerprint.readLittleEndian(value, 2));
        Schema writer = writerSchemas.get(fingerprint);
        if (writer == null) {
            throw new UnknownSchemaException(fingerprint, RecordedEvent.getClassSchema().getFullName());
        }
        GenericRecord record;
        try {
            record = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(value, SingleObjectCodec.HEADER_LENGTH, value.length - SingleObjectCodec.HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new CorruptEventException("the recorded event does not decode under its writer schema " + fingerprint + ": " + e, e);
        }
        byte[] claimed = bytes((ByteBuffer) record.get("hash"));
        byte[] previous = bytes((ByteBuffer) record.get("previousHash"));
        GenericData.Record blanked = new GenericData.Record((GenericData.Record) record, true);
        blanked.put("hash", EMPTY);
        byte[] recomputed = sha256(previous, encodeGeneric(blanked, writer));
        return new Link(record.get("incidentId").toString(), (Long) record.get("sequence"), previous, claimed,
                Arrays.equals(claimed, recomputed));
    }

    /**
     * One link of the chain as read from the log.
     *
     * @param incidentId   the incident
     * @param sequence     the claimed sequence number
     * @param previousHash the claimed hash of the previous event
     * @param hash         the claimed hash of this event
     * @param holds        whether {@code hash} matches the record's content and {@code previousHash}
     */
    public record Link(String incidentId, long sequence, byte[] previousHash, byte[] hash, boolean holds) {
    }

    private static byte[] encode(RecordedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<RecordedEvent>(RecordedEvent.getClassSchema(), SpecificData.getForClass(RecordedEvent.class))
                    .write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to an in-memory buffer", e);
        } catch (RuntimeException e) {
            throw new EventEncodingException("cannot encode RecordedEvent for hashing: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static byte[] encodeGeneric(GenericRecord record, Schema writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to an in-memory buffer", e);
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] previous, byte[] canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            digest.update(canonical);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
