package eu.muster.codec;

/** Bytes that cannot be read as a contract record. The subclass says why. */
public abstract sealed class EventDecodingException extends RuntimeException
        permits CorruptEventException, UnknownSchemaException, TruncatedEventException {

    private static final long serialVersionUID = 1L;

    EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
