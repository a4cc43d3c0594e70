package eu.muster.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One plausible envelope of every payload type of the contract, all for one incident, for tests
 * across modules. Values are fixed, so tests can compare field by field.
 */
public final class SampleEvents {

    public static final String INCIDENT_ID = "6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01";
    public static final Instant FILED_AT = Instant.parse("2026-03-02T08:15:00Z");

    private static final Organisation DE_NCA = organisation("de-bsi", OrganisationRole.NCA, "DE");
    private static final Organisation ENISA = organisation("enisa", OrganisationRole.ENISA, null);
    private static final Organisation MSSP = organisation("mssp-nordwind", OrganisationRole.MSSP, "NL");
    private static final Organisation AT_CSIRT = organisation("at-certat", OrganisationRole.CSIRT, "AT");

    private SampleEvents() {
    }

    /** Every payload type once, in a lifecycle order. */
    public static List<IncidentEvent> everyPayloadType() {
        return List.of(
                envelope(1, DE_NCA, Tlp.AMBER, requestFiled()),
                envelope(2, ENISA, Tlp.AMBER, mssMatched()),
                envelope(3, MSSP, Tlp.AMBER_STRICT, remoteDeployment()),
                envelope(4, ENISA, Tlp.GREEN, ParticipantJoined.newBuilder()
                        .setParticipant(AT_CSIRT).setRole(ParticipantRole.ASSISTING_MEMBER_STATE).setContactPoint("duty@cert.at.example").build()),
                envelope(5, MSSP, Tlp.AMBER, SituationReported.newBuilder()
                        .setReportId("sitrep-1").setSummary("Encryption stopped; 14 hosts isolated.")
                        .setImpactAssessment("Two regional hospitals on paper-based operation.")
                        .setActionsTaken(List.of("isolated VLAN 12", "collected memory images"))
                        .setNextSteps(List.of("identify initial access")).build()),
                envelope(6, DE_NCA, Tlp.GREEN, SituationReportAcknowledged.newBuilder().setReportId("sitrep-1").build()),
                envelope(7, DE_NCA, Tlp.AMBER, MutualAssistanceRequested.newBuilder()
                        .setAssistanceRequestId("ma-1").setRequestedFrom(List.of("AT", "FR"))
                        .setCapabilitiesNeeded(List.of(ResponseService.MALWARE_ANALYSIS))
                        .setDescription("Reverse engineering of the loader, two analysts for one week.").build()),
                envelope(8, AT_CSIRT, Tlp.AMBER, MutualAssistanceOffered.newBuilder()
                        .setAssistanceRequestId("ma-1").setOfferId("offer-at-1").setOfferingMemberState("AT")
                        .setCapabilitiesOffered(List.of(ResponseService.MALWARE_ANALYSIS))
                        .setDescription("Two analysts from tomorrow.").build()),
                envelope(9, DE_NCA, Tlp.AMBER, MutualAssistanceOfferDecided.newBuilder()
                        .setOfferId("offer-at-1").setDecision(OfferDecision.ACCEPTED).setReason(null).build()),
                envelope(10, AT_CSIRT, Tlp.AMBER, MutualAssistanceFulfilled.newBuilder()
                        .setOfferId("offer-at-1").setSummary("Loader unpacked; C2 list shared.").build()),
                envelope(11, MSSP, Tlp.AMBER, PhaseChanged.newBuilder()
                        .setPhase(Phase.INVESTIGATION).setReason("Initial containment holds.").build()),
                envelope(12, DE_NCA, Tlp.GREEN, IncidentReclassified.newBuilder()
                        .setClassification(Classification.LARGE_SCALE).setReason("Spread to a second member state.").build()),
                envelope(13, MSSP, Tlp.AMBER, onSiteDeployment()),
                envelope(14, MSSP, Tlp.AMBER, DeploymentEnded.newBuilder()
                        .setDeploymentId("dep-onsite-1").setReason("Handed over to the national CSIRT.").build()),
                envelope(15, DE_NCA, Tlp.GREEN, IncidentClosed.newBuilder().setSummary("Services restored.").build()),
                envelope(16, ENISA, Tlp.GREEN, postIncidentReview()),
                envelope(17, DE_NCA, Tlp.CLEAR, RequestWithdrawn.newBuilder().setReason("Filed in error.").build()));
    }

