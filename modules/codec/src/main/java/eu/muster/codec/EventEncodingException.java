package eu.muster.codec;

/** A record that does not satisfy its own schema and so cannot be written. */
public final class EventEncodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EventEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
