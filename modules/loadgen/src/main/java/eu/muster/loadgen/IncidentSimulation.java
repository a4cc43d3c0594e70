package eu.muster.loadgen;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.Tlp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One incident's life, as its producers would live it: who files what, and when on the virtual
 * clock. It keeps an agenda of the steps due (the request, the match, the next situation report,
 * acknowledgements of the last one, the next phase, ...), and emitting a step schedules what
 * follows from it. It also keeps its own model of what the log of record has accepted for the
 * incident, which is what the invalid submissions are made against; the model is deliberately not
 * modules/domain's state, so that the tests holding the traffic to the real rules prove something.
 *
 * <p>Its memory is small and bounded: a handful of pending steps and the ids the incident used.
 */
final class IncidentSimulation {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Shares of incidents taking a given turn: rare enough that the usual lifecycle dominates, frequent enough to be seen. */
    private static final double WITHDRAWN_BEFORE_MATCH = 0.02;
    private static final double WITHDRAWN_AFTER_MATCH = 0.01;
    private static final double LARGE_SCALE = 0.2;
    private static final double ON_SITE = 0.4;
    private static final double STEP_BACK = 0.1;
    private static final double SKIP_INVESTIGATION = 0.05;
    private static final double RECLASSIFIED = 0.1;
    private static final double MUTUAL_ASSISTANCE = 0.15;
    private static final double SLA_TERMS_GIVEN = 0.6;
    private static final double LATE_REPORT = 0.05;
    /** A brief incident's concerned authorities join less often: the requester handles it with the provider. */
    private static final double BRIEF_JOINING = 0.5;

    /** What a step of the agenda does. */
    enum Act {
        REQUEST, MATCH, DEPLOY_REMOTE, DEPLOY_ON_SITE, JOIN, REPORT, ACKNOWLEDGE, PHASE, ASSISTANCE_REQUEST, OFFER, DECISION,
        FULFILMENT, RECLASSIFY, END_DEPLOYMENT, WITHDRAW, CLOSE, REVIEW;

        /** Reports and their acknowledgements recur for as long as the incident runs, and the closure does not wait for them. */
        boolean recurring() {
            return this == REPORT || this == ACKNOWLEDGE;
        }
    }

    /**
     * A step due on the agenda.
     *
     * @param at    when, on the virtual clock (epoch milliseconds)
     * @param order ties at the same instant go in the order they were scheduled, so the agenda is deterministic
     * @param actor who does it, when already known
     * @param ref   the id it refers to: a report, deployment, assistance request, offer, or the joining organisation
     * @param phase the phase it enters, for {@link Act#PHASE}
     */
    record Step(long at, long order, Act act, Organisation actor, String ref, Phase phase) {
    }

    /**
     * A mutual-assistance offer as the incident knows it.
     *
     * @param by       the offering authority
     * @param decision the requesting member state's decision, null while undecided
     */
    record Offer(Organisation by, OfferDecision decision) {
    }

    /**
     * A deployment the provider plans when matched.
     *
     * @param id      its deploymentId
     * @param startAt when it starts
     */
    private record PlannedDeployment(String id, long startAt) {
    }

    private static final Comparator<Step> DUE = Comparator.comparingLong(Step::at).thenComparingLong(Step::order);

    final long ordinal;
    final String incidentId;
    private final SplittableRandom random;
    private final Directory directory;
    private final Organisation enisa;
    private final PriorityQueue<Step> agenda = new PriorityQueue<>(DUE);
    private long scheduled;

    // ------------------------------------------------------------ what the request will say and the plan of the incident's life
    final Organisation requester;
    /** One member state, remote support only, contained within hours: see {@link LoadSettings#briefShare()}. */
    private final boolean brief;
    private final Wording.Archetype archetype;
    private final List<AffectedEntity> entities;
    private final List<String> affectedMemberStates;
    private final List<String> languages;
    private final List<ResponseService> services;
    private final boolean onSite;
    private final int withdrawal; // 0 never, 1 before the match, 2 after it
    private final boolean stepBack;
    private final boolean skipInvestigation;
    private final boolean reclassify;
    private final boolean mutualAssistance;
    private final long openedAt;
    private long reportIntervalMinutes;
    private final List<PlannedDeployment> deployments = new ArrayList<>(2);

