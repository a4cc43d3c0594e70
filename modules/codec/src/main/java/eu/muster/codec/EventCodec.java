package eu.muster.codec;

/**
 * Turns records of one contract type into bytes and back. Implementations are thread-safe.
 * Muster's default is {@link SingleObjectCodec}; a site that runs a schema registry can plug in
 * a codec for the Confluent wire format instead.
 *
 * @param <T> the contract type
 */
public interface EventCodec<T> {

    /**
     * Encodes one record.
     *
     * @throws EventEncodingException when the record does not satisfy its schema (a required field is null, say)
     */
    byte[] encode(T record);

    /**
     * Decodes one record written with any schema this codec knows.
     *
     * @throws EventDecodingException, specifically {@link CorruptEventException}, {@link UnknownSchemaException}
     *                                 or {@link TruncatedEventException}, saying why the bytes cannot be read
     */
    T decode(byte[] bytes);
}
