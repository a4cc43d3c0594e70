package eu.muster.coordination.view;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.ReviewView;

/** What the incident processor emits: an incident's views, or its entry in a cross-incident view. */
sealed interface CoordinationOutput {

    /** The incident's coordination status, for {@code view.coordination}. */
    record Coordination(CoordinationView view) implements CoordinationOutput {
    }

    /** The incident's review, for {@code view.review}. */
    record Review(ReviewView view) implements CoordinationOutput {
    }

    /** The incident's entry in a cross-incident view, keyed by its group. */
    record Entry(Grouping grouping, GroupEntry entry) implements CoordinationOutput {
    }
}
