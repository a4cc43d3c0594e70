package eu.muster.domain;

import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentEnded;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.MutualAssistanceFulfilled;
import eu.muster.contract.MutualAssistanceOfferDecided;
import eu.muster.contract.MutualAssistanceOffered;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import java.util.Objects;
import java.util.Set;

/**
 * The lifecycle rules: whether a submission becomes fact for its incident, given what the incident
 * has accepted so far. Pure: the decision depends on the state and the event only, never on a
 * clock, so replaying the log of record decides the same way.
 *
 * <p>The submission must have passed {@link SubmissionCheck}: {@code event.producer} is taken as
 * verified, and fields are taken as well formed. Checks run in this order, the first failing one
 * decides: a payload type the rules know; a request before anything else; nothing after a
 * withdrawal; only the review after closure; then the payload's own rules, in the order of
 * docs/lifecycle-rules.md. Time plays no part here: a late event (older than events already
 * accepted) is judged like any other.
 */
public final class LifecycleRules {

    private static final Set<OrganisationRole> NATIONAL_AUTHORITIES = Set.of(OrganisationRole.NCA, OrganisationRole.SINGLE_POINT_OF_CONTACT);
    private static final Set<OrganisationRole> MEMBER_STATE_AUTHORITIES =
            Set.of(OrganisationRole.NCA, OrganisationRole.SINGLE_POINT_OF_CONTACT, OrganisationRole.CSIRT);

    private LifecycleRules() {
    }

    /**
     * Decides whether {@code event} becomes fact for its incident.
     *
     * @param state the incident's state, {@link IncidentState#none()} if nothing was accepted for it yet
     * @param event a submission that passed {@link SubmissionCheck}
     * @return {@link Decision.Accepted}, or the {@link Decision.Rejected} of the first rule it breaks
     */
    public static Decision decide(IncidentState state, IncidentEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        Object payload = event.getPayload();
        Organisation producer = event.getProducer();
        // An unknown payload is refused before anything else, so that no rule judges what it cannot read.
        if (!Payloads.isKnown(payload)) {
            return Rule.WELL_FORMED_SUBMISSION.refuse(Payloads.unknown(payload));
        }
        if (!state.requested() && !(payload instanceof RequestFiled)) {
            return Rule.REQUEST_COMES_FIRST.refuse(Payloads.name(payload) + " by " + producer.getId() + " refused: incident "
                    + event.getIncidentId() + " has no request yet; a RequestFiled must come first");
        }
        if (state.withdrawn()) {
            return Rule.WITHDRAWN_INCIDENT_IS_FINAL.refuse(Payloads.name(payload) + " by " + producer.getId() + " refused: "
                    + state.requestingAuthority() + " withdrew the request; a withdrawn incident takes no further events");
        }
        if (state.closed() && !(payload instanceof PostIncidentReviewFiled)) {
            return Rule.CLOSED_INCIDENT_TAKES_ONLY_REVIEW.refuse(Payloads.name(payload) + " by " + producer.getId()
                    + " refused: the incident is closed; only ENISA's post-incident review may follow");
        }
        if (payload instanceof RequestFiled p) {
            return requestFiled(state, producer, p);
        } else if (payload instanceof MsspMatched p) {
            return msspMatched(state, producer, p);
        } else if (payload instanceof DeploymentStarted p) {
            return deploymentStarted(state, producer, p);
        } else if (payload instanceof DeploymentEnded p) {
            return deploymentEnded(state, producer, p);
        } else if (payload instanceof PhaseChanged p) {
            return phaseChanged(state, producer, p);
        } else if (payload instanceof ParticipantJoined p) {
            return participantJoined(state, producer, p);
        } else if (payload instanceof SituationReported p) {
            return situationReported(state, producer, p);
        } else if (payload instanceof SituationReportAcknowledged p) {
            return situationReportAcknowledged(state, producer, p);
        } else if (payload instanceof MutualAssistanceRequested p) {
            return mutualAssistanceRequested(state, producer, p);
        } else if (payload instanceof MutualAssistanceOffered p) {
            return mutualAssistanceOffered(state, producer, p);
        } else if (payload instanceof MutualAssistanceOfferDecided p) {
            return mutualAssistanceOfferDecided(state, producer, p);
        } else if (payload instanceof MutualAssistanceFulfilled p) {
            return mutualAssistanceFulfilled(state, producer, p);
        } else if (payload instanceof IncidentReclassified p) {
            return incidentReclassified(state, producer, p);
        } else if (payload instanceof RequestWithdrawn) {
            return requestWithdrawn(state, producer);
        } else if (payload instanceof IncidentClosed) {
            return incidentClosed(state, producer);
        } else if (payload instanceof PostIncidentReviewFiled) {
            return postIncidentReviewFiled(state, producer);
        }
        // Unreachable while Payloads.KNOWN and this chain agree (a test holds both to the contract); refuse rather than accept unjudged.
        return Rule.WELL_FORMED_SUBMISSION.refuse(Payloads.unknown(payload));
    }

