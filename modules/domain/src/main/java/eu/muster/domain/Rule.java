package eu.muster.domain;

import eu.muster.contract.RejectionReason;

/**
 * A rule of the incident lifecycle, as named in rejection records. The {@link #id()} is stable: it
 * is written into {@code incident.rejections} and {@code submission.outcomes} and read by
 * submitters and auditors, so renaming one is a contract change. Each rule refuses with exactly
 * one {@link RejectionReason}; several rules may share a reason where the reason is generic (for
 * example {@code ROLE_NOT_PERMITTED}). docs/lifecycle-rules.md lists every rule; a test holds it
 * to this enum.
 */
public enum Rule {

    // ------------------------------------------------------------ submission checks (no incident state)

    PRODUCER_MUST_BE_REGISTERED("producer-must-be-registered", RejectionReason.UNKNOWN_ORGANISATION,
            "The organisation that owns the submission topic must be in muster's organisation directory."),
    PRODUCER_IS_THE_TOPIC_OWNER("producer-is-the-topic-owner", RejectionReason.PRODUCER_MISMATCH,
            "The event's producer must be the organisation that owns the submission topic, with the id, role and member state"
                    + " the directory registers for it."),
    WELL_FORMED_SUBMISSION("well-formed-submission", RejectionReason.INVALID_FIELD,
            "Fields the schema cannot check must be well formed: canonical lower-case UUIDs, EU member-state codes, language codes,"
                    + " non-blank required text, a team of at least one, a location exactly for on-site deployments, a known payload type."),
    NO_EVENTS_FROM_THE_FUTURE("no-events-from-the-future", RejectionReason.FUTURE_TIMESTAMP,
            "occurredAt may lie at most the configured clock skew ahead of muster's clock. Late events are accepted."),

    // ------------------------------------------------------------ the incident as a whole

    REQUEST_COMES_FIRST("request-comes-first", RejectionReason.INCIDENT_NOT_REQUESTED,
            "Nothing happens to an incident before its RequestFiled."),
    WITHDRAWN_INCIDENT_IS_FINAL("withdrawn-incident-is-final", RejectionReason.INCIDENT_WITHDRAWN,
            "A withdrawn request takes no further event."),
    CLOSED_INCIDENT_TAKES_ONLY_REVIEW("closed-incident-takes-only-review", RejectionReason.INCIDENT_CLOSED,
            "A closed incident takes only ENISA's post-incident review."),

    // ------------------------------------------------------------ the request

    REQUEST_COMES_ONCE("request-comes-once", RejectionReason.DUPLICATE_REQUEST,
            "An incident has one RequestFiled."),
    REQUEST_BY_NATIONAL_AUTHORITY("request-by-national-authority", RejectionReason.ROLE_NOT_PERMITTED,
            "Only an NCA or a NIS2 single point of contact files a request (CSA Art. 15)."),
    MEMBER_STATES_FILE_FOR_THEMSELVES("member-states-file-for-themselves", RejectionReason.NOT_OWN_MEMBER_STATE,
            "The requesting authority and member state named in the request are the producer and its own member state."),

    // ------------------------------------------------------------ the match

    MATCH_COMES_FROM_ENISA("match-comes-from-enisa", RejectionReason.ROLE_NOT_PERMITTED,
            "Only ENISA matches a provider to an incident."),
    MATCH_NEEDS_PASSED_CONFLICT_CHECK("match-needs-passed-conflict-check", RejectionReason.CONFLICT_CHECK_NOT_PASSED,
            "A match needs a PASSED conflict-of-interest check."),
    MATCH_COMES_ONCE("match-comes-once", RejectionReason.ALREADY_MATCHED,
            "An incident is matched to one provider, once."),

    // ------------------------------------------------------------ deployments