    // ------------------------------------------------------------ what the log of record holds for the incident, by this model
    private boolean requested;
    private Classification classification;
    private Organisation mssp;
    private Phase phase;
    private boolean steppedBack;
    private final Map<String, Organisation> joined = new LinkedHashMap<>();
    private final List<String> runningDeployments = new ArrayList<>(2);
    private final List<String> endedDeployments = new ArrayList<>(2);
    private int reports;
    private final Map<String, List<String>> assistanceRequests = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private boolean withdrawn;
    private boolean closed;
    private boolean reviewed;
    private long lastAt;

    /**
     * An incident whose request will be filed at {@code openAt}.
     *
     * @param random     its own random, split from the run's, so its life does not depend on how it interleaves with others
     * @param briefShare the chance that it is brief; at 0 no draw is made, so the traffic is what it was before brief incidents
     */
    IncidentSimulation(long ordinal, String incidentId, SplittableRandom random, Directory directory, long openAt, double briefShare) {
        this.ordinal = ordinal;
        this.incidentId = incidentId;
        this.random = random;
        this.directory = directory;
        this.enisa = directory.enisa().orElseThrow();
        this.openedAt = openAt;
        this.lastAt = openAt;
        this.brief = briefShare > 0 && Dice.chance(random, briefShare);
        this.requester = Dice.pick(random, directory.requestingAuthorities());
        String home = requester.getMemberState();
        this.archetype = Dice.pick(random, Wording.ARCHETYPES);
        this.classification = !brief && Dice.chance(random, LARGE_SCALE) ? Classification.LARGE_SCALE : Classification.SIGNIFICANT;
        List<String> states = new ArrayList<>(3);
        states.add(home);
        // A large-scale incident crosses borders by definition (NIS2 Art. 6(7)); a significant one now and then.
        int abroad = classification == Classification.LARGE_SCALE ? Dice.between(random, 1, 2) : !brief && Dice.chance(random, 0.1) ? 1 : 0;
        for (int i = 0; i < abroad; i++) {
            String other = Dice.pick(random, Wording.MEMBER_STATES);
            if (!states.contains(other)) {
                states.add(other);
            }
        }
        this.affectedMemberStates = List.copyOf(states);
        List<AffectedEntity> affected = new ArrayList<>(4);
        int count = brief ? 1 : Dice.between(random, 1, 2);
        for (int i = 0; i < count; i++) {
            Sector sector = Dice.pick(random, archetype.sectors());
            affected.add(Facts.entity(Wording.entityName(random, sector, home), sector, home));
        }
        for (String state : states.subList(1, states.size())) {
            Sector sector = Dice.pick(random, archetype.sectors());
            affected.add(Facts.entity(Wording.entityName(random, sector, state), sector, state));
        }
        this.entities = List.copyOf(affected);
        String language = Wording.language(home);
        this.languages = language.equals("en") ? List.of("en") : List.of(language, "en");
        this.services = Dice.some(random, archetype.services(), Dice.between(random, 1, 3));
        this.onSite = !brief && Dice.chance(random, ON_SITE);
        double turn = random.nextDouble();
        this.withdrawal = turn < WITHDRAWN_BEFORE_MATCH ? 1 : turn < WITHDRAWN_BEFORE_MATCH + WITHDRAWN_AFTER_MATCH ? 2 : 0;
        this.stepBack = !brief && Dice.chance(random, STEP_BACK);
        this.skipInvestigation = brief || Dice.chance(random, SKIP_INVESTIGATION);
        this.reclassify = !brief && Dice.chance(random, RECLASSIFIED);
        this.mutualAssistance = !brief && Dice.chance(random, MUTUAL_ASSISTANCE) && !offeringMemberStates().isEmpty();
        schedule(openAt, Act.REQUEST, requester, null, null);
    }

    /** When the next step is due; only while not {@link #finished()}. */
    long nextAt() {
        return agenda.element().at();
    }

    /** Whether the incident's life is over: reviewed, or withdrawn. */
    boolean finished() {
        return agenda.isEmpty();
    }