    private static Decision requestFiled(IncidentState state, Organisation producer, RequestFiled request) {
        if (state.requested()) {
            return Rule.REQUEST_COMES_ONCE.refuse("request by " + producer.getId() + " refused: " + state.requestingAuthority()
                    + " (" + state.requestingMemberState() + ") already filed the request for this incident");
        }
        if (!NATIONAL_AUTHORITIES.contains(producer.getRole())) {
            return Rule.REQUEST_BY_NATIONAL_AUTHORITY.refuse("request by " + producer.getId() + " refused: its role is " + producer.getRole()
                    + "; only an NCA or a single point of contact requests the Reserve's support (CSA Art. 15)");
        }
        if (!Objects.equals(request.getRequestingMemberState(), producer.getMemberState())) {
            return Rule.MEMBER_STATES_FILE_FOR_THEMSELVES.refuse("request by " + producer.getId() + " refused: it names "
                    + request.getRequestingMemberState() + " as the requesting member state, but " + producer.getId() + " is from "
                    + producer.getMemberState() + "; a member state files only for itself");
        }
        if (!producer.getId().equals(request.getRequestingAuthority())) {
            return Rule.MEMBER_STATES_FILE_FOR_THEMSELVES.refuse("request by " + producer.getId() + " refused: it names "
                    + request.getRequestingAuthority() + " as the requesting authority; an authority files only in its own name");
        }
        return Decision.accept();
    }

    private static Decision msspMatched(IncidentState state, Organisation producer, MsspMatched match) {
        if (producer.getRole() != OrganisationRole.ENISA) {
            return Rule.MATCH_COMES_FROM_ENISA.refuse("match of " + match.getMsspId() + " by " + producer.getId()
                    + " refused: only ENISA matches a provider, and " + producer.getId() + " is " + producer.getRole());
        }
        ConflictOfInterestResult result = match.getConflictOfInterestCheck().getResult();
        if (result != ConflictOfInterestResult.PASSED) {
            return Rule.MATCH_NEEDS_PASSED_CONFLICT_CHECK.refuse("match of " + match.getMsspId() + " refused: its conflict-of-interest check by "
                    + match.getConflictOfInterestCheck().getCheckedBy() + " is " + result + ", a match needs PASSED");
        }
        if (state.matched()) {
            return Rule.MATCH_COMES_ONCE.refuse("match of " + match.getMsspId() + " refused: the incident is already matched to "
                    + state.matchedMssp());
        }
        return Decision.accept();
    }

    private static Decision deploymentStarted(IncidentState state, Organisation producer, DeploymentStarted deployment) {
        if (!state.matched()) {
            return Rule.DEPLOYMENT_NEEDS_MATCH.refuse("deployment " + deployment.getDeploymentId() + " by " + producer.getId()
                    + " refused: no provider has been matched to the incident yet");
        }
        if (!producer.getId().equals(state.matchedMssp()) || !deployment.getMsspId().equals(state.matchedMssp())) {
            String who = producer.getId().equals(deployment.getMsspId())
                    ? producer.getId()
                    : producer.getId() + " for " + deployment.getMsspId();
            return Rule.DEPLOYMENT_BY_MATCHED_MSSP.refuse("deployment " + deployment.getDeploymentId() + " by " + who
                    + " refused: the incident's matched MSSP is " + state.matchedMssp());
        }
        if (state.deploymentKnown(deployment.getDeploymentId())) {
            return Rule.DEPLOYMENT_IDS_ARE_UNIQUE.refuse("deployment " + deployment.getDeploymentId() + " refused: the id was already used"
                    + " for a deployment of this incident" + (state.endedDeployments().contains(deployment.getDeploymentId())
                    ? ", which has ended; start a new deployment under a new id" : ", which is still running"));
        }
        return Decision.accept();
    }

