package eu.muster.sla;

/** Where a clock stands at an instant. */
public enum ClockState {
    /** Started, within the first part of its window. */
    RUNNING,
    /** Started, past the policy's share of its window, not yet due. */
    AT_RISK,
    /** Past its deadline and not fulfilled. */
    BREACHED,
    /** Fulfilled by its deadline. */
    MET,
    /** Fulfilled after its deadline; the reading says by how much. */
    MET_LATE,
    /** Stopped without fulfilment, because the request was withdrawn or the incident closed. */
    STOPPED
}
