package eu.muster.client;

import java.util.UUID;
import java.util.regex.Pattern;

/** Event and incident ids as the contract spells them: UUIDs in canonical lower-case text. */
final class Identifiers {

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Identifiers() {
    }

    /** A new random (version 4) UUID in lower case. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Returns {@code value} when it is a canonical lower-case UUID.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    static String requireCanonicalUuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a UUID in lower-case canonical form "
                    + "(8-4-4-4-12 hex digits, e.g. " + "3f1c9a4e-8d2b-4c51-9e0a-6b7d2f4c1a88), got '" + value + "'");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is not null.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    static <T> T requirePresent(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }
}
