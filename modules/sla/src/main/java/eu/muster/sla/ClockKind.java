package eu.muster.sla;

/** The SLA clocks muster keeps per incident; docs/sla.md says what starts and stops each. */
public enum ClockKind {
    /** From the request to ENISA's match of a provider. */
    REQUEST_TO_MATCH,
    /** From the match to the start of remote support. */
    MATCH_TO_REMOTE_SUPPORT,
    /** From the match to the start of an on-site deployment, when on-site support was asked for. */
    MATCH_TO_ON_SITE,
    /** The initial-response budget, from the start of the engagement (the match) until the engagement moves on. */
    PHASE_INITIAL_RESPONSE,
    /** The investigation budget, from the start of the engagement until containment and recovery begins. */
    PHASE_INVESTIGATION,
    /** The containment-and-recovery budget, from the start of the engagement until closure. */
    PHASE_CONTAINMENT_RECOVERY,
    /** From closure to the post-incident review. */
    CLOSURE_TO_REVIEW,
    /** The interval between situation reports while the incident is active; one cycle per report. */
    SITUATION_REPORT_CADENCE
}
