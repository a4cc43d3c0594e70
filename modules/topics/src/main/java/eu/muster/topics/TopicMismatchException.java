package eu.muster.topics;

import java.util.List;

/** Existing topics have settings muster cannot run with; the message names each topic and setting. */
public final class TopicMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<TopicMismatch> mismatches;

    public TopicMismatchException(List<TopicMismatch> mismatches) {
        super("existing topics are incompatible with muster; fix or remove them, or point muster at another cluster:\n"
                + TopicProvisioner.describe(mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    /** What differs. */
    public List<TopicMismatch> mismatches() {
        return mismatches;
    }
}
