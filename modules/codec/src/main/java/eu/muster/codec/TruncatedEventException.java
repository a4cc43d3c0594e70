package eu.muster.codec;

/** The bytes end before the record does. */
public final class TruncatedEventException extends EventDecodingException {

    private static final long serialVersionUID = 1L;

    TruncatedEventException(String message, Throwable cause) {
        super("truncated record: " + message, cause);
    }
}