    DEPLOYMENT_NEEDS_MATCH("deployment-needs-match", RejectionReason.NOT_MATCHED,
            "A deployment starts only after a provider has been matched."),
    DEPLOYMENT_BY_MATCHED_MSSP("deployment-by-matched-mssp", RejectionReason.NOT_MATCHED_MSSP,
            "Only the matched MSSP starts and ends deployments, and only its own (producer and msspId are the matched MSSP)."),
    DEPLOYMENT_IDS_ARE_UNIQUE("deployment-ids-are-unique", RejectionReason.DUPLICATE_DEPLOYMENT,
            "A deploymentId is used once within an incident, even after that deployment ended."),
    ONLY_RUNNING_DEPLOYMENTS_END("only-running-deployments-end", RejectionReason.UNKNOWN_DEPLOYMENT,
            "A DeploymentEnded names a deployment that started and has not ended."),

    // ------------------------------------------------------------ phases

    PHASE_NEEDS_MATCH("phase-needs-match", RejectionReason.NOT_MATCHED,
            "The engagement, and with it its phases, begins with the match."),
    PHASE_SET_BY_MSSP_ENISA_OR_REQUESTER("phase-set-by-mssp-enisa-or-requester", RejectionReason.ROLE_NOT_PERMITTED,
            "Only the matched MSSP, ENISA or the requesting authority changes the phase."),
    PHASES_MOVE_FORWARD("phases-move-forward", RejectionReason.PHASE_NOT_FORWARD,
            "Phases move forward (INITIAL_RESPONSE, INVESTIGATION, CONTAINMENT_RECOVERY; skipping ahead is allowed);"
                    + " the one step back is CONTAINMENT_RECOVERY to INVESTIGATION."),

    // ------------------------------------------------------------ participants

    JOINING_BY_SELF_ENISA_OR_REQUESTER("joining-by-self-enisa-or-requester", RejectionReason.ROLE_NOT_PERMITTED,
            "An organisation joins by itself, or is joined by ENISA or the requesting authority."),
    PARTICIPANTS_JOIN_ONCE("participants-join-once", RejectionReason.ALREADY_PARTICIPANT,
            "An organisation already taking part does not join again; the requesting authority, and after the match the matched"
                    + " MSSP and ENISA, take part without joining."),

    // ------------------------------------------------------------ situation reports

    REPORTS_BY_PARTICIPANTS("reports-by-participants", RejectionReason.NOT_A_PARTICIPANT,
            "Only participants report the situation."),
    REPORT_IDS_ARE_UNIQUE("report-ids-are-unique", RejectionReason.DUPLICATE_REPORT,
            "A reportId is used once within an incident."),
    ACKNOWLEDGEMENTS_BY_PARTICIPANTS("acknowledgements-by-participants", RejectionReason.NOT_A_PARTICIPANT,
            "Only participants acknowledge situation reports."),
    ACKNOWLEDGE_KNOWN_REPORTS("acknowledge-known-reports", RejectionReason.UNKNOWN_REPORT,
            "An acknowledgement names a situation report of this incident."),

    // ------------------------------------------------------------ mutual assistance

