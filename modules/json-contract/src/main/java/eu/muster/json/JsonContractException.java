package eu.muster.json;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON document does not match the contract's JSON form. Checked, because bad input is an
 * expected outcome for every caller (the gateway answers 400, the CLI prints the list), not a bug.
 *
 * <p>It carries every violation found in the document, in the order the reader met them, up to
 * {@value #MAX_VIOLATIONS}; past that the reader only counts, so that a hostile document cannot
 * make the list (or the error response built from it) arbitrarily large.
 *
 * <p>{@link #getMessage()} lists every kept violation, one per line, as {@code path: expected X,
 * got Y} ({@code (document)} stands for the empty path), and ends with a line saying how many more
 * were found but not listed, if any.
 */
public final class JsonContractException extends Exception {

    /** The most violations one exception lists. */
    public static final int MAX_VIOLATIONS = 50;

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * An exception for the given violations.
     *
     * @param violations at least one; only the first {@value #MAX_VIOLATIONS} are kept
     */
    public JsonContractException(List<Violation> violations) {
        this(violations, violations.size());
    }

    JsonContractException(List<Violation> violations, int total) {
        super(message(violations, total));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a JsonContractException needs at least one violation");
        }
        this.violations = List.copyOf(violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS)));
    }

    /** The violations, at most {@value #MAX_VIOLATIONS}, in the order they were found. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations, int total) {
        List<Violation> listed = violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS));
        String lines = listed.stream()
                .map(v -> (v.path().isEmpty() ? "(document)" : v.path()) + ": expected " + v.expected() + ", got " + v.actual())
                .collect(Collectors.joining("\n"));
        int unlisted = total - listed.size();
        return unlisted > 0 ? lines + "\n... and " + unlisted + " more violation(s) not listed" : lines;
    }
}