    private static Decision deploymentEnded(IncidentState state, Organisation producer, DeploymentEnded ended) {
        if (!state.runningDeployments().contains(ended.getDeploymentId())) {
            return Rule.ONLY_RUNNING_DEPLOYMENTS_END.refuse("end of deployment " + ended.getDeploymentId() + " refused: "
                    + (state.endedDeployments().contains(ended.getDeploymentId())
                    ? "that deployment has already ended"
                    : "no deployment with that id started in this incident"));
        }
        if (!producer.getId().equals(state.matchedMssp())) {
            return Rule.DEPLOYMENT_BY_MATCHED_MSSP.refuse("end of deployment " + ended.getDeploymentId() + " by " + producer.getId()
                    + " refused: the deployment is the matched MSSP's, " + state.matchedMssp());
        }
        return Decision.accept();
    }

    private static Decision phaseChanged(IncidentState state, Organisation producer, PhaseChanged change) {
        if (!state.matched()) {
            return Rule.PHASE_NEEDS_MATCH.refuse("phase change to " + change.getPhase() + " by " + producer.getId()
                    + " refused: the engagement starts with the match, and no provider has been matched yet");
        }
        if (!producer.getId().equals(state.matchedMssp()) && producer.getRole() != OrganisationRole.ENISA
                && !producer.getId().equals(state.requestingAuthority())) {
            return Rule.PHASE_SET_BY_MSSP_ENISA_OR_REQUESTER.refuse("phase change to " + change.getPhase() + " by " + producer.getId()
                    + " refused: only the matched MSSP " + state.matchedMssp() + ", ENISA or the requesting authority "
                    + state.requestingAuthority() + " changes the phase");
        }
        Phase from = state.phase();
        Phase to = change.getPhase();
        boolean forward = to.ordinal() > from.ordinal();
        // The one documented step back: containment uncovers what needs investigating again (e.g. a reinfection).
        boolean documentedStepBack = from == Phase.CONTAINMENT_RECOVERY && to == Phase.INVESTIGATION;
        if (!forward && !documentedStepBack) {
            return Rule.PHASES_MOVE_FORWARD.refuse("phase change by " + producer.getId() + " refused: the engagement is in " + from
                    + (to == from ? " already" : " and cannot go back to " + to)
                    + "; phases move forward, and the only step back is from CONTAINMENT_RECOVERY to INVESTIGATION");
        }
        return Decision.accept();
    }

    private static Decision participantJoined(IncidentState state, Organisation producer, ParticipantJoined joined) {
        Organisation joining = joined.getParticipant();
        if (producer.getRole() != OrganisationRole.ENISA && !producer.getId().equals(state.requestingAuthority())
                && !producer.getId().equals(joining.getId())) {
            return Rule.JOINING_BY_SELF_ENISA_OR_REQUESTER.refuse("joining of " + joining.getId() + " by " + producer.getId()
                    + " refused: an organisation joins by itself, or is joined by ENISA or the requesting authority "
                    + state.requestingAuthority());
        }
        if (state.takesPart(joining)) {
            return Rule.PARTICIPANTS_JOIN_ONCE.refuse("joining of " + joining.getId() + " refused: " + joining.getId()
                    + " already takes part in the incident" + implicitly(state, joining));
        }
        return Decision.accept();
    }

    private static String implicitly(IncidentState state, Organisation organisation) {
        if (organisation.getId().equals(state.requestingAuthority())) {
            return " as its requesting authority";
        }
        if (state.participants().containsKey(organisation.getId())) {
            return " as " + state.participants().get(organisation.getId()).role();
        }
        return organisation.getId().equals(state.matchedMssp()) ? " as its matched MSSP" : " as ENISA, since the match";
    }

    private static Decision situationReported(IncidentState state, Organisation producer, SituationReported report) {
        if (!state.takesPart(producer)) {
            return Rule.REPORTS_BY_PARTICIPANTS.refuse("situation report " + report.getReportId() + " by " + producer.getId()
                    + " refused: " + producer.getId() + " does not take part in the incident; it must join first");
        }
        if (state.reportIds().contains(report.getReportId())) {
            return Rule.REPORT_IDS_ARE_UNIQUE.refuse("situation report " + report.getReportId() + " by " + producer.getId()
                    + " refused: a report with that id was already filed in this incident");
        }
        return Decision.accept();
    }

