package eu.muster.loadgen;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestCheck;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentEnded;
import eu.muster.contract.DeploymentLocation;
import eu.muster.contract.DeploymentMode;
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
import eu.muster.contract.Pap;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.ResponseService;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.Team;
import eu.muster.contract.Tlp;
import java.time.Instant;
import java.util.List;

/**
 * The contract's records as the generator builds them, valid and invalid traffic alike. All-args
 * constructors rather than builders: generation is the benchmark's load source and must not become
 * its bottleneck, and a builder copies defaults for every field it is not given.
 */
final class Facts {

    private Facts() {
    }

    /** The envelope; the PAP follows the TLP, as sharing rules usually pair them. */
    static IncidentEvent envelope(String eventId, String incidentId, long at, Organisation producer, Tlp tlp, Object payload) {
        return new IncidentEvent(eventId, incidentId, Instant.ofEpochMilli(at), producer, tlp, pap(tlp), payload);
    }

    private static Pap pap(Tlp tlp) {
        return switch (tlp) {
            case CLEAR -> Pap.CLEAR;
            case GREEN -> Pap.GREEN;
            case AMBER, AMBER_STRICT -> Pap.AMBER;
            case RED -> Pap.RED;
        };
    }

    static RequestFiled request(String authority, String memberState, String title, Classification classification,
            List<AffectedEntity> entities, List<String> affectedMemberStates, List<String> capabilityGaps,
            List<ResponseService> services, List<String> languages, boolean onSite, Long awareAt) {
        return new RequestFiled(authority, memberState, title, classification, entities, affectedMemberStates, capabilityGaps,
                services, languages, onSite, awareAt == null ? null : Instant.ofEpochMilli(awareAt));
    }

    static AffectedEntity entity(String name, eu.muster.contract.Sector sector, String memberState) {
        return new AffectedEntity(name, sector, memberState);
    }

    static MsspMatched match(String msspId, List<String> criteria, ConflictOfInterestResult result, String checkedBy, long checkedAt,
            String remarks, SlaTerms terms) {
        return new MsspMatched(msspId, criteria, new ConflictOfInterestCheck(result, checkedBy, Instant.ofEpochMilli(checkedAt), remarks),
                terms);
    }

    static SlaTerms terms(String frameworkContractId, Long remoteMinutes, Long onSiteMinutes, Long reportIntervalMinutes) {
        return new SlaTerms(frameworkContractId, remoteMinutes, onSiteMinutes, reportIntervalMinutes);
    }

    static DeploymentStarted remoteDeployment(String deploymentId, String msspId, int teamSize, String lead, List<ResponseService> capabilities) {
        return new DeploymentStarted(deploymentId, msspId, DeploymentMode.REMOTE, new Team(teamSize, lead, capabilities), null);
    }

    static DeploymentStarted onSiteDeployment(String deploymentId, String msspId, int teamSize, String lead, List<ResponseService> capabilities,
            String memberState, String site) {
        return new DeploymentStarted(deploymentId, msspId, DeploymentMode.ON_SITE, new Team(teamSize, lead, capabilities),
                new DeploymentLocation(memberState, site));
    }

    static DeploymentEnded deploymentEnded(String deploymentId, String reason) {
        return new DeploymentEnded(deploymentId, reason);
    }

    static PhaseChanged phase(Phase phase, String reason) {
        return new PhaseChanged(phase, reason);
    }

    static ParticipantJoined joined(Organisation participant, ParticipantRole role, String contactPoint) {
        return new ParticipantJoined(participant, role, contactPoint);
    }

    static SituationReported report(String reportId, String summary, String impact, List<String> actions, List<String> nextSteps) {
        return new SituationReported(reportId, summary, impact, actions, nextSteps);
    }

    static SituationReportAcknowledged acknowledgement(String reportId) {
        return new SituationReportAcknowledged(reportId);
    }

    static MutualAssistanceRequested assistanceRequested(String requestId, List<String> requestedFrom, List<ResponseService> needed,
            String description) {
        return new MutualAssistanceRequested(requestId, requestedFrom, needed, description);
    }

    static MutualAssistanceOffered offered(String requestId, String offerId, String memberState, List<ResponseService> offered,
            String description) {
        return new MutualAssistanceOffered(requestId, offerId, memberState, offered, description);
    }

    static MutualAssistanceOfferDecided decided(String offerId, OfferDecision decision, String reason) {
        return new MutualAssistanceOfferDecided(offerId, decision, reason);
    }

    static MutualAssistanceFulfilled fulfilled(String offerId, String summary) {
        return new MutualAssistanceFulfilled(offerId, summary);
    }

    static IncidentReclassified reclassified(Classification classification, String reason) {
        return new IncidentReclassified(classification, reason);
    }

    static RequestWithdrawn withdrawn(String reason) {
        return new RequestWithdrawn(reason);
    }

    static IncidentClosed closed(String summary) {
        return new IncidentClosed(summary);
    }
}
