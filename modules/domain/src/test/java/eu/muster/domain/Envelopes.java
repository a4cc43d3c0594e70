package eu.muster.domain;

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
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.TaxonomyClass;
import eu.muster.contract.Team;
import eu.muster.contract.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Concise builders for the envelopes of one incident, from the organisations of
 * {@link SampleEvents} and a few more. Every envelope gets a fresh eventId and occurs a minute after
 * the previous one, all well before {@link Scenario#NOW}.
 */
final class Envelopes {

    static final String INCIDENT = SampleEvents.INCIDENT_ID;
    static final Instant START = SampleEvents.FILED_AT;

    static final Organisation DE_NCA = organisation("de-bsi", OrganisationRole.NCA, "DE");
    static final Organisation DE_CSIRT = organisation("de-certbund", OrganisationRole.CSIRT, "DE");
    static final Organisation DE_HOSPITAL = organisation("de-klinikum-nord", OrganisationRole.AFFECTED_ENTITY, "DE");
    static final Organisation FR_NCA = organisation("fr-anssi", OrganisationRole.NCA, "FR");
    static final Organisation FR_SPOC = organisation("fr-spoc", OrganisationRole.SINGLE_POINT_OF_CONTACT, "FR");
    static final Organisation AT_CSIRT = organisation("at-certat", OrganisationRole.CSIRT, "AT");
    static final Organisation ENISA = organisation("enisa", OrganisationRole.ENISA, null);
    static final Organisation COMMISSION = organisation("ec-dg-cnect", OrganisationRole.COMMISSION, null);
    static final Organisation MSSP = organisation("mssp-nordwind", OrganisationRole.MSSP, "NL");
    static final Organisation OTHER_MSSP = organisation("mssp-x", OrganisationRole.MSSP, "BE");

    /** muster's organisation directory as these tests know it. */
    static final Map<String, Organisation> DIRECTORY = Stream.of(
                    DE_NCA, DE_CSIRT, DE_HOSPITAL, FR_NCA, FR_SPOC, AT_CSIRT, ENISA, COMMISSION, MSSP, OTHER_MSSP)
            .collect(Collectors.toUnmodifiableMap(Organisation::getId, Function.identity()));

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Envelopes() {
    }

    /** An envelope of the incident from {@code producer}, a minute after the previous one. */
    static IncidentEvent by(Organisation producer, Object payload) {
        int n = SEQUENCE.incrementAndGet();
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("domain-test-" + n).getBytes(StandardCharsets.UTF_8)).toString())
                .setIncidentId(INCIDENT)
                .setOccurredAt(START.plusSeconds(60L * n))
                .setProducer(producer)
                .setTlp(Tlp.AMBER)
                .setPap(Pap.AMBER)
                .setPayload(payload)
                .build();
    }

    /** The same envelope, occurring at {@code occurredAt}. */
    static IncidentEvent at(Instant occurredAt, IncidentEvent event) {
        return IncidentEvent.newBuilder(event).setOccurredAt(occurredAt).build();
    }

    // ------------------------------------------------------------ the usual course, by the usual producers

    /** DE's NCA asks for support. */
    static IncidentEvent filed() {
        return by(DE_NCA, request(DE_NCA));
    }

    /** ENISA matches mssp-nordwind after a passed check. */
    static IncidentEvent matched() {
        return by(ENISA, match(MSSP.getId(), ConflictOfInterestResult.PASSED));
    }

    /** The request and the match: the start of most scenarios. */
    static IncidentEvent[] filedAndMatched() {
        return new IncidentEvent[] {filed(), matched()};
    }

    // ------------------------------------------------------------ payloads

    static RequestFiled request(Organisation authority) {
        return request(authority.getId(), authority.getMemberState());
    }

    static RequestFiled request(String authority, String memberState) {
        return RequestFiled.newBuilder()
                .setRequestingAuthority(authority)
                .setRequestingMemberState(memberState)
                .setTitle("Ransomware at regional hospitals")
                .setClassification(Classification.SIGNIFICANT)
                .setAffectedEntities(List.of(AffectedEntity.newBuilder()
                        .setName("Klinikum Nord").setSector(Sector.HEALTH).setMemberState(memberState).build()))
                .setAffectedMemberStates(List.of(memberState))
                .setCapabilityGaps(List.of("OT forensics"))
                .setServicesNeeded(List.of(ResponseService.DIGITAL_FORENSICS))
                .setLanguages(List.of("de", "en"))
                .setOnSiteSupportRequested(true)
                .setAwareAt(null)
                .build();
    }

    static MsspMatched match(String msspId, ConflictOfInterestResult check) {
        return MsspMatched.newBuilder()
                .setMsspId(msspId)
                .setMatchingCriteria(List.of("language:de", "sector:HEALTH"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder()
                        .setResult(check).setCheckedBy("enisa").setCheckedAt(START.plusSeconds(1800)).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder()
                        .setFrameworkContractId("FWC-2026-07").setRemoteSupportWithinMinutes(120L)
                        .setOnSiteWithinMinutes(1440L).setSituationReportIntervalMinutes(null).build())
                .build();
    }

    static DeploymentStarted remote(String deploymentId) {
        return remote(deploymentId, MSSP.getId());
    }

    static DeploymentStarted remote(String deploymentId, String msspId) {
        return DeploymentStarted.newBuilder()
                .setDeploymentId(deploymentId).setMsspId(msspId).setMode(DeploymentMode.REMOTE)
                .setTeam(team(4)).setLocation(null).build();
    }

    static DeploymentStarted onSite(String deploymentId) {
        return DeploymentStarted.newBuilder()
                .setDeploymentId(deploymentId).setMsspId(MSSP.getId()).setMode(DeploymentMode.ON_SITE)
                .setTeam(team(2)).setLocation(DeploymentLocation.newBuilder().setMemberState("DE").setSite("Hamburg").build()).build();
    }

    static Team team(int size) {
        return Team.newBuilder().setSize(size).setLead(null).setCapabilities(List.of(ResponseService.CONTAINMENT)).build();
    }

    static DeploymentEnded ended(String deploymentId) {
        return DeploymentEnded.newBuilder().setDeploymentId(deploymentId).setReason("Handed over to the national CSIRT.").build();
    }

    static PhaseChanged phase(Phase phase) {
        return PhaseChanged.newBuilder().setPhase(phase).setReason("Progress as assessed by the engagement lead.").build();
    }

    static ParticipantJoined joining(Organisation participant, ParticipantRole role) {
        return ParticipantJoined.newBuilder().setParticipant(participant).setRole(role).setContactPoint(null).build();
    }

    static SituationReported report(String reportId) {
        return SituationReported.newBuilder().setReportId(reportId).setSummary("Encryption stopped; 14 hosts isolated.")
                .setImpactAssessment(null).setActionsTaken(List.of("isolated VLAN 12")).setNextSteps(List.of("identify initial access"))
                .build();
    }

    static SituationReportAcknowledged acknowledgement(String reportId) {
        return SituationReportAcknowledged.newBuilder().setReportId(reportId).build();
    }

    static MutualAssistanceRequested assistanceAsked(String requestId, String... from) {
        return MutualAssistanceRequested.newBuilder().setAssistanceRequestId(requestId).setRequestedFrom(List.of(from))
                .setCapabilitiesNeeded(List.of(ResponseService.MALWARE_ANALYSIS))
                .setDescription("Reverse engineering of the loader, two analysts for one week.").build();
    }

    static MutualAssistanceOffered offer(String requestId, String offerId, String memberState) {
        return MutualAssistanceOffered.newBuilder().setAssistanceRequestId(requestId).setOfferId(offerId)
                .setOfferingMemberState(memberState).setCapabilitiesOffered(List.of(ResponseService.MALWARE_ANALYSIS))
                .setDescription("Two analysts from tomorrow.").build();
    }

    static MutualAssistanceOfferDecided decision(String offerId, OfferDecision decision) {
        return MutualAssistanceOfferDecided.newBuilder().setOfferId(offerId).setDecision(decision).setReason(null).build();
    }

    static MutualAssistanceFulfilled fulfilment(String offerId) {
        return MutualAssistanceFulfilled.newBuilder().setOfferId(offerId).setSummary("Loader unpacked; C2 list shared.").build();
    }

    static IncidentReclassified reclassification(Classification classification) {
        return IncidentReclassified.newBuilder().setClassification(classification).setReason("Spread to a second member state.").build();
    }

    static RequestWithdrawn withdrawal() {
        return RequestWithdrawn.newBuilder().setReason("Filed in error.").build();
    }

    static IncidentClosed closure() {
        return IncidentClosed.newBuilder().setSummary("Services restored.").build();
    }

    static PostIncidentReviewFiled review() {
        return PostIncidentReviewFiled.newBuilder()
                .setRootCause("Unpatched VPN appliance").setTaxonomyClass(TaxonomyClass.INTRUSIONS).setTaxonomyType("system-compromise")
                .setExploitedVulnerabilities(List.of("CVE-2025-0001")).setLessonsLearned(List.of("Offline backups shortened recovery."))
                .setRecommendations(List.of("Patch edge devices within 72 hours.")).setCitedProviders(List.of("mssp-nordwind"))
                .setReviewerConflictsOfInterest(List.of()).build();
    }

    static Organisation organisation(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
