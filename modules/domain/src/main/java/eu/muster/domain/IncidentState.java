package eu.muster.domain;

import eu.muster.contract.Classification;
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
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the lifecycle rules need to know about one incident: the fold of its accepted events, and
 * nothing more. Immutable; {@link #apply} returns the next state.
 *
 * <p>Built from strings, booleans, contract enums, collections and nested records only, so that the
 * processor keeps it in a state store as JSON with a plain Jackson {@code ObjectMapper}. Sets and
 * maps are held sorted, so equal states serialise to the same bytes whatever order events arrived
 * in; a missing (null) collection, as an older stored state may have, reads as empty.
 *
 * @param requestingAuthority   organisation id of the authority that filed the request; null until the request
 * @param requestingMemberState the requesting member state; null until the request
 * @param classification        the current classification; null until the request
 * @param matchedMssp           organisation id of the matched provider; null until the match
 * @param phase                 the engagement's current phase; null until the match, which starts INITIAL_RESPONSE
 * @param runningDeployments    ids of deployments started and not yet ended
 * @param endedDeployments      ids of deployments that ended; an id is in at most one of the two sets
 * @param participants          organisations that joined explicitly, by organisation id (the requesting authority, and
 *                              after the match the matched MSSP and ENISA, take part without being listed here)
 * @param reportIds             ids of the situation reports filed
 * @param assistanceRequests    mutual-assistance requests by assistanceRequestId
 * @param offers                mutual-assistance offers by offerId
 * @param withdrawn             whether the request was withdrawn
 * @param closed                whether the incident was closed
 * @param reviewFiled           whether ENISA filed its post-incident review
 */
public record IncidentState(
        String requestingAuthority,
        String requestingMemberState,
        Classification classification,
        String matchedMssp,
        Phase phase,
        Set<String> runningDeployments,
        Set<String> endedDeployments,
        Map<String, Participant> participants,
        Set<String> reportIds,
        Map<String, AssistanceRequest> assistanceRequests,
        Map<String, Offer> offers,
        boolean withdrawn,
        boolean closed,
        boolean reviewFiled) {

    /**
     * An organisation that joined the coordination of the incident.
     *
     * @param role        the role it plays in this incident
     * @param memberState its member state; null for EU bodies
     */
    public record Participant(ParticipantRole role, String memberState) {
    }

    /**
     * A mutual-assistance request of the requesting member state.
     *
     * @param requestedFrom the member states asked; empty means all
     */
    public record AssistanceRequest(List<String> requestedFrom) {

        /** Holds an unmodifiable copy; null (an older stored state) reads as empty. */
        public AssistanceRequest {
            requestedFrom = requestedFrom == null ? List.of() : List.copyOf(requestedFrom);
        }
    }

    /**
     * A mutual-assistance offer and what became of it.
     *
     * @param assistanceRequestId the request it answers
     * @param offeringMemberState the member state offering
     * @param decision            the requesting member state's decision; null while undecided
     * @param fulfilled           whether the offering member state reported it delivered
     */
    public record Offer(String assistanceRequestId, String offeringMemberState, OfferDecision decision, boolean fulfilled) {

        Offer decided(OfferDecision decision) {
            return new Offer(assistanceRequestId, offeringMemberState, decision, fulfilled);
        }

        Offer delivered() {
            return new Offer(assistanceRequestId, offeringMemberState, decision, true);
        }
    }

    /** Copies every collection into an unmodifiable sorted one, so the state is immutable and serialises deterministically. */
    public IncidentState {
        runningDeployments = sorted(runningDeployments);
        endedDeployments = sorted(endedDeployments);
        participants = sorted(participants);
        reportIds = sorted(reportIds);
        assistanceRequests = sorted(assistanceRequests);
        offers = sorted(offers);
    }

    /** The state of an incident for which no request has been filed yet. */
    public static IncidentState none() {
        return new IncidentState(null, null, null, null, null, Set.of(), Set.of(), Map.of(), Set.of(), Map.of(), Map.of(),
                false, false, false);
    }

    /**
     * Evolves the state with an event that {@link LifecycleRules#decide} accepted (or that the log of
     * record holds). It folds facts and judges nothing: an event refers only to things that exist,
     * because the rules saw to that when it was accepted.
     *
     * @param accepted an accepted event of this incident
     * @return the state after the event
     * @throws IllegalArgumentException if the payload is of a type the rules do not know, which
     *                                  {@link LifecycleRules#decide} never accepts; folding it
     *                                  silently would make the state disagree with the log
     */
    public IncidentState apply(IncidentEvent accepted) {
        Objects.requireNonNull(accepted, "accepted");
        Object payload = accepted.getPayload();
        Next next = new Next(this);
        if (payload instanceof RequestFiled p) {
            next.requestingAuthority = p.getRequestingAuthority();
            next.requestingMemberState = p.getRequestingMemberState();
            next.classification = p.getClassification();
        } else if (payload instanceof MsspMatched p) {
            next.matchedMssp = p.getMsspId();
            next.phase = Phase.INITIAL_RESPONSE;
        } else if (payload instanceof DeploymentStarted p) {
            next.runningDeployments.add(p.getDeploymentId());
        } else if (payload instanceof DeploymentEnded p) {
            next.runningDeployments.remove(p.getDeploymentId());
            next.endedDeployments.add(p.getDeploymentId());
        } else if (payload instanceof PhaseChanged p) {
            next.phase = p.getPhase();
        } else if (payload instanceof ParticipantJoined p) {
            Organisation joining = p.getParticipant();
            next.participants.put(joining.getId(), new Participant(p.getRole(), joining.getMemberState()));
        } else if (payload instanceof SituationReported p) {
            next.reportIds.add(p.getReportId());
        } else if (payload instanceof SituationReportAcknowledged) {
            // Acknowledgements matter to the coordination view, not to any lifecycle rule.
            return this;
        } else if (payload instanceof MutualAssistanceRequested p) {
            next.assistanceRequests.put(p.getAssistanceRequestId(), new AssistanceRequest(p.getRequestedFrom()));
        } else if (payload instanceof MutualAssistanceOffered p) {
            next.offers.put(p.getOfferId(), new Offer(p.getAssistanceRequestId(), p.getOfferingMemberState(), null, false));
        } else if (payload instanceof MutualAssistanceOfferDecided p) {
            next.offers.computeIfPresent(p.getOfferId(), (id, offer) -> offer.decided(p.getDecision()));
        } else if (payload instanceof MutualAssistanceFulfilled p) {
            next.offers.computeIfPresent(p.getOfferId(), (id, offer) -> offer.delivered());
        } else if (payload instanceof IncidentReclassified p) {
            next.classification = p.getClassification();
        } else if (payload instanceof RequestWithdrawn) {
            next.withdrawn = true;
        } else if (payload instanceof IncidentClosed) {
            next.closed = true;
        } else if (payload instanceof PostIncidentReviewFiled) {
            next.reviewFiled = true;
        } else {
            throw new IllegalArgumentException("cannot evolve incident " + accepted.getIncidentId() + " with event " + accepted.getEventId()
                    + ": " + Payloads.unknown(payload));
        }
        return next.state();
    }

    // ------------------------------------------------------------ what the rules ask of the state

    /** Whether a request has been filed. */
    boolean requested() {
        return requestingAuthority != null;
    }

    /** Whether a provider has been matched. */
    boolean matched() {
        return matchedMssp != null;
    }

    /** Whether a deployment with this id ever started, running or ended. */
    boolean deploymentKnown(String deploymentId) {
        return runningDeployments.contains(deploymentId) || endedDeployments.contains(deploymentId);
    }

    /**
     * Whether the organisation takes part in the incident's coordination: it joined, or it is the
     * requesting authority, or the incident is matched and it is the matched MSSP or ENISA.
     */
    boolean takesPart(Organisation organisation) {
        String id = organisation.getId();
        return id.equals(requestingAuthority)
                || participants.containsKey(id)
                || matched() && (id.equals(matchedMssp) || organisation.getRole() == OrganisationRole.ENISA);
    }

    private static <T extends Comparable<T>> Set<T> sorted(Set<T> values) {
        return values == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    private static <K extends Comparable<K>, V> Map<K, V> sorted(Map<K, V> values) {
        return values == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** The mutable draft of the next state, so that each case of {@link #apply} names only what it changes. */
    private static final class Next {
        private String requestingAuthority;
        private String requestingMemberState;
        private Classification classification;
        private String matchedMssp;
        private Phase phase;
        private final Set<String> runningDeployments;
        private final Set<String> endedDeployments;
        private final Map<String, Participant> participants;
        private final Set<String> reportIds;
        private final Map<String, AssistanceRequest> assistanceRequests;
        private final Map<String, Offer> offers;
        private boolean withdrawn;
        private boolean closed;
        private boolean reviewFiled;

        Next(IncidentState from) {
            requestingAuthority = from.requestingAuthority;
            requestingMemberState = from.requestingMemberState;
            classification = from.classification;
            matchedMssp = from.matchedMssp;
            phase = from.phase;
            runningDeployments = new TreeSet<>(from.runningDeployments);
            endedDeployments = new TreeSet<>(from.endedDeployments);
            participants = new TreeMap<>(from.participants);
            reportIds = new TreeSet<>(from.reportIds);
            assistanceRequests = new TreeMap<>(from.assistanceRequests);
            offers = new TreeMap<>(from.offers);
            withdrawn = from.withdrawn;
            closed = from.closed;
            reviewFiled = from.reviewFiled;
        }

        IncidentState state() {
            return new IncidentState(requestingAuthority, requestingMemberState, classification, matchedMssp, phase,
                    runningDeployments, endedDeployments, participants, reportIds, assistanceRequests, offers,
                    withdrawn, closed, reviewFiled);
        }
    }
}
