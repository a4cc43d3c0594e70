package eu.muster.codec;

import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The 8-byte CRC-64-AVRO fingerprint of a schema's parsing canonical form, as Avro's single-object
 * encoding carries it: little-endian, right after the two marker bytes. Its hex form, in header byte
 * order, keys the schema topic, so a consumer in any language can look a record's schema up by
 * hex-encoding bytes 2 to 9 of the record.
 */
public final class SchemaFingerprint {

    private static final HexFormat HEX = HexFormat.of();

    private SchemaFingerprint() {
    }

    /** The fingerprint as a number. */
    public static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint in header byte order, hex-encoded: the schema topic's key. */
    public static String hex(Schema schema) {
        return hex(of(schema));
    }

    /** {@code fingerprint} in header byte order, hex-encoded. */
    public static String hex(long fingerprint) {
        return HEX.formatHex(littleEndian(fingerprint));
    }

    static byte[] littleEndian(long fingerprint) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (fingerprint >>> (8 * i));
        }
        return bytes;
    }

    static long readLittleEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }
}
