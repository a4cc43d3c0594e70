package eu.muster.sla.view;

import eu.muster.contract.SlaBreach;

/**
 * Keys of the breach indexes. Organisation ids and member-state codes hold no '/', so a prefix
 * scan on {@code "<msspId>/"} or {@code "<memberState>/"} finds exactly one provider's or one
 * member state's entries.
 */
final class BreachKeys {

    static final String SEPARATOR = "/";

    private BreachKeys() {
    }

    /** Open breaches: {@code incidentId/KIND/cycle}. */
    static String clock(SlaBreach breach) {
        return breach.getIncidentId() + SEPARATOR + breach.getClock().getKind() + SEPARATOR + breach.getClock().getCycle();
    }

    /** Breaches per provider and per member state: {@code owner/incidentId/KIND/cycle}. */
    static String owned(String owner, SlaBreach breach) {
        return owner + SEPARATOR + clock(breach);
    }

    /** The prefix of one owner's entries. */
    static String prefix(String owner) {
        if (owner.contains(SEPARATOR)) {
            throw new IllegalArgumentException("'" + owner + "' is not an organisation id or member-state code");
        }
        return owner + SEPARATOR;
    }
}
