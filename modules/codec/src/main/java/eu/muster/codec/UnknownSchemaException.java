package eu.muster.codec;

/** The record names a writer schema, by fingerprint, that is neither current nor in any released version of the contract. */
public final class UnknownSchemaException extends EventDecodingException {

    private static final long serialVersionUID = 1L;

    private final String fingerprint;

    UnknownSchemaException(String fingerprint, String readerName) {
        super("unknown writer schema: fingerprint " + fingerprint + " is not a released or current version of " + readerName
                + " (look it up on the schema topic; a newer producer may have released a contract this reader lacks)", null);
        this.fingerprint = fingerprint;
    }

    /** The writer schema's fingerprint as hex, in the byte order of the record header. */
    public String fingerprint() {
        return fingerprint;
    }
}
