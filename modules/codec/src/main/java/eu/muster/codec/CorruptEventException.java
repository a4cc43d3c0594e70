package eu.muster.codec;

/** The bytes are not a well-formed record: a wrong header, a malformed body, or bytes left over after the record. */
public final class CorruptEventException extends EventDecodingException {

    private static final long serialVersionUID = 1L;

    CorruptEventException(String message, Throwable cause) {
        super("corrupt record: " + message, cause);
    }
}
