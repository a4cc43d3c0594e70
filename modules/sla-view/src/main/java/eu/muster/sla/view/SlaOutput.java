package eu.muster.sla.view;

import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaView;

/** What the SLA processor emits: a new view of an incident, or an alert. */
sealed interface SlaOutput {

    /** The incident's view, for {@code view.sla}. */
    record View(SlaView view) implements SlaOutput {
    }

    /** A change worth paging for, for {@code alert.sla}. */
    record Alert(SlaAlert alert) implements SlaOutput {
    }
}
