package eu.muster.loadgen;

import eu.muster.contract.RejectionReason;

/**
 * The kinds of invalid submission the generator makes, each the kind of mistake a real producer
 * makes, with the rejection the log of record gives it: the reason code and the id of the rule that
 * refuses it (docs/lifecycle-rules.md). A test feeds every generated submission through the real
 * rules and holds each kind to its reason and rule.
 *
 * <p>None depends on the log's wall clock, so none is {@code FUTURE_TIMESTAMP}: that outcome would
 * depend on when the benchmark submits, not on what it submits.
 */
public enum InvalidKind {

    // ------------------------------------------------------------ on an incident no one requested (a fresh incidentId)

    /** A CSIRT or provider asks for the Reserve's support itself, instead of its NCA. */
    REQUEST_BY_NON_AUTHORITY(RejectionReason.ROLE_NOT_PERMITTED, "request-by-national-authority"),
    /** An NCA files a request naming another member state as the requesting one. */
    REQUEST_FOR_ANOTHER_MEMBER_STATE(RejectionReason.NOT_OWN_MEMBER_STATE, "member-states-file-for-themselves"),
    /** A request naming Greece "EL", the EU's abbreviation, instead of ISO's "GR". */
    MALFORMED_MEMBER_STATE(RejectionReason.INVALID_FIELD, "well-formed-submission"),
    /** A request sent on another organisation's submission topic, under the NCA's name. */
    PRODUCER_ON_FOREIGN_TOPIC(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner"),
    /** ENISA matches a provider to an incident no request opened. */
    EVENT_BEFORE_REQUEST(RejectionReason.INCIDENT_NOT_REQUESTED, "request-comes-first"),

    // ------------------------------------------------------------ on an open incident

    /** The requesting authority files its request a second time. */
    DUPLICATE_REQUEST(RejectionReason.DUPLICATE_REQUEST, "request-comes-once"),
    /** A provider records its own match. */
    MATCH_BY_NON_ENISA(RejectionReason.ROLE_NOT_PERMITTED, "match-comes-from-enisa"),
    /** ENISA records a match whose conflict-of-interest check failed. */
    MATCH_WITH_FAILED_CHECK(RejectionReason.CONFLICT_CHECK_NOT_PASSED, "match-needs-passed-conflict-check"),
    /** ENISA matches a second provider to a matched incident. */
    SECOND_MATCH(RejectionReason.ALREADY_MATCHED, "match-comes-once"),
    /** A provider starts a deployment before ENISA matched anyone. */
    DEPLOYMENT_BEFORE_MATCH(RejectionReason.NOT_MATCHED, "deployment-needs-match"),
    /** A provider other than the matched one starts a deployment. */
    DEPLOYMENT_BY_OTHER_MSSP(RejectionReason.NOT_MATCHED_MSSP, "deployment-by-matched-mssp"),
    /** The matched provider ends a deployment that is not running (already ended, or never started). */
    END_OF_UNKNOWN_DEPLOYMENT(RejectionReason.UNKNOWN_DEPLOYMENT, "only-running-deployments-end"),
    /** The matched provider starts a deployment under an id it already used. */
    DUPLICATE_DEPLOYMENT_ID(RejectionReason.DUPLICATE_DEPLOYMENT, "deployment-ids-are-unique"),
    /** The requesting authority moves the phase on before the match started the engagement. */
    PHASE_BEFORE_MATCH(RejectionReason.NOT_MATCHED, "phase-needs-match"),
    /** An organisation other than the matched provider, ENISA or the requester changes the phase. */
    PHASE_BY_OUTSIDER(RejectionReason.ROLE_NOT_PERMITTED, "phase-set-by-mssp-enisa-or-requester"),
    /** The matched provider sets the current phase again, or steps back other than the one allowed step. */
    PHASE_NOT_FORWARD(RejectionReason.PHASE_NOT_FORWARD, "phases-move-forward"),
    /** A provider joins another organisation to the incident. */
    JOIN_BY_THIRD_PARTY(RejectionReason.ROLE_NOT_PERMITTED, "joining-by-self-enisa-or-requester"),
    /** The requesting authority joins its own incident. */
    ALREADY_PARTICIPANT(RejectionReason.ALREADY_PARTICIPANT, "participants-join-once"),
    /** An organisation that has not joined files a situation report. */
    REPORT_BY_NON_PARTICIPANT(RejectionReason.NOT_A_PARTICIPANT, "reports-by-participants"),
    /** An organisation that has not joined acknowledges a situation report. */
    ACKNOWLEDGEMENT_BY_NON_PARTICIPANT(RejectionReason.NOT_A_PARTICIPANT, "acknowledgements-by-participants"),
    /** A participant acknowledges a report that has not been filed (yet). */
    ACKNOWLEDGEMENT_OF_UNKNOWN_REPORT(RejectionReason.UNKNOWN_REPORT, "acknowledge-known-reports"),
    /** A participant files a report under an id already used. */
    DUPLICATE_REPORT_ID(RejectionReason.DUPLICATE_REPORT, "report-ids-are-unique"),
    /** A provider asks member states for mutual assistance. */
    MUTUAL_ASSISTANCE_BY_PROVIDER(RejectionReason.ROLE_NOT_PERMITTED, "mutual-assistance-between-authorities"),
    /** An authority of another member state asks for mutual assistance in the incident. */
    ASSISTANCE_FROM_OTHER_MEMBER_STATE(RejectionReason.NOT_OWN_MEMBER_STATE, "assistance-requested-by-requesting-member-state"),
    /** An authority offers assistance against a request that was never made. */
    OFFER_TO_UNKNOWN_REQUEST(RejectionReason.UNKNOWN_ASSISTANCE_REQUEST, "offers-answer-known-requests"),
    /** The requesting member state offers assistance to itself. */
    OFFER_NOT_ASKED(RejectionReason.NOT_ASKED, "offers-from-asked-member-states"),
    /** The requesting authority decides on an offer that was never made. */
    DECISION_ON_UNKNOWN_OFFER(RejectionReason.UNKNOWN_OFFER, "offer-must-exist"),
    /** The requesting authority decides on an offer a second time. */
    OFFER_DECIDED_TWICE(RejectionReason.OFFER_ALREADY_DECIDED, "offers-decided-once"),
    /** The offering member state reports an offer fulfilled that was not accepted. */
    FULFILMENT_OF_UNACCEPTED_OFFER(RejectionReason.OFFER_NOT_ACCEPTED, "only-accepted-offers-fulfilled"),
    /** The requesting authority "reclassifies" to the classification the incident has. */
    RECLASSIFICATION_UNCHANGED(RejectionReason.CLASSIFICATION_UNCHANGED, "reclassification-changes-class"),
    /** A provider reclassifies the incident. */
    RECLASSIFICATION_BY_PROVIDER(RejectionReason.ROLE_NOT_PERMITTED, "reclassified-by-enisa-or-requester"),
    /** ENISA withdraws the member state's request. */
    WITHDRAWAL_BY_OTHER(RejectionReason.NOT_OWN_MEMBER_STATE, "withdrawn-by-requesting-authority"),
    /** A provider closes the incident. */
    CLOSURE_BY_PROVIDER(RejectionReason.ROLE_NOT_PERMITTED, "closed-by-enisa-or-requester"),
    /** ENISA files its post-incident review while the incident is still open. */
    REVIEW_BEFORE_CLOSURE(RejectionReason.INCIDENT_NOT_CLOSED, "review-after-closure"),

    // ------------------------------------------------------------ on a closed or withdrawn incident

    /** A participant files a situation report after the closure. */
    EVENT_AFTER_CLOSURE(RejectionReason.INCIDENT_CLOSED, "closed-incident-takes-only-review"),
    /** The requesting authority files the post-incident review instead of ENISA. */
    REVIEW_BY_NON_ENISA(RejectionReason.ROLE_NOT_PERMITTED, "review-by-enisa"),
    /** ENISA files its post-incident review a second time. */
    SECOND_REVIEW(RejectionReason.REVIEW_ALREADY_FILED, "review-comes-once"),
    /** The requesting authority closes an incident whose request it withdrew. */
    EVENT_AFTER_WITHDRAWAL(RejectionReason.INCIDENT_WITHDRAWN, "withdrawn-incident-is-final");

    private final RejectionReason reason;
    private final String rule;

    InvalidKind(RejectionReason reason, String rule) {
        this.reason = reason;
        this.rule = rule;
    }

    /** The reason code the log of record gives a submission of this kind. */
    public RejectionReason reason() {
        return reason;
    }

    /** The id of the rule that refuses it, as the rejection record names it (e.g. {@code match-comes-from-enisa}). */
    public String rule() {
        return rule;
    }
}