    private static RequestFiled requestFiled() {
        return RequestFiled.newBuilder()
                .setRequestingAuthority("de-bsi")
                .setRequestingMemberState("DE")
                .setTitle("Ransomware at regional hospitals")
                .setClassification(Classification.SIGNIFICANT)
                .setAffectedEntities(List.of(AffectedEntity.newBuilder()
                        .setName("Klinikum Nord").setSector(Sector.HEALTH).setMemberState("DE").build()))
                .setAffectedMemberStates(List.of("DE", "AT"))
                .setCapabilityGaps(List.of("OT forensics"))
                .setServicesNeeded(List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.CONTAINMENT))
                .setLanguages(List.of("de", "en"))
                .setOnSiteSupportRequested(true)
                .setAwareAt(FILED_AT.minusSeconds(3600))
                .build();
    }

    private static MsspMatched mssMatched() {
        return MsspMatched.newBuilder()
                .setMsspId("mssp-nordwind")
                .setMatchingCriteria(List.of("language:de", "sector:HEALTH", "availability"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder()
                        .setResult(ConflictOfInterestResult.PASSED).setCheckedBy("enisa")
                        .setCheckedAt(FILED_AT.plusSeconds(1800)).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder()
                        .setFrameworkContractId("FWC-2026-07").setRemoteSupportWithinMinutes(120L)
                        .setOnSiteWithinMinutes(1440L).setSituationReportIntervalMinutes(null).build())
                .build();
    }

    private static DeploymentStarted remoteDeployment() {
        return DeploymentStarted.newBuilder()
                .setDeploymentId("dep-remote-1").setMsspId("mssp-nordwind").setMode(DeploymentMode.REMOTE)
                .setTeam(Team.newBuilder().setSize(4).setLead("IR-lead-7")
                        .setCapabilities(List.of(ResponseService.DIGITAL_FORENSICS)).build())
                .setLocation(null)
                .build();
    }

    private static DeploymentStarted onSiteDeployment() {
        return DeploymentStarted.newBuilder()
                .setDeploymentId("dep-onsite-1").setMsspId("mssp-nordwind").setMode(DeploymentMode.ON_SITE)
                .setTeam(Team.newBuilder().setSize(2).setLead(null)
                        .setCapabilities(List.of(ResponseService.CONTAINMENT, ResponseService.RECOVERY)).build())
                .setLocation(DeploymentLocation.newBuilder().setMemberState("DE").setSite("Hamburg").build())
                .build();
    }

    private static PostIncidentReviewFiled postIncidentReview() {
        return PostIncidentReviewFiled.newBuilder()
                .setRootCause("Unpatched VPN appliance")
                .setTaxonomyClass(TaxonomyClass.INTRUSIONS)
                .setTaxonomyType("system-compromise")
                .setExploitedVulnerabilities(List.of("CVE-2025-0001"))
                .setLessonsLearned(List.of("Offline backups shortened recovery."))
                .setRecommendations(List.of("Patch edge devices within 72 hours."))
                .setCitedProviders(List.of("mssp-nordwind"))
                .setReviewerConflictsOfInterest(List.of())
                .build();
    }

    private static IncidentEvent envelope(int n, Organisation producer, Tlp tlp, Object payload) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("sample-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .setIncidentId(INCIDENT_ID)
                .setOccurredAt(FILED_AT.plusSeconds(600L * n))
                .setProducer(producer)
                .setTlp(tlp)
                .setPap(Pap.AMBER)
                .setPayload(payload)
                .build();
    }

    private static Organisation organisation(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
