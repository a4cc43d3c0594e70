package eu.muster.record;

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
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.Pap;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.TaxonomyClass;
import eu.muster.contract.Team;
import eu.muster.contract.Tlp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Envelopes of one incident's life, from the organisations a Reserve engagement involves. */
final class Lifecycle {

    static final Organisation DE_NCA = org("de-bsi", OrganisationRole.NCA, "DE");
    static final Organisation FR_NCA = org("fr-anssi", OrganisationRole.NCA, "FR");
    static final Organisation AT_CSIRT = org("at-certat", OrganisationRole.CSIRT, "AT");
    static final Organisation ENISA = org("enisa", OrganisationRole.ENISA, null);
    static final Organisation MSSP = org("mssp-nordwind", OrganisationRole.MSSP, "NL");
    static final Organisation OTHER_MSSP = org("mssp-other", OrganisationRole.MSSP, "BE");
    static final List<Organisation> ALL = List.of(DE_NCA, FR_NCA, AT_CSIRT, ENISA, MSSP, OTHER_MSSP);

    final String incidentId = UUID.randomUUID().toString();
    private Instant clock;

    Lifecycle(Instant start) {
        this.clock = start;
    }

    /** An envelope from {@code producer}, a minute after the previous one. */
    IncidentEvent by(Organisation producer, Object payload) {
        clock = clock.plusSeconds(60);
        return at(producer, payload, clock);
    }

    IncidentEvent at(Organisation producer, Object payload, Instant occurredAt) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId)
                .setOccurredAt(occurredAt)
                .setProducer(producer)
                .setTlp(Tlp.AMBER)
                .setPap(Pap.AMBER)
                .setPayload(payload)
                .build();
    }

    static RequestFiled request(Organisation by, String memberState) {
        return RequestFiled.newBuilder()
                .setRequestingAuthority(by.getId()).setRequestingMemberState(memberState)
                .setTitle("Ransomware at regional hospitals").setClassification(Classification.SIGNIFICANT)
                .setAffectedEntities(List.of(AffectedEntity.newBuilder().setName("Klinikum Nord").setSector(Sector.HEALTH).setMemberState(memberState).build()))
                .setAffectedMemberStates(List.of(memberState)).setCapabilityGaps(List.of("OT forensics"))
                .setServicesNeeded(List.of(ResponseService.DIGITAL_FORENSICS)).setLanguages(List.of("de"))
                .setOnSiteSupportRequested(true).setAwareAt(null).build();
    }

    static MsspMatched match(String msspId, ConflictOfInterestResult check) {
        return MsspMatched.newBuilder().setMsspId(msspId).setMatchingCriteria(List.of("language:de"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder().setResult(check).setCheckedBy("enisa")
                        .setCheckedAt(Instant.parse("2026-03-02T08:30:00Z")).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder().setFrameworkContractId(null).setRemoteSupportWithinMinutes(120L)
                        .setOnSiteWithinMinutes(1440L).setSituationReportIntervalMinutes(null).build())
                .build();
    }

    static DeploymentStarted deploy(String deploymentId, String msspId, DeploymentMode mode) {
        return DeploymentStarted.newBuilder().setDeploymentId(deploymentId).setMsspId(msspId).setMode(mode)
                .setTeam(Team.newBuilder().setSize(3).setLead(null).setCapabilities(List.of(ResponseService.CONTAINMENT)).build())
                .setLocation(mode == DeploymentMode.ON_SITE ? DeploymentLocation.newBuilder().setMemberState("DE").setSite("Hamburg").build() : null)
                .build();
    }

    static DeploymentEnded endDeployment(String deploymentId) {
        return DeploymentEnded.newBuilder().setDeploymentId(deploymentId).setReason("Handed over.").build();
    }

    static PhaseChanged phase(Phase phase) {
        return PhaseChanged.newBuilder().setPhase(phase).setReason("Progress.").build();
    }

    static ParticipantJoined join(Organisation participant, ParticipantRole role) {
        return ParticipantJoined.newBuilder().setParticipant(participant).setRole(role).setContactPoint(null).build();
    }

    static SituationReported report(String reportId) {
        return SituationReported.newBuilder().setReportId(reportId).setSummary("Contained.").setImpactAssessment(null)
                .setActionsTaken(List.of("isolated hosts")).setNextSteps(List.of("restore")).build();
    }

    static SituationReportAcknowledged acknowledge(String reportId) {
        return SituationReportAcknowledged.newBuilder().setReportId(reportId).build();
    }

    static MutualAssistanceRequested askForHelp(String requestId, List<String> from) {
        return MutualAssistanceRequested.newBuilder().setAssistanceRequestId(requestId).setRequestedFrom(from)
                .setCapabilitiesNeeded(List.of(ResponseService.MALWARE_ANALYSIS)).setDescription("Two analysts for a week.").build();
    }

    static MutualAssistanceOffered offer(String requestId, String offerId, String memberState) {
        return MutualAssistanceOffered.newBuilder().setAssistanceRequestId(requestId).setOfferId(offerId).setOfferingMemberState(memberState)
                .setCapabilitiesOffered(List.of(ResponseService.MALWARE_ANALYSIS)).setDescription("Two analysts tomorrow.").build();
    }

    static MutualAssistanceOfferDecided decide(String offerId, OfferDecision decision) {
        return MutualAssistanceOfferDecided.newBuilder().setOfferId(offerId).setDecision(decision).setReason(null).build();
    }

    static MutualAssistanceFulfilled fulfil(String offerId) {
        return MutualAssistanceFulfilled.newBuilder().setOfferId(offerId).setSummary("Loader unpacked.").build();
    }

    static IncidentReclassified reclassify(Classification classification) {
        return IncidentReclassified.newBuilder().setClassification(classification).setReason("Spread.").build();
    }

    static RequestWithdrawn withdraw() {
        return RequestWithdrawn.newBuilder().setReason("Filed in error.").build();
    }

    static IncidentClosed close() {
        return IncidentClosed.newBuilder().setSummary("Restored.").build();
    }

    static PostIncidentReviewFiled review() {
        return PostIncidentReviewFiled.newBuilder().setRootCause("Unpatched VPN").setTaxonomyClass(TaxonomyClass.INTRUSIONS)
                .setTaxonomyType("system-compromise").setExploitedVulnerabilities(List.of()).setLessonsLearned(List.of("Patch."))
                .setRecommendations(List.of("Patch faster.")).setCitedProviders(List.of("mssp-nordwind"))
                .setReviewerConflictsOfInterest(List.of()).build();
    }

    private static Organisation org(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
