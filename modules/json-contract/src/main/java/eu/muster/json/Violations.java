package eu.muster.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations of one document as the reader finds them. Keeps the first
 * {@value JsonContractException#MAX_VIOLATIONS} and counts the rest, so reading a hostile
 * document costs no more memory than reading a good one. Not thread-safe: one per read.
 */
final class Violations {

    private final List<Violation> kept = new ArrayList<>();
    private int total;

    void add(String path, String expected, String actual) {
        total++;
        if (kept.size() < JsonContractException.MAX_VIOLATIONS) {
            kept.add(new Violation(path, expected, actual));
        }
    }

    boolean any() {
        return total > 0;
    }

    /** Throws when anything was found: the caller must never get a half-valid record. */
    void throwIfAny() throws JsonContractException {
        if (any()) {
            throw new JsonContractException(kept, total);
        }
    }

    /** The path of a member of the object at {@code path}. */
    static String member(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The path of an element of the array at {@code path}. */
    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