    /**
     * Takes the next step and returns the event it files, or null when the step is put off (a
     * closure waiting for work still under way), in which case a later step is due instead.
     *
     * @param ids the run's random, which draws the eventId
     */
    IncidentEvent advance(SplittableRandom ids) {
        Step step = agenda.remove();
        long at = step.at();
        if (step.act() == Act.CLOSE) {
            long busyUntil = agenda.stream().filter(s -> !s.act().recurring()).mapToLong(Step::at).max().orElse(Long.MIN_VALUE);
            if (busyUntil != Long.MIN_VALUE) {
                // Nobody closes an incident while a deployment, an offer or a phase change is still under way.
                schedule(busyUntil + Dice.between(random, HOUR, 3 * HOUR), Act.CLOSE, step.actor(), null, null);
                return null;
            }
        }
        lastAt = at;
        String eventId = Dice.uuid(ids);
        return switch (step.act()) {
            case REQUEST -> request(eventId, at);
            case MATCH -> match(eventId, at);
            case DEPLOY_REMOTE -> deployRemote(eventId, at, step.ref());
            case DEPLOY_ON_SITE -> deployOnSite(eventId, at, step.ref());
            case JOIN -> join(eventId, at, step);
            case REPORT -> report(eventId, at);
            case ACKNOWLEDGE -> Facts.envelope(eventId, incidentId, at, step.actor(), Tlp.GREEN, Facts.acknowledgement(step.ref()));
            case PHASE -> phase(eventId, at, step.phase());
            case ASSISTANCE_REQUEST -> assistanceRequest(eventId, at);
            case OFFER -> offer(eventId, at, step);
            case DECISION -> decision(eventId, at, step.ref());
            case FULFILMENT -> fulfilment(eventId, at, step);
            case RECLASSIFY -> reclassification(eventId, at, step.actor());
            case END_DEPLOYMENT -> endDeployment(eventId, at, step.ref());
            case WITHDRAW -> withdrawal(eventId, at);
            case CLOSE -> closure(eventId, at, step.actor());
            case REVIEW -> review(eventId, at);
        };
    }

    // ------------------------------------------------------------ the steps

    private IncidentEvent request(String eventId, long at) {
        requested = true;
        String home = requester.getMemberState();
        Long awareAt = Dice.chance(random, 0.8) ? at - Dice.between(random, 30 * MINUTE, 2 * DAY) : null;
        List<String> gaps = Dice.some(random, archetype.capabilityGaps(), Dice.between(random, 1, 2));
        IncidentEvent event = Facts.envelope(eventId, incidentId, at, requester, Dice.chance(random, 0.9) ? Tlp.AMBER : Tlp.AMBER_STRICT,
                Facts.request(requester.getId(), home, archetype.titlePrefix() + entities.get(0).getName(), classification, entities,
                        affectedMemberStates, gaps, services, languages, onSite, awareAt));
        for (Organisation candidate : directory.organisations()) {
            double p = joiningChance(candidate);
            if (p > 0 && Dice.chance(random, p)) {
                double who = random.nextDouble();
                // Most join by themselves; the requester or ENISA brings some in.
                Organisation by = who < 0.7 ? candidate : who < 0.9 ? requester : enisa;
                schedule(at + Dice.between(random, HOUR, 36 * HOUR), Act.JOIN, by, candidate.getId(), null);
            }
        }
        if (withdrawal == 1) {
            schedule(at + Dice.between(random, HOUR, 8 * HOUR), Act.WITHDRAW, requester, null, null);
        } else {
            schedule(at + Dice.between(random, HOUR, 6 * HOUR), Act.MATCH, enisa, null, null);
        }
        return event;
    }

    private double joiningChance(Organisation candidate) {
        if (candidate.getId().equals(requester.getId())) {
            return 0;
        }
        OrganisationRole role = candidate.getRole();
        boolean concerned = concerns(candidate);
        double chance = switch (role) {
            case NCA, SINGLE_POINT_OF_CONTACT, CSIRT -> concerned ? 0.6 : 0.2;
            case AFFECTED_ENTITY -> concerned ? 0.5 : 0;
            case COMMISSION -> classification == Classification.LARGE_SCALE ? 0.3 : 0.05;
            // ENISA takes part with the match, and providers are matched, not joined.
            case ENISA, MSSP -> 0;
        };
        // A brief incident is handled at home: only the affected member state's authorities and entities join, and fewer of them.
        return brief ? (concerned ? chance * BRIEF_JOINING : 0) : chance;
    }

    /** Whether the organisation belongs to an affected member state (EU bodies belong to none). */
    private boolean concerns(Organisation organisation) {
        return organisation.getMemberState() != null && affectedMemberStates.contains(organisation.getMemberState());
    }

