package eu.muster.sla;

import eu.muster.contract.ConflictOfInterestCheck;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.Pap;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.Tlp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payloads that start and stop SLA clocks, built from the contract's samples; for tests of the clocks and their processor. */
public final class SlaPayloads {

    /** The provider every match names. */
    public static final String MSSP = "mssp-nordwind";

    private static final List<IncidentEvent> SAMPLE = SampleEvents.everyPayloadType();

    private SlaPayloads() {
    }

    /** An envelope of {@code incidentId} carrying {@code payload}, occurred at {@code occurredAt}. */
    public static IncidentEvent event(String incidentId, Instant occurredAt, Object payload) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId)
                .setOccurredAt(occurredAt)
                .setProducer(SAMPLE.get(0).getProducer())
                .setTlp(Tlp.AMBER)
                .setPap(Pap.AMBER)
                .setPayload(payload)
                .build();
    }

    /** A request from the sample's member state, asking for on-site support or not. */
    public static RequestFiled request(boolean onSite) {
        return request(onSite, ((RequestFiled) SAMPLE.get(0).getPayload()).getRequestingMemberState());
    }

    /** A request from {@code memberState}, asking for on-site support or not. */
    public static RequestFiled request(boolean onSite, String memberState) {
        RequestFiled sample = (RequestFiled) SAMPLE.get(0).getPayload();
        return RequestFiled.newBuilder().setRequestingAuthority(sample.getRequestingAuthority())
                .setRequestingMemberState(memberState).setTitle(sample.getTitle())
                .setClassification(sample.getClassification()).setAffectedEntities(sample.getAffectedEntities())
                .setAffectedMemberStates(sample.getAffectedMemberStates()).setCapabilityGaps(sample.getCapabilityGaps())
                .setServicesNeeded(sample.getServicesNeeded()).setLanguages(sample.getLanguages())
                .setOnSiteSupportRequested(onSite).setAwareAt(null).build();
    }

    /** A match of {@link #MSSP} with the given contract terms in minutes; null leaves a term to the defaults. */
    public static MsspMatched match(Long remoteMinutes, Long onSiteMinutes, Long reportMinutes) {
        return match(MSSP, remoteMinutes, onSiteMinutes, reportMinutes);
    }

    /** A match of {@code msspId} with the given contract terms in minutes; null leaves a term to the defaults. */
    public static MsspMatched match(String msspId, Long remoteMinutes, Long onSiteMinutes, Long reportMinutes) {
        return MsspMatched.newBuilder().setMsspId(msspId).setMatchingCriteria(List.of("availability"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder().setResult(ConflictOfInterestResult.PASSED)
                        .setCheckedBy("enisa").setCheckedAt(Instant.EPOCH).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder().setFrameworkContractId(null).setRemoteSupportWithinMinutes(remoteMinutes)
                        .setOnSiteWithinMinutes(onSiteMinutes).setSituationReportIntervalMinutes(reportMinutes).build())
                .build();
    }

    /** The start of a deployment of {@link #MSSP}. */
    public static DeploymentStarted deployment(DeploymentMode mode) {
        DeploymentStarted sample = (DeploymentStarted) SAMPLE.get(mode == DeploymentMode.REMOTE ? 2 : 12).getPayload();
        return DeploymentStarted.newBuilder().setDeploymentId(UUID.randomUUID().toString()).setMsspId(sample.getMsspId())
                .setMode(mode).setTeam(sample.getTeam()).setLocation(sample.getLocation()).build();
    }

    /** A move to {@code phase}. */
    public static PhaseChanged phase(Phase phase) {
        return PhaseChanged.newBuilder().setPhase(phase).setReason("progress").build();
    }

    /** A situation report. */
    public static SituationReported report() {
        return SituationReported.newBuilder().setReportId(UUID.randomUUID().toString()).setSummary("status")
                .setImpactAssessment(null).setActionsTaken(List.of()).setNextSteps(List.of()).build();
    }

    /** Closure. */
    public static IncidentClosed closure() {
        return IncidentClosed.newBuilder().setSummary("restored").build();
    }

    /** The sample's post-incident review. */
    public static PostIncidentReviewFiled review() {
        return (PostIncidentReviewFiled) SAMPLE.get(15).getPayload();
    }

    /** Withdrawal of the request. */
    public static RequestWithdrawn withdrawal() {
        return RequestWithdrawn.newBuilder().setReason("filed in error").build();
    }
}
