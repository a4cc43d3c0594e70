package eu.muster.coordination;

import eu.muster.contract.Acknowledgement;
import eu.muster.contract.AssistanceOffer;
import eu.muster.contract.AssistanceRequest;
import eu.muster.contract.AssistanceState;
import eu.muster.contract.Classification;
import eu.muster.contract.ClassificationChange;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.EngagementRecord;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.OfferState;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.Participant;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.ReviewFindings;
import eu.muster.contract.ReviewState;
import eu.muster.contract.ReviewView;
import eu.muster.contract.Sector;
import eu.muster.contract.SituationReportStatus;
import eu.muster.coordination.IncidentFacts.AssistanceAsked;
import eu.muster.coordination.IncidentFacts.Deployment;
import eu.muster.coordination.IncidentFacts.Filing;
import eu.muster.coordination.IncidentFacts.Match;
import eu.muster.coordination.IncidentFacts.OfferDecided;
import eu.muster.coordination.IncidentFacts.OfferFulfilled;
import eu.muster.coordination.IncidentFacts.OfferMade;
import eu.muster.coordination.IncidentFacts.PhaseEntry;
import eu.muster.coordination.IncidentFacts.Reclassification;
import eu.muster.coordination.IncidentFacts.Report;
import eu.muster.coordination.IncidentFacts.ReportAcknowledgement;
import eu.muster.coordination.IncidentFacts.Review;
import eu.muster.coordination.IncidentFacts.Timed;
import eu.muster.sla.ClockKind;
import eu.muster.sla.ClockReading;
import eu.muster.sla.ClockState;
import eu.muster.sla.SlaClocks;
import eu.muster.sla.SlaViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The coordination status, the review and the incident's entries in the cross-incident views, as
 * pure functions of its {@link IncidentFacts} and an explicit instant. The live processor and the
 * auditor's replay ({@link CoordinationReplay}) both call these, so a replay to T shows what the
 * processor showed at T.
 *
 * <p>At an instant T, only facts whose {@code occurredAt} lies at or before T count. Every list is
 * sorted, so equal facts give equal records. Member-state codes and sectors are sorted and
 * distinct; lists copied from one payload as its producer wrote them (capabilities, lessons,
 * recommendations) keep the payload's order.
 *
 * <h2>Coordination status ({@link #coordination})</h2>
 * <ul>
 *   <li>{@code status}: WITHDRAWN once withdrawn; else CLOSED once closed; else ACTIVE once matched; else REQUESTED once
 *       requested; else UNKNOWN.</li>
 *   <li>{@code title}, {@code requestingMemberState}, {@code affectedMemberStates} (sorted, distinct): from the request.</li>
 *   <li>{@code classificationHistory}: the request's classification (reason null), then every reclassification by time
 *       (ties: SIGNIFICANT before LARGE_SCALE); {@code classification} is the last of it, null before the request.</li>
 *   <li>{@code phase}: null before the match; INITIAL_RESPONSE from the match; then the phase of the latest phase change
 *       by time (ties: the later phase). {@code msspId}: from the match.</li>
 *   <li>{@code participants}: the requesting authority (role from the request's producer: NCA, single point of contact or
 *       CSIRT as it is, any other as NCA; the requesting member state; joined at the request), ENISA (the match's
 *       producer; joined at the match), the provider (joined at the match; member state null, as for EU bodies), and
 *       every {@code ParticipantJoined}. One entry per organisation, its earliest joining (ties: the role first in
 *       {@link ParticipantRole} order); sorted by joinedAt, then organisation id.</li>
 *   <li>{@code assistingMemberStates}: the offering member states of accepted or fulfilled offers, and the member states
 *       of participants in the role ASSISTING_MEMBER_STATE; sorted, distinct. {@code crossBorder}: requesting, affected
 *       and assisting together name more than one member state.</li>
 *   <li>{@code latestSituationReport}: the report with the latest time (ties: the larger report id); acknowledgements of
 *       it (the earliest per organisation) by time then organisation; {@code awaitingAcknowledgement}: participants other
 *       than the reporter that have not acknowledged it, sorted; {@code acknowledgeBy} = report + the policy's
 *       acknowledgement window; {@code overdue} = the awaiting ones from acknowledgeBy on, else empty.</li>
 *   <li>{@code assistance}: every mutual-assistance request with its offers. An offer is OFFERED, then ACCEPTED or
 *       DECLINED by its decision (the earliest counts), then FULFILLED by its delivery. A request is FULFILLED if one of
 *       its offers is, else ACCEPTED if one is, else OFFERED if one awaits a decision, else OPEN (also when every offer
 *       was declined). Requests by time then id, offers by time then id.</li>
 *   <li>{@code openItems}: see {@link #coordination}; sorted by since, kind, owner, subject.</li>
 *   <li>{@code tlp}: the most restrictive TLP of the events that had occurred by the instant (TLP 2.0 orders CLEAR,
 *       GREEN, AMBER, AMBER+STRICT, RED), so that the marking covers exactly the facts the view shows; RED before any.</li>
 * </ul>
 */
public final class CoordinationViews {

    /** The owner of what ENISA must do for an incident. */
    private static final String ENISA = "role:ENISA";

    /** Prefix of an owner that is a member state; {@code member-state:*} is any member state. */
    private static final String MEMBER_STATE = "member-state:";

    /** The provider's own clocks: every clock but ENISA's match clock and ENISA's review clock. */
    private static final Set<ClockKind> PROVIDER_CLOCKS = EnumSet.complementOf(EnumSet.of(ClockKind.REQUEST_TO_MATCH, ClockKind.CLOSURE_TO_REVIEW));

    /** Clock states that settle whether the provider kept its clock: met, met late, or past its deadline. */
    private static final Set<ClockState> DECIDED = EnumSet.of(ClockState.MET, ClockState.MET_LATE, ClockState.BREACHED);

    private CoordinationViews() {
    }

    /**
     * The cross-border coordination status of the incident at {@code instant}, computed from its events up to
     * {@code throughSequence}; the rules are in the class description.
     *
     * <p>Open items, only while the incident is REQUESTED or ACTIVE (except the review's):
     * <ul>
     *   <li>AWAITING_MATCH: requested, not matched; owner {@code role:ENISA}; subject the incident; since the request.</li>
     *   <li>AWAITING_REMOTE_SUPPORT: active, no remote deployment; owner the provider; since the match.</li>
     *   <li>AWAITING_ON_SITE: active, on-site support asked for, no on-site deployment; owner the provider; since the match.</li>
     *   <li>ACKNOWLEDGEMENT_OVERDUE: one per overdue participant of the latest report; owner that participant; subject the
     *       report; since acknowledgeBy.</li>
     *   <li>ASSISTANCE_AWAITING_OFFERS: a request OPEN; one per member state asked ({@code member-state:<code>}, or
     *       {@code member-state:*} when all were); subject the request; since it was made.</li>
     *   <li>OFFER_AWAITING_DECISION: an offer OFFERED; owner {@code member-state:<requesting>}; subject the offer; since it
     *       was made.</li>
     *   <li>OFFER_AWAITING_FULFILMENT: an offer ACCEPTED; owner {@code member-state:<offering>}; subject the offer; since the
     *       decision.</li>
     *   <li>REVIEW_DUE from closure, REVIEW_OVERDUE from the review deadline, while the review (see {@link #review}) is DUE
     *       or OVERDUE; owner {@code role:ENISA}; subject the incident.</li>
     * </ul>
     */
    public static CoordinationView coordination(String incidentId, IncidentFacts facts, long throughSequence, Instant instant,
            CoordinationPolicy policy) {
        FactsAt known = new FactsAt(facts, instant);
        Optional<Filing> filing = known.filing();
        Optional<Match> match = known.match();
        IncidentStatus status = known.status();
        List<ClassificationChange> history = classificationHistory(known);
        List<Participant> participants = participants(known);
        List<AssistanceRequest> assistance = assistance(known);
        List<String> assisting = assistingMemberStates(participants, assistance);
        String requesting = filing.map(Filing::requestingMemberState).orElse(null);
        List<String> affected = filing.map(Filing::affectedMemberStates).orElse(List.of());
        Optional<SituationReportStatus> report = latestSituationReport(known, participants, policy);

        List<OpenItem> openItems = new ArrayList<>();
        if (status == IncidentStatus.REQUESTED || status == IncidentStatus.ACTIVE) {
            engagementItems(openItems, incidentId, known, status);
            report.ifPresent(r -> r.getOverdue().forEach(organisationId ->
                    openItems.add(item(OpenItemKind.ACKNOWLEDGEMENT_OVERDUE, organisationId, r.getReportId(), r.getAcknowledgeBy()))));
            assistanceItems(openItems, assistance, requesting);
        }
        reviewItem(incidentId, known, policy).ifPresent(openItems::add);
        openItems.sort(Comparator.comparing(OpenItem::getSince).thenComparing(OpenItem::getKind)
                .thenComparing(OpenItem::getOwner).thenComparing(OpenItem::getSubject));

        return CoordinationView.newBuilder()
                .setIncidentId(incidentId)
                .setThroughSequence(throughSequence)
                .setStatus(status)
                .setTitle(filing.map(Filing::title).orElse(null))
                .setClassification(history.isEmpty() ? null : history.get(history.size() - 1).getClassification())
                .setClassificationHistory(history)
                .setRequestingMemberState(requesting)
                .setAffectedMemberStates(affected)
                .setAssistingMemberStates(assisting)
                .setCrossBorder(memberStatesInvolved(requesting, affected, assisting).size() > 1)
                .setPhase(phase(known))
                .setMsspId(match.map(Match::msspId).orElse(null))
                .setParticipants(participants)
                .setLatestSituationReport(report.orElse(null))
                .setAssistance(assistance)
                .setOpenItems(List.copyOf(openItems))
                .setTlp(known.marking())
                .build();
    }

    /**
     * The incident's review under the incident review mechanism at {@code instant}. {@code state}: FILED once a
     * {@code PostIncidentReviewFiled} occurred; else NOT_DUE while the incident is not closed, and when the request was
     * withdrawn; else OVERDUE from {@code dueBy} = closure + the SLA policy's closure-to-review window; else DUE.
     * {@code findings} come from the review (the earliest counts); {@code closureToReviewMillis} = filedAt - closedAt,
     * null unless both occurred; {@code sectors}: the affected entities' sectors, sorted, distinct; {@code slaOutcome}:
     * the incident's SLA clocks read at the same instant.
     */
    public static ReviewView review(String incidentId, IncidentFacts facts, long throughSequence, Instant instant, CoordinationPolicy policy) {
        FactsAt known = new FactsAt(facts, instant);
        Long closedAt = known.closedAt();
        Optional<Review> review = known.review();
        return ReviewView.newBuilder()
                .setIncidentId(incidentId)
                .setThroughSequence(throughSequence)
                .setState(known.reviewState(policy))
                .setClosedAt(closedAt == null ? null : Instant.ofEpochMilli(closedAt))
                .setDueBy(closedAt == null ? null : Instant.ofEpochMilli(FactsAt.reviewDue(closedAt, policy)))
                .setFiledAt(review.map(r -> Instant.ofEpochMilli(r.at())).orElse(null))
                .setClosureToReviewMillis(closedAt == null ? null : review.map(r -> r.at() - closedAt).orElse(null))
                .setFindings(review.map(CoordinationViews::findings).orElse(null))
                .setSectors(known.filing().map(Filing::sectors).orElse(List.of()))
                .setMsspId(known.match().map(Match::msspId).orElse(null))
                .setSlaOutcome(SlaClocks.at(facts.timeline(), instant, policy.sla()).stream().map(SlaViews::clock).toList())
                .build();
    }

    /**
     * The incident's entry in the overview of each member state involved (requesting, affected or assisting), by member
     * state code. Each entry names the relations in {@link MemberStateRelation} order and carries the view's title,
     * status, classification, phase and open items, and when the request was filed (the first classification's instant).
     */
    public static Map<String, MemberStateIncident> memberStates(CoordinationView view) {
        Map<String, MemberStateIncident> entries = new TreeMap<>();
        Set<String> involved = memberStatesInvolved(view.getRequestingMemberState(), view.getAffectedMemberStates(), view.getAssistingMemberStates());
        for (String memberState : involved) {
            List<MemberStateRelation> relations = new ArrayList<>();
            if (memberState.equals(view.getRequestingMemberState())) {
                relations.add(MemberStateRelation.REQUESTING);
            }
            if (view.getAffectedMemberStates().contains(memberState)) {
                relations.add(MemberStateRelation.AFFECTED);
            }
            if (view.getAssistingMemberStates().contains(memberState)) {
                relations.add(MemberStateRelation.ASSISTING);
            }
            entries.put(memberState, MemberStateIncident.newBuilder()
                    .setIncidentId(view.getIncidentId())
                    .setRelations(relations)
                    .setTitle(view.getTitle())
                    .setStatus(view.getStatus())
                    .setClassification(view.getClassification())
                    .setPhase(view.getPhase())
                    .setOpenItems(view.getOpenItems())
                    .setRequestedAt(view.getClassificationHistory().isEmpty() ? null : view.getClassificationHistory().get(0).getAt())
                    .build());
        }
        return entries;
    }

    /**
     * A filed review's entry in each lessons group: {@code taxonomy:<TaxonomyClass>} and {@code sector:<Sector>} for
     * each distinct affected sector. Empty unless the review is FILED for a closed incident: a lesson is timed from
     * closure, and a review counts in no group before the closure it follows has occurred.
     */
    public static Map<String, LessonRecord> lessons(ReviewView review) {
        if (review.getState() != ReviewState.FILED || review.getClosureToReviewMillis() == null) {
            return Map.of();
        }
        LessonRecord lesson = LessonRecord.newBuilder()
                .setIncidentId(review.getIncidentId())
                .setTaxonomyClass(review.getFindings().getTaxonomyClass())
                .setSectors(review.getSectors())
                .setLessonsLearned(review.getFindings().getLessonsLearned())
                .setRecommendations(review.getFindings().getRecommendations())
                .setFiledAt(review.getFiledAt())
                .setClosureToReviewMillis(review.getClosureToReviewMillis())
                .build();
        Map<String, LessonRecord> groups = new TreeMap<>();
        groups.put("taxonomy:" + lesson.getTaxonomyClass(), lesson);
        for (Sector sector : lesson.getSectors()) {
            groups.put("sector:" + sector, lesson);
        }
        return groups;
    }

    /**
     * The engagement's entry in its provider's scorecard, by provider id; empty before the match. The provider's clocks
     * are the SLA clocks at the instant but the match clock (ENISA's) and the review clock (ENISA's): {@code clocksDecided}
     * counts those MET, MET_LATE or BREACHED, and those STOPPED after their deadline (a breach that closure or withdrawal
     * ended still counts against the provider, as in the SLA view's breaches per MSSP); {@code clocksMet} those MET. {@code deployments} counts the deployments
     * started; the times to remote and on-site support run from the match to the first such deployment (never below zero,
     * as for the clocks), null until it started; {@code citedInReview}: the filed review lists the provider; {@code matchedAt}:
     * the match's occurredAt.
     */
    public static Map<String, EngagementRecord> engagements(String incidentId, IncidentFacts facts, Instant instant, CoordinationPolicy policy) {
        FactsAt known = new FactsAt(facts, instant);
        Optional<Match> match = known.match();
        if (match.isEmpty()) {
            return Map.of();
        }
        String msspId = match.get().msspId();
        List<ClockReading> clocks = SlaClocks.at(facts.timeline(), instant, policy.sla()).stream()
                .filter(reading -> PROVIDER_CLOCKS.contains(reading.kind())).toList();
        List<Deployment> deployments = known.known(facts.deployments()).toList();
        EngagementRecord engagement = EngagementRecord.newBuilder()
                .setIncidentId(incidentId)
                .setDeployments(deployments.size())
                .setClocksDecided((int) clocks.stream().filter(CoordinationViews::decided).count())
                .setClocksMet((int) clocks.stream().filter(reading -> reading.state() == ClockState.MET).count())
                .setTimeToRemoteSupportMillis(timeFromMatch(match.get(), deployments, DeploymentMode.REMOTE))
                .setTimeToOnSiteMillis(timeFromMatch(match.get(), deployments, DeploymentMode.ON_SITE))
                .setCitedInReview(known.review().map(review -> review.citedProviders().contains(msspId)).orElse(false))
                .setMatchedAt(Instant.ofEpochMilli(match.get().at()))
                .build();
        return Map.of(msspId, engagement);
    }

    /** Whether a provider's clock counts on the scorecard: met, met late, breached, or stopped after its deadline. */
    private static boolean decided(ClockReading reading) {
        return DECIDED.contains(reading.state()) || reading.state() == ClockState.STOPPED && reading.breached();
    }

    /**
     * The next instant after {@code instant} at which any view above changes with no new event, if one will: a fact
     * timed ahead of the instant coming due, a situation report's acknowledgement deadline, the review deadline, or a
     * change of the SLA clocks ({@link SlaClocks#nextChange}). It may name an instant at which nothing visible changes;
     * it never misses one at which something does.
     */
    public static Optional<Instant> nextChange(IncidentFacts facts, Instant instant, CoordinationPolicy policy) {
        long t = instant.toEpochMilli();
        long acknowledgementWindow = policy.acknowledgementWindow().toMillis();
        Stream<Long> due = Stream.of(
                facts.factTimes().stream(),
                facts.reports().stream().map(report -> report.at() + acknowledgementWindow),
                facts.closures().stream().map(closedAt -> FactsAt.reviewDue(closedAt, policy)),
                SlaClocks.nextChange(facts.timeline(), instant, policy.sla()).map(Instant::toEpochMilli).stream())
                .flatMap(s -> s);
        return due.filter(at -> at > t).min(Comparator.naturalOrder()).map(Instant::ofEpochMilli);
    }

    // ------------------------------------------------------------------ coordination status

    private static List<ClassificationChange> classificationHistory(FactsAt known) {
        List<ClassificationChange> history = new ArrayList<>();
        known.filing().ifPresent(filing -> history.add(classification(filing.classification(), filing.at(), null)));
        known.known(known.facts().reclassifications())
                .sorted(Comparator.comparingLong(Reclassification::at).thenComparing(Reclassification::classification)
                        .thenComparing(Reclassification::reason, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(change -> history.add(classification(change.classification(), change.at(), change.reason())));
        return List.copyOf(history);
    }

    private static ClassificationChange classification(Classification classification, long at, String reason) {
        return ClassificationChange.newBuilder().setClassification(classification).setAt(Instant.ofEpochMilli(at)).setReason(reason).build();
    }

    private static Phase phase(FactsAt known) {
        if (known.match().isEmpty()) {
            return null;
        }
        return known.known(known.facts().phaseChanges())
                .max(Comparator.comparingLong(PhaseEntry::at).thenComparing(PhaseEntry::phase))
                .map(PhaseEntry::phase)
                .orElse(Phase.INITIAL_RESPONSE);
    }

    private static List<Participant> participants(FactsAt known) {
        List<Participant> candidates = new ArrayList<>();
        known.filing().ifPresent(filing -> candidates.add(participant(filing.requestingAuthority(), filing.authorityRole(),
                filing.requestingMemberState(), filing.at())));
        known.match().ifPresent(match -> {
            candidates.add(participant(match.matchedBy(), ParticipantRole.ENISA, null, match.at()));
            candidates.add(participant(match.msspId(), ParticipantRole.MSSP, null, match.at()));
        });
        known.known(known.facts().joinings()).forEach(joining -> candidates.add(participant(joining.organisationId(), joining.role(),
                joining.memberState(), joining.at())));

        // One entry per organisation: its earliest joining, the same whatever order the candidates came in.
        Map<String, Participant> earliest = new LinkedHashMap<>();
        candidates.stream()
                .sorted(Comparator.comparing(Participant::getJoinedAt).thenComparing(Participant::getOrganisationId)
                        .thenComparing(Participant::getRole)
                        .thenComparing(Participant::getMemberState, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(candidate -> earliest.putIfAbsent(candidate.getOrganisationId(), candidate));
        return List.copyOf(earliest.values());
    }

    private static Participant participant(String organisationId, ParticipantRole role, String memberState, long joinedAt) {
        return Participant.newBuilder().setOrganisationId(organisationId).setRole(role).setMemberState(memberState)
                .setJoinedAt(Instant.ofEpochMilli(joinedAt)).build();
    }

    private static List<AssistanceRequest> assistance(FactsAt known) {
        return known.known(known.facts().assistanceRequests())
                .sorted(Comparator.comparingLong(AssistanceAsked::at).thenComparing(AssistanceAsked::assistanceRequestId))
                .map(request -> {
                    List<AssistanceOffer> offers = known.known(known.facts().offers())
                            .filter(offer -> offer.assistanceRequestId().equals(request.assistanceRequestId()))
                            .sorted(Comparator.comparingLong(OfferMade::at).thenComparing(OfferMade::offerId))
                            .map(offer -> offer(known, offer))
                            .toList();
                    return AssistanceRequest.newBuilder()
                            .setAssistanceRequestId(request.assistanceRequestId())
                            .setRequestedBy(request.requestedBy())
                            .setRequestedFrom(request.requestedFrom())
                            .setCapabilitiesNeeded(request.capabilitiesNeeded())
                            .setRequestedAt(Instant.ofEpochMilli(request.at()))
                            .setState(requestState(offers))
                            .setOffers(offers)
                            .build();
                })
                .toList();
    }

    private static AssistanceOffer offer(FactsAt known, OfferMade offer) {
        Optional<OfferDecided> decision = known.known(known.facts().decisions())
                .filter(decided -> decided.offerId().equals(offer.offerId())).findFirst();
        Optional<OfferFulfilled> fulfilment = known.known(known.facts().fulfilments())
                .filter(fulfilled -> fulfilled.offerId().equals(offer.offerId())).findFirst();
        OfferState state;
        if (fulfilment.isPresent()) {
            state = OfferState.FULFILLED;
        } else if (decision.isPresent()) {
            state = decision.get().decision() == OfferDecision.ACCEPTED ? OfferState.ACCEPTED : OfferState.DECLINED;
        } else {
            state = OfferState.OFFERED;
        }
        return AssistanceOffer.newBuilder()
                .setOfferId(offer.offerId())
                .setOfferingMemberState(offer.offeringMemberState())
                .setCapabilitiesOffered(offer.capabilitiesOffered())
                .setState(state)
                .setOfferedAt(Instant.ofEpochMilli(offer.at()))
                .setDecidedAt(decision.map(d -> Instant.ofEpochMilli(d.at())).orElse(null))
                .setFulfilledAt(fulfilment.map(f -> Instant.ofEpochMilli(f.at())).orElse(null))
                .build();
    }

    private static AssistanceState requestState(List<AssistanceOffer> offers) {
        if (offers.stream().anyMatch(offer -> offer.getState() == OfferState.FULFILLED)) {
            return AssistanceState.FULFILLED;
        }
        if (offers.stream().anyMatch(offer -> offer.getState() == OfferState.ACCEPTED)) {
            return AssistanceState.ACCEPTED;
        }
        if (offers.stream().anyMatch(offer -> offer.getState() == OfferState.OFFERED)) {
            return AssistanceState.OFFERED;
        }
        return AssistanceState.OPEN;
    }

    private static List<String> assistingMemberStates(List<Participant> participants, List<AssistanceRequest> assistance) {
        Set<String> assisting = new TreeSet<>();
        assistance.stream().flatMap(request -> request.getOffers().stream())
                .filter(offer -> offer.getState() == OfferState.ACCEPTED || offer.getState() == OfferState.FULFILLED)
                .forEach(offer -> assisting.add(offer.getOfferingMemberState()));
        participants.stream()
                .filter(participant -> participant.getRole() == ParticipantRole.ASSISTING_MEMBER_STATE && participant.getMemberState() != null)
                .forEach(participant -> assisting.add(participant.getMemberState()));
        return List.copyOf(assisting);
    }

    private static Set<String> memberStatesInvolved(String requesting, List<String> affected, List<String> assisting) {
        Set<String> involved = new TreeSet<>(affected);
        involved.addAll(assisting);
        if (requesting != null) {
            involved.add(requesting);
        }
        return involved;
    }

    private static Optional<SituationReportStatus> latestSituationReport(FactsAt known, List<Participant> participants, CoordinationPolicy policy) {
        Optional<Report> latest = known.known(known.facts().reports())
                .max(Comparator.comparingLong(Report::at).thenComparing(Report::reportId));
        return latest.map(report -> {
            Map<String, ReportAcknowledgement> firstByOrganisation = new LinkedHashMap<>();
            known.known(known.facts().acknowledgements())
                    .filter(acknowledgement -> acknowledgement.reportId().equals(report.reportId()))
                    .sorted(Comparator.comparingLong(ReportAcknowledgement::at).thenComparing(ReportAcknowledgement::organisationId))
                    .forEach(acknowledgement -> firstByOrganisation.putIfAbsent(acknowledgement.organisationId(), acknowledgement));
            List<Acknowledgement> acknowledgedBy = firstByOrganisation.values().stream()
                    .map(a -> Acknowledgement.newBuilder().setOrganisationId(a.organisationId()).setAt(Instant.ofEpochMilli(a.at())).build())
                    .toList();
            List<String> awaiting = participants.stream().map(Participant::getOrganisationId)
                    .filter(organisationId -> !organisationId.equals(report.reportedBy()) && !firstByOrganisation.containsKey(organisationId))
                    .sorted().toList();
            long acknowledgeBy = report.at() + policy.acknowledgementWindow().toMillis();
            return SituationReportStatus.newBuilder()
                    .setReportId(report.reportId())
                    .setReportedBy(report.reportedBy())
                    .setReportedAt(Instant.ofEpochMilli(report.at()))
                    .setSummary(report.summary())
                    .setAcknowledgedBy(acknowledgedBy)
                    .setAwaitingAcknowledgement(awaiting)
                    .setOverdue(known.t() >= acknowledgeBy ? awaiting : List.of())
                    .setAcknowledgeBy(Instant.ofEpochMilli(acknowledgeBy))
                    .build();
        });
    }

    // ------------------------------------------------------------------ open items

    /** What waits for ENISA's match or the provider's deployments. */
    private static void engagementItems(List<OpenItem> items, String incidentId, FactsAt known, IncidentStatus status) {
        Optional<Filing> filing = known.filing();
        if (status == IncidentStatus.REQUESTED) {
            filing.ifPresent(f -> items.add(item(OpenItemKind.AWAITING_MATCH, ENISA, incidentId, Instant.ofEpochMilli(f.at()))));
            return;
        }
        Match match = known.match().orElseThrow(); // ACTIVE means matched
        Instant matchedAt = Instant.ofEpochMilli(match.at());
        List<Deployment> deployments = known.known(known.facts().deployments()).toList();
        if (firstDeployment(deployments, DeploymentMode.REMOTE).isEmpty()) {
            items.add(item(OpenItemKind.AWAITING_REMOTE_SUPPORT, match.msspId(), incidentId, matchedAt));
        }
        boolean onSiteAsked = filing.map(Filing::onSiteSupportRequested).orElse(false);
        if (onSiteAsked && firstDeployment(deployments, DeploymentMode.ON_SITE).isEmpty()) {
            items.add(item(OpenItemKind.AWAITING_ON_SITE, match.msspId(), incidentId, matchedAt));
        }
    }

    /** What waits for member states under mutual assistance. */
    private static void assistanceItems(List<OpenItem> items, List<AssistanceRequest> assistance, String requestingMemberState) {
        for (AssistanceRequest request : assistance) {
            if (request.getState() == AssistanceState.OPEN) {
                List<String> asked = request.getRequestedFrom().isEmpty() ? List.of("*") : request.getRequestedFrom();
                asked.forEach(memberState -> items.add(item(OpenItemKind.ASSISTANCE_AWAITING_OFFERS, MEMBER_STATE + memberState,
                        request.getAssistanceRequestId(), request.getRequestedAt())));
            }
            for (AssistanceOffer offer : request.getOffers()) {
                if (offer.getState() == OfferState.OFFERED) {
                    items.add(item(OpenItemKind.OFFER_AWAITING_DECISION, MEMBER_STATE + requestingMemberState, offer.getOfferId(),
                            offer.getOfferedAt()));
                } else if (offer.getState() == OfferState.ACCEPTED) {
                    items.add(item(OpenItemKind.OFFER_AWAITING_FULFILMENT, MEMBER_STATE + offer.getOfferingMemberState(), offer.getOfferId(),
                            offer.getDecidedAt()));
                }
            }
        }
    }

    /** The review ENISA owes, while it is due or overdue. */
    private static Optional<OpenItem> reviewItem(String incidentId, FactsAt known, CoordinationPolicy policy) {
        ReviewState state = known.reviewState(policy);
        if (state == ReviewState.DUE) {
            return Optional.of(item(OpenItemKind.REVIEW_DUE, ENISA, incidentId, Instant.ofEpochMilli(known.closedAt())));
        }
        if (state == ReviewState.OVERDUE) {
            return Optional.of(item(OpenItemKind.REVIEW_OVERDUE, ENISA, incidentId,
                    Instant.ofEpochMilli(FactsAt.reviewDue(known.closedAt(), policy))));
        }
        return Optional.empty();
    }

    private static OpenItem item(OpenItemKind kind, String owner, String subject, Instant since) {
        return OpenItem.newBuilder().setKind(kind).setOwner(owner).setSubject(subject).setSince(since).build();
    }

    // ------------------------------------------------------------------ review and engagement

    private static ReviewFindings findings(Review review) {
        return ReviewFindings.newBuilder()
                .setRootCause(review.rootCause())
                .setTaxonomyClass(review.taxonomyClass())
                .setTaxonomyType(review.taxonomyType())
                .setExploitedVulnerabilities(review.exploitedVulnerabilities())
                .setLessonsLearned(review.lessonsLearned())
                .setRecommendations(review.recommendations())
                .setCitedProviders(review.citedProviders())
                .build();
    }

    private static Optional<Deployment> firstDeployment(List<Deployment> deployments, DeploymentMode mode) {
        return deployments.stream().filter(deployment -> deployment.mode() == mode).min(Comparator.comparingLong(Timed::at));
    }

    private static Long timeFromMatch(Match match, List<Deployment> deployments, DeploymentMode mode) {
        return firstDeployment(deployments, mode).map(deployment -> Math.max(0, deployment.at() - match.at())).orElse(null);
    }
}