    private IncidentEvent match(String eventId, long at) {
        mssp = Dice.pick(random, directory.mssps());
        phase = Phase.INITIAL_RESPONSE;
        SlaTerms terms;
        if (Dice.chance(random, SLA_TERMS_GIVEN)) {
            long reportInterval = Dice.pick(random, 360L, 480L, 720L);
            terms = Facts.terms("csr-fc-2026-" + mssp.getId(), Dice.pick(random, 120L, 240L, 480L), Dice.pick(random, 1440L, 2880L),
                    reportInterval);
            reportIntervalMinutes = reportInterval;
        } else {
            terms = Facts.terms(null, null, null, null);
            reportIntervalMinutes = Dice.pick(random, 360L, 480L, 720L);
        }
        List<String> criteria = new ArrayList<>(4);
        criteria.add("language:" + languages.get(0));
        criteria.add("sector:" + entities.get(0).getSector());
        criteria.add("availability");
        if (onSite) {
            criteria.add("on-site:" + requester.getMemberState());
        }
        IncidentEvent event = Facts.envelope(eventId, incidentId, at, enisa, Tlp.AMBER, Facts.match(mssp.getId(), List.copyOf(criteria),
                ConflictOfInterestResult.PASSED, enisa.getId(), at - Dice.between(random, 10 * MINUTE, HOUR),
                Dice.chance(random, 0.3) ? Dice.pick(random, Wording.COI_REMARKS) : null, terms));

        // Remote support usually starts within the framework contract's window; now and then it is late, as in life.
        long remoteAt = at + (Dice.chance(random, 0.95) ? Dice.between(random, 30 * MINUTE, 4 * HOUR) : Dice.between(random, 4 * HOUR, 9 * HOUR));
        deployments.add(new PlannedDeployment("dep-remote-1", remoteAt));
        schedule(remoteAt, Act.DEPLOY_REMOTE, mssp, "dep-remote-1", null);
        if (onSite) {
            long onSiteAt = at + Dice.between(random, 8 * HOUR, 40 * HOUR);
            deployments.add(new PlannedDeployment("dep-onsite-1", onSiteAt));
            schedule(onSiteAt, Act.DEPLOY_ON_SITE, mssp, "dep-onsite-1", null);
        }
        schedule(at + Dice.between(random, HOUR, 4 * HOUR), Act.REPORT, null, null, null);
        if (brief) {
            schedule(at + Dice.between(random, 3 * HOUR, 10 * HOUR), Act.PHASE, null, null, Phase.CONTAINMENT_RECOVERY);
        } else if (skipInvestigation) {
            schedule(at + Dice.between(random, DAY, 3 * DAY), Act.PHASE, null, null, Phase.CONTAINMENT_RECOVERY);
        } else {
            schedule(at + Dice.between(random, 12 * HOUR, 30 * HOUR), Act.PHASE, null, null, Phase.INVESTIGATION);
        }
        if (reclassify) {
            schedule(at + Dice.between(random, 12 * HOUR, 3 * DAY), Act.RECLASSIFY, Dice.chance(random, 0.7) ? requester : enisa, null, null);
        }
        if (mutualAssistance) {
            schedule(at + Dice.between(random, 12 * HOUR, 2 * DAY), Act.ASSISTANCE_REQUEST, requester, null, null);
        }
        if (withdrawal == 2) {
            schedule(at + Dice.between(random, 6 * HOUR, 2 * DAY), Act.WITHDRAW, requester, null, null);
        }
        return event;
    }

    private IncidentEvent deployRemote(String eventId, long at, String deploymentId) {
        runningDeployments.add(deploymentId);
        return Facts.envelope(eventId, incidentId, at, mssp, Tlp.AMBER, Facts.remoteDeployment(deploymentId, mssp.getId(),
                Dice.between(random, 2, 6), lead(), services));
    }

    private IncidentEvent deployOnSite(String eventId, long at, String deploymentId) {
        runningDeployments.add(deploymentId);
        String state = requester.getMemberState();
        return Facts.envelope(eventId, incidentId, at, mssp, Tlp.AMBER_STRICT, Facts.onSiteDeployment(deploymentId, mssp.getId(),
                Dice.between(random, 1, 4), lead(), services, state, Dice.chance(random, 0.7) ? Dice.pick(random, Wording.city(state)) : null));
    }

    private String lead() {
        return Dice.chance(random, 0.7) ? Dice.pick(random, Wording.TEAM_LEADS) : null;
    }