    private static Decision situationReportAcknowledged(IncidentState state, Organisation producer, SituationReportAcknowledged ack) {
        if (!state.takesPart(producer)) {
            return Rule.ACKNOWLEDGEMENTS_BY_PARTICIPANTS.refuse("acknowledgement of situation report " + ack.getReportId() + " by "
                    + producer.getId() + " refused: " + producer.getId() + " does not take part in the incident; it must join first");
        }
        if (!state.reportIds().contains(ack.getReportId())) {
            return Rule.ACKNOWLEDGE_KNOWN_REPORTS.refuse("acknowledgement by " + producer.getId() + " refused: no situation report "
                    + ack.getReportId() + " was filed in this incident");
        }
        return Decision.accept();
    }

    private static Decision mutualAssistanceRequested(IncidentState state, Organisation producer, MutualAssistanceRequested request) {
        String what = "mutual-assistance request " + request.getAssistanceRequestId() + " by " + producer.getId();
        if (!MEMBER_STATE_AUTHORITIES.contains(producer.getRole())) {
            return notAnAuthority(what, producer);
        }
        if (!state.requestingMemberState().equals(producer.getMemberState())) {
            return Rule.ASSISTANCE_REQUESTED_BY_REQUESTING_MEMBER_STATE.refuse(what + " refused: " + producer.getId() + " is from "
                    + producer.getMemberState() + ", and only the requesting member state " + state.requestingMemberState()
                    + " asks for mutual assistance in this incident");
        }
        if (!state.takesPart(producer)) {
            return Rule.ASSISTANCE_REQUESTED_BY_PARTICIPANT.refuse(what + " refused: " + producer.getId()
                    + " does not take part in the incident; it must join first");
        }
        if (state.assistanceRequests().containsKey(request.getAssistanceRequestId())) {
            return Rule.ASSISTANCE_REQUEST_IDS_ARE_UNIQUE.refuse(what + " refused: a mutual-assistance request with that id was already"
                    + " made in this incident");
        }
        return Decision.accept();
    }

    private static Decision mutualAssistanceOffered(IncidentState state, Organisation producer, MutualAssistanceOffered offer) {
        String what = "offer " + offer.getOfferId() + " by " + producer.getId();
        IncidentState.AssistanceRequest request = state.assistanceRequests().get(offer.getAssistanceRequestId());
        if (request == null) {
            return Rule.OFFERS_ANSWER_KNOWN_REQUESTS.refuse(what + " refused: no mutual-assistance request "
                    + offer.getAssistanceRequestId() + " was made in this incident");
        }
        if (!MEMBER_STATE_AUTHORITIES.contains(producer.getRole())) {
            return notAnAuthority(what, producer);
        }
        if (!offer.getOfferingMemberState().equals(producer.getMemberState())) {
            return Rule.MEMBER_STATES_OFFER_FOR_THEMSELVES.refuse(what + " refused: it offers on behalf of "
                    + offer.getOfferingMemberState() + ", but " + producer.getId() + " is from " + producer.getMemberState());
        }
        if (offer.getOfferingMemberState().equals(state.requestingMemberState())) {
            return Rule.OFFERS_FROM_ASKED_MEMBER_STATES.refuse(what + " refused: " + offer.getOfferingMemberState()
                    + " is the requesting member state and does not offer assistance to itself");
        }
        if (!request.requestedFrom().isEmpty() && !request.requestedFrom().contains(offer.getOfferingMemberState())) {
            return Rule.OFFERS_FROM_ASKED_MEMBER_STATES.refuse(what + " refused: request " + offer.getAssistanceRequestId()
                    + " asked " + String.join(", ", request.requestedFrom()) + ", not " + offer.getOfferingMemberState());
        }
        if (state.offers().containsKey(offer.getOfferId())) {
            return Rule.OFFER_IDS_ARE_UNIQUE.refuse(what + " refused: an offer with that id was already made in this incident");
        }
        return Decision.accept();
    }

    private static Decision mutualAssistanceOfferDecided(IncidentState state, Organisation producer, MutualAssistanceOfferDecided decided) {
        String what = "decision on offer " + decided.getOfferId() + " by " + producer.getId();
        IncidentState.Offer offer = state.offers().get(decided.getOfferId());
        if (offer == null) {
            return Rule.OFFER_MUST_EXIST.refuse(what + " refused: no offer " + decided.getOfferId() + " was made in this incident");
        }
        if (!MEMBER_STATE_AUTHORITIES.contains(producer.getRole())) {
            return notAnAuthority(what, producer);
        }
        if (!state.requestingMemberState().equals(producer.getMemberState())) {
            return Rule.OFFERS_DECIDED_BY_REQUESTING_MEMBER_STATE.refuse(what + " refused: " + producer.getId() + " is from "
                    + producer.getMemberState() + ", and only the requesting member state " + state.requestingMemberState()
                    + " accepts or declines offers");
        }
        if (offer.decision() != null) {
            return Rule.OFFERS_DECIDED_ONCE.refuse(what + " refused: the offer was already " + offer.decision());
        }
        return Decision.accept();
    }