    MUTUAL_ASSISTANCE_BETWEEN_AUTHORITIES("mutual-assistance-between-authorities", RejectionReason.ROLE_NOT_PERMITTED,
            "Mutual assistance is requested, offered, decided and reported fulfilled by member-state authorities"
                    + " (NCA, single point of contact, CSIRT), not by providers, affected entities or EU bodies."),
    ASSISTANCE_REQUESTED_BY_REQUESTING_MEMBER_STATE("assistance-requested-by-requesting-member-state", RejectionReason.NOT_OWN_MEMBER_STATE,
            "Mutual assistance is requested by the member state that requested the Reserve's support."),
    ASSISTANCE_REQUESTED_BY_PARTICIPANT("assistance-requested-by-participant", RejectionReason.NOT_A_PARTICIPANT,
            "Mutual assistance is requested by a participant of the incident."),
    ASSISTANCE_REQUEST_IDS_ARE_UNIQUE("assistance-request-ids-are-unique", RejectionReason.DUPLICATE_ASSISTANCE_REQUEST,
            "An assistanceRequestId is used once within an incident."),
    OFFERS_ANSWER_KNOWN_REQUESTS("offers-answer-known-requests", RejectionReason.UNKNOWN_ASSISTANCE_REQUEST,
            "An offer answers a mutual-assistance request of this incident."),
    MEMBER_STATES_OFFER_FOR_THEMSELVES("member-states-offer-for-themselves", RejectionReason.NOT_OWN_MEMBER_STATE,
            "The offering member state is the producer's own member state."),
    OFFERS_FROM_ASKED_MEMBER_STATES("offers-from-asked-member-states", RejectionReason.NOT_ASKED,
            "A member state offers only if it was asked (an empty requestedFrom asks all); the requesting member state does not"
                    + " offer to itself."),
    OFFER_IDS_ARE_UNIQUE("offer-ids-are-unique", RejectionReason.DUPLICATE_OFFER,
            "An offerId is used once within an incident."),
    OFFER_MUST_EXIST("offer-must-exist", RejectionReason.UNKNOWN_OFFER,
            "A decision or fulfilment names an offer made in this incident."),
    OFFERS_DECIDED_BY_REQUESTING_MEMBER_STATE("offers-decided-by-requesting-member-state", RejectionReason.NOT_OWN_MEMBER_STATE,
            "Only the requesting member state accepts or declines offers."),
    OFFERS_DECIDED_ONCE("offers-decided-once", RejectionReason.OFFER_ALREADY_DECIDED,
            "An offer is accepted or declined once."),
    ONLY_ACCEPTED_OFFERS_FULFILLED("only-accepted-offers-fulfilled", RejectionReason.OFFER_NOT_ACCEPTED,
            "Only an accepted offer is fulfilled."),
    FULFILMENT_BY_OFFERING_MEMBER_STATE("fulfilment-by-offering-member-state", RejectionReason.NOT_OWN_MEMBER_STATE,
            "Only the offering member state reports its offer fulfilled."),

    // ------------------------------------------------------------ classification, withdrawal, closure, review

    RECLASSIFIED_BY_ENISA_OR_REQUESTER("reclassified-by-enisa-or-requester", RejectionReason.ROLE_NOT_PERMITTED,
            "Only ENISA or the requesting authority reclassifies the incident."),
    RECLASSIFICATION_CHANGES_CLASS("reclassification-changes-class", RejectionReason.CLASSIFICATION_UNCHANGED,
            "A reclassification names a classification other than the current one."),
    WITHDRAWN_BY_REQUESTING_AUTHORITY("withdrawn-by-requesting-authority", RejectionReason.NOT_OWN_MEMBER_STATE,
            "Only the requesting authority withdraws its request."),
    CLOSED_BY_ENISA_OR_REQUESTER("closed-by-enisa-or-requester", RejectionReason.ROLE_NOT_PERMITTED,
            "Only ENISA or the requesting authority closes the incident."),
    REVIEW_AFTER_CLOSURE("review-after-closure", RejectionReason.INCIDENT_NOT_CLOSED,
            "The post-incident review comes after the incident is closed."),
    REVIEW_BY_ENISA("review-by-enisa", RejectionReason.ROLE_NOT_PERMITTED,
            "Only ENISA files the post-incident review (CSA Art. 21)."),
    REVIEW_COMES_ONCE("review-comes-once", RejectionReason.REVIEW_ALREADY_FILED,
            "An incident has one post-incident review.");

    private final String id;
    private final RejectionReason reason;
    private final String description;

    Rule(String id, RejectionReason reason, String description) {
        this.id = id;
        this.reason = reason;
        this.description = description;
    }

    /** The stable kebab-case id written into rejection records, e.g. {@code "request-comes-first"}. */
    public String id() {
        return id;
    }

    /** What the rule requires, in one or two sentences for a person. */
    public String description() {
        return description;
    }

    /** The reason code this rule refuses with. */
    RejectionReason reason() {
        return reason;
    }

    /** A refusal under this rule, with what was wrong in the words of a duty officer. */
    Decision.Rejected refuse(String message) {
        return new Decision.Rejected(reason, this, message);
    }
}