    private IncidentEvent join(String eventId, long at, Step step) {
        Organisation joining = directory.byId(step.ref()).orElseThrow();
        joined.put(joining.getId(), joining);
        return Facts.envelope(eventId, incidentId, at, step.actor(), Tlp.GREEN, Facts.joined(joining, participantRole(joining),
                Dice.chance(random, 0.6) ? "duty@" + joining.getId() + ".example" : null));
    }

    private ParticipantRole participantRole(Organisation joining) {
        boolean concerned = concerns(joining);
        return switch (joining.getRole()) {
            case NCA -> concerned ? ParticipantRole.NCA : ParticipantRole.ASSISTING_MEMBER_STATE;
            case SINGLE_POINT_OF_CONTACT -> concerned ? ParticipantRole.SINGLE_POINT_OF_CONTACT : ParticipantRole.ASSISTING_MEMBER_STATE;
            case CSIRT -> concerned ? ParticipantRole.CSIRT : ParticipantRole.ASSISTING_MEMBER_STATE;
            case AFFECTED_ENTITY -> ParticipantRole.AFFECTED_ENTITY;
            case COMMISSION -> ParticipantRole.COMMISSION;
            case ENISA -> ParticipantRole.ENISA;
            case MSSP -> ParticipantRole.MSSP;
        };
    }

    private IncidentEvent report(String eventId, long at) {
        reports++;
        String reportId = "sitrep-" + reports;
        List<Organisation> taking = participants();
        double who = random.nextDouble();
        // The provider running the engagement writes most reports; the requester and the others some.
        Organisation reporter = who < 0.65 ? mssp : who < 0.85 ? requester : Dice.pick(random, taking);
        Phase now = phase;
        IncidentEvent event = Facts.envelope(eventId, incidentId, at, reporter, Dice.chance(random, 0.85) ? Tlp.AMBER : Tlp.AMBER_STRICT,
                Facts.report(reportId, Dice.pick(random, Wording.summaries(now)),
                        Dice.chance(random, 0.4) ? Dice.pick(random, Wording.IMPACTS) : null,
                        Dice.some(random, Wording.actions(now), Dice.between(random, 1, 3)),
                        Dice.some(random, Wording.nextSteps(now), Dice.between(random, 1, 2))));
        for (Organisation participant : taking) {
            if (!participant.getId().equals(reporter.getId())
                    && Dice.chance(random, participant.getRole() == OrganisationRole.ENISA ? 0.15 : 0.35)) {
                schedule(at + Dice.between(random, 10 * MINUTE, 4 * HOUR), Act.ACKNOWLEDGE, participant, reportId, null);
            }
        }
        double factor = Dice.chance(random, LATE_REPORT) ? 1.05 + random.nextDouble() * 0.45 : 0.5 + random.nextDouble() * 0.45;
        schedule(at + (long) (reportIntervalMinutes * factor) * MINUTE, Act.REPORT, null, null, null);
        return event;
    }

    private IncidentEvent phase(String eventId, long at, Phase to) {
        Phase from = phase;
        phase = to;
        String reason;
        if (from == Phase.CONTAINMENT_RECOVERY && to == Phase.INVESTIGATION) {
            steppedBack = true;
            reason = Dice.pick(random, Wording.STEP_BACK);
            schedule(at + Dice.between(random, 12 * HOUR, 2 * DAY), Act.PHASE, null, null, Phase.CONTAINMENT_RECOVERY);
        } else if (to == Phase.INVESTIGATION) {
            reason = Dice.pick(random, Wording.TO_INVESTIGATION);
            schedule(at + Dice.between(random, DAY, 3 * DAY), Act.PHASE, null, null, Phase.CONTAINMENT_RECOVERY);
        } else {
            reason = Dice.pick(random, Wording.TO_CONTAINMENT);
            if (stepBack && !steppedBack) {
                schedule(at + Dice.between(random, 12 * HOUR, 2 * DAY), Act.PHASE, null, null, Phase.INVESTIGATION);
            } else {
                windDown(at);
            }
        }
        double who = random.nextDouble();
        Organisation by = who < 0.75 ? mssp : who < 0.95 ? requester : enisa;
        return Facts.envelope(eventId, incidentId, at, by, Tlp.GREEN, Facts.phase(to, reason));
    }

