package eu.muster.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The SLA clocks of one incident as a pure function of its timeline and an explicit instant. The live
 * processor and the auditor's replay both call this, so a replay to T shows what the processor
 * showed at T. Facts timed after the instant do not count yet.
 */
public final class SlaClocks {

    private static final Set<ClockState> PAGED = Set.of(ClockState.AT_RISK, ClockState.BREACHED, ClockState.MET_LATE);

    private SlaClocks() {
    }

    /** Every clock that had started by {@code now}, ordered by kind and cycle. */
    public static List<ClockReading> at(IncidentTimeline timeline, Instant now, SlaPolicy policy) {
        long t = now.toEpochMilli();
        List<ClockReading> readings = new ArrayList<>();
        Long withdrawn = upTo(timeline.withdrawnAt(), t);
        Long closed = upTo(timeline.closedAt(), t);
        Long engagementEnds = earliest(withdrawn, closed);
        Long matched = upTo(timeline.matchedAt(), t);

        add(readings, ClockKind.REQUEST_TO_MATCH, 0, upTo(timeline.requestedAt(), t), policy.window(ClockKind.REQUEST_TO_MATCH),
                matched, engagementEnds, t, policy);
        add(readings, ClockKind.MATCH_TO_REMOTE_SUPPORT, 0, matched,
                window(timeline.remoteWindowMinutes(), policy, ClockKind.MATCH_TO_REMOTE_SUPPORT),
                upTo(timeline.remoteStartedAt(), t), engagementEnds, t, policy);
        if (timeline.onSiteRequested()) {
            add(readings, ClockKind.MATCH_TO_ON_SITE, 0, matched, window(timeline.onSiteWindowMinutes(), policy, ClockKind.MATCH_TO_ON_SITE),
                    upTo(timeline.onSiteStartedAt(), t), engagementEnds, t, policy);
        }
        // Phase budgets run from the start of the engagement; closure ends every phase in time or late, withdrawal stops them.
        add(readings, ClockKind.PHASE_INITIAL_RESPONSE, 0, matched, policy.window(ClockKind.PHASE_INITIAL_RESPONSE),
                earliest(upTo(timeline.leftInitialResponseAt(), t), closed), withdrawn, t, policy);
        add(readings, ClockKind.PHASE_INVESTIGATION, 0, matched, policy.window(ClockKind.PHASE_INVESTIGATION),
                earliest(upTo(timeline.containmentStartedAt(), t), closed), withdrawn, t, policy);
        add(readings, ClockKind.PHASE_CONTAINMENT_RECOVERY, 0, matched, policy.window(ClockKind.PHASE_CONTAINMENT_RECOVERY),
                closed, withdrawn, t, policy);
        add(readings, ClockKind.CLOSURE_TO_REVIEW, 0, closed, policy.window(ClockKind.CLOSURE_TO_REVIEW),
                upTo(timeline.reviewedAt(), t), null, t, policy);
        cadence(readings, timeline, matched, engagementEnds, t, policy);
        return List.copyOf(readings);
    }

    /**
     * The changes between two readings of the same incident that paging systems hear about:
     * into AT_RISK, into BREACHED, into MET_LATE, and out of BREACHED (so that a page can be resolved,
     * for instance when a late-reported event shows the clock was met in time). A clock that went
     * past several states between the two instants reports only where it ended.
     */
    public static List<ClockChange> changes(List<ClockReading> before, List<ClockReading> after) {
        Map<String, ClockReading> earlier = new HashMap<>();
        before.forEach(r -> earlier.put(r.kind() + "/" + r.cycle(), r));
        List<ClockChange> changes = new ArrayList<>();
        for (ClockReading now : after) {
            ClockReading then = earlier.get(now.kind() + "/" + now.cycle());
            boolean changed = then == null || then.state() != now.state();
            boolean leftBreach = then != null && then.state() == ClockState.BREACHED;
            if (changed && (PAGED.contains(now.state()) || leftBreach)) {
                changes.add(new ClockChange(then, now));
            }
        }
        return List.copyOf(changes);
    }

