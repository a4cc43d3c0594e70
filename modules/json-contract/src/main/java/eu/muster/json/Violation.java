package eu.muster.json;

import java.util.Objects;

/**
 * One way a JSON document breaks the contract's JSON form.
 *
 * @param path where, as dotted field names and {@code [i]} array indexes from the document's root,
 *     e.g. {@code payload.affectedEntities[0].sector}, or {@code [1].eventId} inside a batch; the
 *     empty string is the document itself
 * @param expected what the contract asks for there, e.g. {@code "a UUID ..."} or {@code "one of ENERGY, TRANSPORT, ..."}
 * @param actual what was found, shortened to {@value #MAX_ACTUAL} characters: a string's text as
 *     it is, any other JSON value as JSON, or {@code "nothing (required field)"} for a missing field
 */
public record Violation(String path, String expected, String actual) {

    /** The longest {@link #actual()} kept; a longer one is cut and ends in {@code …}. */
    public static final int MAX_ACTUAL = 100;

    /** Checks that no component is null and shortens {@code actual}, so a huge value cannot blow up an error response. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        actual = shorten(Objects.requireNonNull(actual, "actual"));
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_ACTUAL) {
            return text;
        }
        int end = MAX_ACTUAL - 1;
        // Never split a surrogate pair: half a character would not survive UTF-8 encoding.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