    /** Recovery under way: the deployments end, then the incident closes (once all else is done, see {@link #advance}). */
    private void windDown(long at) {
        for (PlannedDeployment deployment : deployments) {
            long end = brief ? Math.max(at + Dice.between(random, HOUR, 6 * HOUR), deployment.startAt() + 2 * HOUR)
                    : Math.max(at + Dice.between(random, 12 * HOUR, 2 * DAY), deployment.startAt() + 6 * HOUR);
            schedule(end, Act.END_DEPLOYMENT, mssp, deployment.id(), null);
        }
        long closeAt = brief ? at + Dice.between(random, 2 * HOUR, 8 * HOUR) : at + Dice.between(random, DAY, 2 * DAY);
        schedule(closeAt, Act.CLOSE, Dice.chance(random, 0.6) ? requester : enisa, null, null);
    }

    private IncidentEvent assistanceRequest(String eventId, long at) {
        String requestId = "ma-" + (assistanceRequests.size() + 1);
        List<String> candidates = offeringMemberStates();
        List<String> requestedFrom;
        List<String> asked;
        if (Dice.chance(random, 0.5)) {
            requestedFrom = List.of();  // every other member state
            asked = candidates;
        } else {
            asked = Dice.some(random, candidates, Dice.between(random, 1, 2));
            List<String> named = new ArrayList<>(asked);
            // Now and then a member state is asked that no organisation in the directory speaks for; it never answers.
            String silent = Dice.pick(random, Wording.MEMBER_STATES);
            if (Dice.chance(random, 0.3) && !named.contains(silent) && !silent.equals(requester.getMemberState())) {
                named.add(silent);
            }
            requestedFrom = List.copyOf(named);
        }
        assistanceRequests.put(requestId, requestedFrom);
        List<ResponseService> needed = Dice.some(random, services, 1);
        for (int i = 0; i < asked.size(); i++) {
            if (i == 0 || Dice.chance(random, 0.6)) {
                Organisation by = Dice.pick(random, directory.authoritiesOf(asked.get(i)));
                schedule(at + Dice.between(random, 2 * HOUR, DAY), Act.OFFER, by, requestId, null);
            }
        }
        return Facts.envelope(eventId, incidentId, at, requester, Tlp.AMBER, Facts.assistanceRequested(requestId, requestedFrom, needed,
                Dice.pick(random, Wording.ASSISTANCE_NEEDS)));
    }

    /** The member states other than the requester's with an authority in the directory, which can answer a mutual-assistance request. */
    private List<String> offeringMemberStates() {
        return directory.memberStateAuthorities().stream().map(Organisation::getMemberState)
                .filter(state -> !state.equals(requester.getMemberState())).distinct().sorted().toList();
    }

    private IncidentEvent offer(String eventId, long at, Step step) {
        Organisation by = step.actor();
        String offerId = "offer-" + by.getMemberState().toLowerCase(java.util.Locale.ROOT) + "-" + (offers.size() + 1);
        offers.put(offerId, new Offer(by, null));
        schedule(at + Dice.between(random, HOUR, 12 * HOUR), Act.DECISION, requester, offerId, null);
        return Facts.envelope(eventId, incidentId, at, by, Tlp.AMBER, Facts.offered(step.ref(), offerId, by.getMemberState(),
                Dice.some(random, services, 1), Dice.pick(random, Wording.OFFERS)));
    }

    private IncidentEvent decision(String eventId, long at, String offerId) {
        Offer offer = offers.get(offerId);
        OfferDecision decision = Dice.chance(random, 0.75) ? OfferDecision.ACCEPTED : OfferDecision.DECLINED;
        offers.put(offerId, new Offer(offer.by(), decision));
        if (decision == OfferDecision.ACCEPTED) {
            schedule(at + Dice.between(random, 12 * HOUR, 3 * DAY), Act.FULFILMENT, offer.by(), offerId, null);
        }
        return Facts.envelope(eventId, incidentId, at, requester, Tlp.AMBER, Facts.decided(offerId, decision,
                decision == OfferDecision.DECLINED ? Dice.pick(random, Wording.DECLINES) : null));
    }

    private IncidentEvent fulfilment(String eventId, long at, Step step) {
        return Facts.envelope(eventId, incidentId, at, step.actor(), Tlp.AMBER, Facts.fulfilled(step.ref(),
                Dice.pick(random, Wording.FULFILMENTS)));
    }

    private IncidentEvent reclassification(String eventId, long at, Organisation by) {
        classification = classification == Classification.SIGNIFICANT ? Classification.LARGE_SCALE : Classification.SIGNIFICANT;
        String reason = Dice.pick(random, classification == Classification.LARGE_SCALE ? Wording.ESCALATIONS : Wording.DEESCALATIONS);
        return Facts.envelope(eventId, incidentId, at, by, Tlp.GREEN, Facts.reclassified(classification, reason));
    }