    /**
     * The next instant after {@code now} at which the clocks change without any new event, if they
     * will: a running clock reaching its at-risk share or its deadline, or a recorded fact whose
     * {@code occurredAt} lies ahead of {@code now} (within the log's clock-skew tolerance) coming due.
     */
    public static Optional<Instant> nextChange(IncidentTimeline timeline, Instant now, SlaPolicy policy) {
        Stream<Instant> passing = at(timeline, now, policy).stream()
                .filter(r -> r.state() == ClockState.RUNNING || r.state() == ClockState.AT_RISK)
                .map(r -> r.state() == ClockState.RUNNING ? atRiskFrom(r.startedAt(), r.window(), policy) : r.deadline());
        Stream<Instant> facts = timeline.factTimes().stream().map(Instant::ofEpochMilli);
        return Stream.concat(passing, facts)
                .filter(instant -> instant.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    private static void cadence(List<ClockReading> readings, IncidentTimeline timeline, Long matched, Long ends, long t, SlaPolicy policy) {
        if (matched == null) {
            return;
        }
        Duration window = window(timeline.reportIntervalMinutes(), policy, ClockKind.SITUATION_REPORT_CADENCE);
        long start = matched;
        int cycle = 0;
        for (long report : timeline.reportTimes()) {
            if (report <= start || report > t || (ends != null && report > ends)) {
                continue; // before this interval began, not yet happened, or after the engagement ended
            }
            add(readings, ClockKind.SITUATION_REPORT_CADENCE, cycle++, start, window, report, null, t, policy);
            start = report;
        }
        add(readings, ClockKind.SITUATION_REPORT_CADENCE, cycle, start, window, null, ends, t, policy);
    }

    private static void add(List<ClockReading> readings, ClockKind kind, int cycle, Long start, Duration window, Long fulfilled,
            Long stopped, long t, SlaPolicy policy) {
        if (start == null) {
            return; // not started by the instant
        }
        Instant startedAt = Instant.ofEpochMilli(start);
        Instant deadline = startedAt.plus(window);
        long due = deadline.toEpochMilli();
        if (fulfilled != null && (stopped == null || fulfilled <= stopped)) {
            long at = Math.max(fulfilled, start);
            readings.add(new ClockReading(kind, cycle, at <= due ? ClockState.MET : ClockState.MET_LATE, window, startedAt, deadline,
                    Instant.ofEpochMilli(at), at <= due ? null : Duration.ofMillis(at - due)));
        } else if (stopped != null) {
            long at = Math.max(stopped, start);
            readings.add(new ClockReading(kind, cycle, ClockState.STOPPED, window, startedAt, deadline, Instant.ofEpochMilli(at),
                    at <= due ? null : Duration.ofMillis(at - due)));
        } else if (t >= due) {
            readings.add(new ClockReading(kind, cycle, ClockState.BREACHED, window, startedAt, deadline, null, Duration.ofMillis(t - due)));
        } else {
            boolean atRisk = !Instant.ofEpochMilli(t).isBefore(atRiskFrom(startedAt, window, policy));
            readings.add(new ClockReading(kind, cycle, atRisk ? ClockState.AT_RISK : ClockState.RUNNING, window, startedAt, deadline, null, null));
        }
    }

    private static Instant atRiskFrom(Instant start, Duration window, SlaPolicy policy) {
        return start.plusMillis((long) Math.ceil(window.toMillis() * policy.atRiskShare()));
    }

    private static Duration window(Long contractMinutes, SlaPolicy policy, ClockKind kind) {
        return contractMinutes == null ? policy.window(kind) : Duration.ofMinutes(contractMinutes);
    }

    private static Long upTo(Long at, long t) {
        return at == null || at > t ? null : at;
    }

    private static Long earliest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