    private static Decision mutualAssistanceFulfilled(IncidentState state, Organisation producer, MutualAssistanceFulfilled fulfilled) {
        String what = "fulfilment of offer " + fulfilled.getOfferId() + " by " + producer.getId();
        IncidentState.Offer offer = state.offers().get(fulfilled.getOfferId());
        if (offer == null) {
            return Rule.OFFER_MUST_EXIST.refuse(what + " refused: no offer " + fulfilled.getOfferId() + " was made in this incident");
        }
        if (offer.decision() != OfferDecision.ACCEPTED) {
            return Rule.ONLY_ACCEPTED_OFFERS_FULFILLED.refuse(what + " refused: the offer "
                    + (offer.decision() == null ? "has not been accepted yet" : "was " + offer.decision()));
        }
        if (!MEMBER_STATE_AUTHORITIES.contains(producer.getRole())) {
            return notAnAuthority(what, producer);
        }
        if (!offer.offeringMemberState().equals(producer.getMemberState())) {
            return Rule.FULFILMENT_BY_OFFERING_MEMBER_STATE.refuse(what + " refused: the offer is " + offer.offeringMemberState()
                    + "'s, and " + producer.getId() + " is from " + producer.getMemberState());
        }
        return Decision.accept();
    }

    private static Decision.Rejected notAnAuthority(String what, Organisation producer) {
        return Rule.MUTUAL_ASSISTANCE_BETWEEN_AUTHORITIES.refuse(what + " refused: " + producer.getId() + " is " + producer.getRole()
                + "; mutual assistance is between member-state authorities (NCA, single point of contact, CSIRT)");
    }

    private static Decision incidentReclassified(IncidentState state, Organisation producer, IncidentReclassified change) {
        if (producer.getRole() != OrganisationRole.ENISA && !producer.getId().equals(state.requestingAuthority())) {
            return Rule.RECLASSIFIED_BY_ENISA_OR_REQUESTER.refuse("reclassification by " + producer.getId()
                    + " refused: only ENISA or the requesting authority " + state.requestingAuthority() + " reclassifies the incident");
        }
        if (change.getClassification() == state.classification()) {
            return Rule.RECLASSIFICATION_CHANGES_CLASS.refuse("reclassification by " + producer.getId() + " refused: the incident is "
                    + state.classification() + " already");
        }
        return Decision.accept();
    }

    private static Decision requestWithdrawn(IncidentState state, Organisation producer) {
        if (!producer.getId().equals(state.requestingAuthority())) {
            return Rule.WITHDRAWN_BY_REQUESTING_AUTHORITY.refuse("withdrawal by " + producer.getId() + " refused: only the requesting"
                    + " authority " + state.requestingAuthority() + " (" + state.requestingMemberState() + ") withdraws its request");
        }
        return Decision.accept();
    }

    private static Decision incidentClosed(IncidentState state, Organisation producer) {
        if (producer.getRole() != OrganisationRole.ENISA && !producer.getId().equals(state.requestingAuthority())) {
            return Rule.CLOSED_BY_ENISA_OR_REQUESTER.refuse("closure by " + producer.getId() + " refused: only ENISA or the requesting"
                    + " authority " + state.requestingAuthority() + " closes the incident");
        }
        return Decision.accept();
    }

    private static Decision postIncidentReviewFiled(IncidentState state, Organisation producer) {
        if (!state.closed()) {
            return Rule.REVIEW_AFTER_CLOSURE.refuse("post-incident review by " + producer.getId()
                    + " refused: the incident is not closed yet; the review follows the closure");
        }
        if (producer.getRole() != OrganisationRole.ENISA) {
            return Rule.REVIEW_BY_ENISA.refuse("post-incident review by " + producer.getId() + " refused: " + producer.getId() + " is "
                    + producer.getRole() + "; only ENISA files the review (CSA Art. 21)");
        }
        if (state.reviewFiled()) {
            return Rule.REVIEW_COMES_ONCE.refuse("post-incident review by " + producer.getId()
                    + " refused: the incident's review was already filed");
        }
        return Decision.accept();
    }
}