    private IncidentEvent endDeployment(String eventId, long at, String deploymentId) {
        runningDeployments.remove(deploymentId);
        endedDeployments.add(deploymentId);
        String reason = Dice.pick(random, deploymentId.startsWith("dep-onsite") ? Wording.ON_SITE_ENDINGS : Wording.REMOTE_ENDINGS);
        return Facts.envelope(eventId, incidentId, at, mssp, Tlp.GREEN, Facts.deploymentEnded(deploymentId, reason));
    }

    private IncidentEvent withdrawal(String eventId, long at) {
        withdrawn = true;
        agenda.clear();
        return Facts.envelope(eventId, incidentId, at, requester, Tlp.GREEN, Facts.withdrawn(Dice.pick(random, Wording.WITHDRAWALS)));
    }

    private IncidentEvent closure(String eventId, long at, Organisation by) {
        closed = true;
        agenda.removeIf(step -> step.act().recurring());
        schedule(at + Dice.between(random, 2 * DAY, 7 * DAY), Act.REVIEW, enisa, null, null);
        return Facts.envelope(eventId, incidentId, at, by, Tlp.GREEN, Facts.closed(Dice.pick(random, Wording.CLOSURES)));
    }

    private IncidentEvent review(String eventId, long at) {
        reviewed = true;
        return Facts.envelope(eventId, incidentId, at, enisa, Dice.chance(random, 0.5) ? Tlp.GREEN : Tlp.CLEAR, review(mssp.getId(), random));
    }

    /** ENISA's post-incident review of an incident of this archetype, citing the provider; {@code random} draws the details. */
    PostIncidentReviewFiled review(String citedProvider, SplittableRandom random) {
        return new PostIncidentReviewFiled(archetype.rootCause(), archetype.taxonomyClass(), archetype.taxonomyType(),
                Dice.some(random, archetype.vulnerabilities(), Dice.between(random, 0, 2)),
                archetype.lessons(), Dice.some(random, archetype.recommendations(), Dice.between(random, 1, 2)),
                List.of(citedProvider), List.of());
    }

    private void schedule(long at, Act act, Organisation actor, String ref, Phase phase) {
        agenda.add(new Step(at, scheduled++, act, actor, ref, phase));
    }

    // ------------------------------------------------------------ what the invalid submissions are made against

    /** The organisations taking part, as the rules count them: the requester, the joined, and after the match the MSSP and ENISA. */
    List<Organisation> participants() {
        List<Organisation> taking = new ArrayList<>(4 + joined.size());
        taking.add(requester);
        if (mssp != null) {
            taking.add(mssp);
            taking.add(enisa);
        }
        taking.addAll(joined.values());
        return taking;
    }

    /** Whether the organisation takes part in the incident, by the rules' definition. */
    boolean takesPart(Organisation organisation) {
        String id = organisation.getId();
        return id.equals(requester.getId()) || joined.containsKey(id)
                || mssp != null && (id.equals(mssp.getId()) || organisation.getRole() == OrganisationRole.ENISA);
    }

    /** Requested, and neither withdrawn nor closed: the incident takes events of every kind. */
    boolean open() {
        return requested && !withdrawn && !closed;
    }

    boolean withdrawn() {
        return withdrawn;
    }

    boolean closed() {
        return closed;
    }

    boolean reviewed() {
        return reviewed;
    }

    /** The matched MSSP, null before the match. */
    Organisation mssp() {
        return mssp;
    }

    /** The current phase, null before the match. */
    Phase phase() {
        return phase;
    }

    Classification classification() {
        return classification;
    }

    int reports() {
        return reports;
    }

    List<String> usedDeployments() {
        List<String> used = new ArrayList<>(runningDeployments);
        used.addAll(endedDeployments);
        return used;
    }

    List<String> endedDeployments() {
        return endedDeployments;
    }

    Map<String, List<String>> assistanceRequests() {
        return assistanceRequests;
    }

    Map<String, Offer> offers() {
        return offers;
    }

    List<ResponseService> services() {
        return services;
    }

    /** When the request was (or will be) filed. */
    long openedAt() {
        return openedAt;
    }

    /** When the last event was filed. */
    long lastAt() {
        return lastAt;
    }
}
