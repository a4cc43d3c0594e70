package eu.muster.pki;

import java.util.Objects;

/** A bearer token that does not authenticate anybody, with the reason why. Its message is safe to show the caller. */
public final class InvalidTokenException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        /** Not three base64url parts of JSON objects, or a claim of the wrong form. */
        MALFORMED,
        /** Signed with anything but HS256, including "none". */
        UNSUPPORTED_ALGORITHM,
        /** The signature is not the one the secret makes: tampered with, or signed with another secret. */
        BAD_SIGNATURE,
        /** The clock is at or past its {@code exp}. */
        EXPIRED,
        /** Issued ({@code iat}) or valid from ({@code nbf}) further in the future than the allowed clock skew. */
        NOT_YET_VALID,
        /** No {@code sub}, or one that is not an organisation id. */
        MISSING_SUBJECT
    }

    private final Reason reason;

    /** A refusal for {@code reason}, explained by {@code message}. */
    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
