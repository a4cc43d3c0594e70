package eu.muster.domain;

import eu.muster.contract.DeploymentEnded;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.MutualAssistanceFulfilled;
import eu.muster.contract.MutualAssistanceOfferDecided;
import eu.muster.contract.MutualAssistanceOffered;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The payload types the lifecycle rules know. A payload of any other class (a contract that gained a
 * type the rules have not learnt yet, or a hand-built event) is refused as malformed rather than
 * accepted unjudged; a test holds this list to the contract's payload union.
 */
final class Payloads {

    static final List<Class<?>> KNOWN = List.of(
            RequestFiled.class, MsspMatched.class, DeploymentStarted.class, DeploymentEnded.class, PhaseChanged.class,
            ParticipantJoined.class, SituationReported.class, SituationReportAcknowledged.class,
            MutualAssistanceRequested.class, MutualAssistanceOffered.class, MutualAssistanceOfferDecided.class,
            MutualAssistanceFulfilled.class, IncidentReclassified.class, RequestWithdrawn.class, IncidentClosed.class,
            PostIncidentReviewFiled.class);

    private Payloads() {
    }

    static boolean isKnown(Object payload) {
        return payload != null && KNOWN.contains(payload.getClass());
    }

    /** The well-formedness message for a payload that is missing or of a type the rules do not know. */
    static String unknown(Object payload) {
        return "payload: expected one of the contract's payload types ("
                + KNOWN.stream().map(Class::getSimpleName).collect(Collectors.joining(", ")) + "), got "
                + (payload == null ? "nothing" : payload.getClass().getName());
    }

    /** The payload's type as the contract names it, for messages. */
    static String name(Object payload) {
        return payload == null ? "an event without payload" : payload.getClass().getSimpleName();
    }
}
