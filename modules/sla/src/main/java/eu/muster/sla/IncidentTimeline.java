package eu.muster.sla;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReported;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of one incident that its SLA clocks depend on, gathered from its accepted events and
 * timed by their {@code occurredAt} (epoch milliseconds; null where the fact has not happened).
 * Where an event can happen more than once, the earliest counts, so the timeline is the same
 * whatever order the events were recorded in: a late report is timed where it belongs.
 *
 * @param requestingMemberState the requesting member state, for queries per member state
 * @param msspId                the matched provider, for queries per MSSP
 * @param requestedAt           when the request was filed
 * @param onSiteRequested       whether on-site support was asked for
 * @param matchedAt             when ENISA matched a provider: the start of the engagement
 * @param remoteWindowMinutes   the contract's window for remote support, if the match gave one
 * @param onSiteWindowMinutes   the contract's window for on-site deployment, if the match gave one
 * @param reportIntervalMinutes the contract's interval between situation reports, if the match gave one
 * @param remoteStartedAt       the first remote deployment
 * @param onSiteStartedAt       the first on-site deployment
 * @param leftInitialResponseAt the first move to a later phase than initial response
 * @param containmentStartedAt  the first move to containment and recovery
 * @param closedAt              closure
 * @param reviewedAt            the post-incident review
 * @param withdrawnAt           withdrawal of the request
 * @param reportTimes           every situation report, ascending
 */
public record IncidentTimeline(
        String requestingMemberState,
        String msspId,
        Long requestedAt,
        boolean onSiteRequested,
        Long matchedAt,
        Long remoteWindowMinutes,
        Long onSiteWindowMinutes,
        Long reportIntervalMinutes,
        Long remoteStartedAt,
        Long onSiteStartedAt,
        Long leftInitialResponseAt,
        Long containmentStartedAt,
        Long closedAt,
        Long reviewedAt,
        Long withdrawnAt,
        List<Long> reportTimes) {

    public IncidentTimeline {
        reportTimes = reportTimes == null ? List.of() : reportTimes.stream().sorted().toList();
    }

    /** An incident with no events yet. */
    public static IncidentTimeline empty() {
        return new IncidentTimeline(null, null, null, false, null, null, null, null, null, null, null, null, null, null, null, List.of());
    }

    /** The timeline with one more accepted event. */
    public IncidentTimeline apply(IncidentEvent event) {
        long at = event.getOccurredAt().toEpochMilli();
        Object payload = event.getPayload();
        if (payload instanceof RequestFiled request) {
            return new IncidentTimeline(request.getRequestingMemberState(), msspId, earliest(requestedAt, at), request.getOnSiteSupportRequested(),
                    matchedAt, remoteWindowMinutes, onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt,
                    leftInitialResponseAt, containmentStartedAt, closedAt, reviewedAt, withdrawnAt, reportTimes);
        }
        if (payload instanceof MsspMatched match) {
            return new IncidentTimeline(requestingMemberState, match.getMsspId(), requestedAt, onSiteRequested, earliest(matchedAt, at),
                    match.getSlaTerms().getRemoteSupportWithinMinutes(), match.getSlaTerms().getOnSiteWithinMinutes(),
                    match.getSlaTerms().getSituationReportIntervalMinutes(), remoteStartedAt, onSiteStartedAt,
                    leftInitialResponseAt, containmentStartedAt, closedAt, reviewedAt, withdrawnAt, reportTimes);
        }
        if (payload instanceof DeploymentStarted deployment) {
            boolean remote = deployment.getMode() == DeploymentMode.REMOTE;
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remote ? earliest(remoteStartedAt, at) : remoteStartedAt,
                    remote ? onSiteStartedAt : earliest(onSiteStartedAt, at), leftInitialResponseAt, containmentStartedAt, closedAt,
                    reviewedAt, withdrawnAt, reportTimes);
        }
        if (payload instanceof PhaseChanged change) {
            boolean beyondInitial = change.getPhase() != Phase.INITIAL_RESPONSE;
            boolean containment = change.getPhase() == Phase.CONTAINMENT_RECOVERY;
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt,
                    beyondInitial ? earliest(leftInitialResponseAt, at) : leftInitialResponseAt,
                    containment ? earliest(containmentStartedAt, at) : containmentStartedAt, closedAt, reviewedAt, withdrawnAt, reportTimes);
        }
        if (payload instanceof SituationReported) {
            List<Long> reports = new ArrayList<>(reportTimes);
            reports.add(at);
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt, leftInitialResponseAt,
                    containmentStartedAt, closedAt, reviewedAt, withdrawnAt, reports);
        }
        if (payload instanceof IncidentClosed) {
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt, leftInitialResponseAt,
                    containmentStartedAt, earliest(closedAt, at), reviewedAt, withdrawnAt, reportTimes);
        }
        if (payload instanceof PostIncidentReviewFiled) {
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt, leftInitialResponseAt,
                    containmentStartedAt, closedAt, earliest(reviewedAt, at), withdrawnAt, reportTimes);
        }
        if (payload instanceof RequestWithdrawn) {
            return new IncidentTimeline(requestingMemberState, msspId, requestedAt, onSiteRequested, matchedAt, remoteWindowMinutes,
                    onSiteWindowMinutes, reportIntervalMinutes, remoteStartedAt, onSiteStartedAt, leftInitialResponseAt,
                    containmentStartedAt, closedAt, reviewedAt, earliest(withdrawnAt, at), reportTimes);
        }
        return this; // the other events start or stop no clock
    }

    /** Every instant at which a fact of this timeline took effect: its {@code occurredAt} times. */
    public List<Long> factTimes() {
        List<Long> times = new ArrayList<>(reportTimes);
        for (Long at : new Long[] {requestedAt, matchedAt, remoteStartedAt, onSiteStartedAt, leftInitialResponseAt,
                containmentStartedAt, closedAt, reviewedAt, withdrawnAt}) {
            if (at != null) {
                times.add(at);
            }
        }
        return times;
    }

    private static Long earliest(Long known, long at) {
        return known == null ? at : Math.min(known, at);
    }
}
