package eu.muster.coordination;

import eu.muster.contract.Classification;
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
import eu.muster.contract.OrganisationRole;
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
import eu.muster.contract.TaxonomyClass;
import eu.muster.contract.Tlp;
import eu.muster.sla.IncidentTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The facts of one incident that its coordination and review views depend on, gathered from its
 * accepted events, each with the {@code occurredAt} (epoch milliseconds) it took effect, and the SLA
 * {@link IncidentTimeline} folded alongside for the clocks the review and the scorecard read.
 *
 * <p>Every fact is kept, not only the latest: the views are read at an instant, and only the facts
 * that had occurred by it count, so "the latest phase" or "the latest report" depends on the
 * instant. Each list is kept sorted by time and then by the fact's full content, so the facts are
 * the same whatever order the events were applied in (a late report is placed where it belongs)
 * and applying the same event twice changes nothing.
 *
 * <p>Plain data for the live processor's state store (JSON): only strings, numbers, booleans,
 * plain enums and lists of the nested records below.
 *
 * @param filings            every {@code RequestFiled}; the earliest counts
 * @param matches            every {@code MsspMatched}; the earliest counts
 * @param deployments        every {@code DeploymentStarted}
 * @param phaseChanges       every {@code PhaseChanged}
 * @param joinings           every {@code ParticipantJoined}
 * @param reports            every {@code SituationReported}
 * @param acknowledgements   every {@code SituationReportAcknowledged}
 * @param assistanceRequests every {@code MutualAssistanceRequested}
 * @param offers             every {@code MutualAssistanceOffered}
 * @param decisions          every {@code MutualAssistanceOfferDecided}
 * @param fulfilments        every {@code MutualAssistanceFulfilled}
 * @param reclassifications  every {@code IncidentReclassified}
 * @param closures           the time of every {@code IncidentClosed}; the earliest counts
 * @param withdrawals        the time of every {@code RequestWithdrawn}; the earliest counts
 * @param reviews            every {@code PostIncidentReviewFiled}; the earliest counts
 * @param timeline           the SLA clocks' facts of the same events
 * @param markings           for each TLP its events carried, the earliest occurredAt with it (at most one per TLP)
 */
public record IncidentFacts(
        List<Filing> filings,
        List<Match> matches,
        List<Deployment> deployments,
        List<PhaseEntry> phaseChanges,
        List<Joining> joinings,
        List<Report> reports,
        List<ReportAcknowledgement> acknowledgements,
        List<AssistanceAsked> assistanceRequests,
        List<OfferMade> offers,
        List<OfferDecided> decisions,
        List<OfferFulfilled> fulfilments,
        List<Reclassification> reclassifications,
        List<Long> closures,
        List<Long> withdrawals,
        List<Review> reviews,
        IncidentTimeline timeline,
        List<Marking> markings) {

    /** A fact timed by the {@code occurredAt} of the event that established it. */
    public interface Timed {
        /** When the fact took effect, in epoch milliseconds. */
        long at();
    }

    /**
     * The request for support.
     *
     * @param at                     when it was filed
     * @param requestingAuthority    organisation id of the requesting authority
     * @param authorityRole          the role the authority plays in the incident, from the request's producer
     * @param requestingMemberState  the requesting member state
     * @param title                  the incident's title
     * @param classification         the classification the request gave
     * @param affectedMemberStates   the affected member states, sorted and distinct
     * @param sectors                the sectors of the affected entities, sorted and distinct
     * @param onSiteSupportRequested whether on-site support was asked for
     */
    public record Filing(long at, String requestingAuthority, ParticipantRole authorityRole, String requestingMemberState, String title,
            Classification classification, List<String> affectedMemberStates, List<Sector> sectors, boolean onSiteSupportRequested)
            implements Timed {

        /** Sorts the member states and sectors, so that one request reads the same however its payload listed them. */
        public Filing {
            affectedMemberStates = sortedDistinct(affectedMemberStates);
            sectors = sortedDistinct(sectors);
        }
    }

    /**
     * ENISA's match of a provider.
     *
     * @param at        when it was made: the start of the engagement
     * @param msspId    the provider
     * @param matchedBy organisation id of the match's producer (ENISA)
     */
    public record Match(long at, String msspId, String matchedBy) implements Timed {
    }

    /**
     * The start of a deployment.
     *
     * @param at           when it started
     * @param deploymentId the provider's id of the deployment
     * @param mode         remote or on site
     */
    public record Deployment(long at, String deploymentId, DeploymentMode mode) implements Timed {
    }

    /**
     * A move of the engagement to a phase.
     *
     * @param at    when it moved
     * @param phase the phase entered
     */
    public record PhaseEntry(long at, Phase phase) implements Timed {
    }

    /**
     * An organisation joining the coordination.
     *
     * @param at             when it joined
     * @param organisationId the organisation
     * @param role           the role it plays in the incident
     * @param memberState    its member state; null for EU bodies
     */
    public record Joining(long at, String organisationId, ParticipantRole role, String memberState) implements Timed {
    }

    /**
     * A situation report.
     *
     * @param at         when it was reported
     * @param reportId   the reporter's id of the report
     * @param reportedBy organisation id of the report's producer
     * @param summary    what is happening now
     */
    public record Report(long at, String reportId, String reportedBy, String summary) implements Timed {
    }

    /**
     * An acknowledgement of a situation report.
     *
     * @param at             when it was acknowledged
     * @param reportId       the report acknowledged
     * @param organisationId organisation id of the acknowledgement's producer
     */
    public record ReportAcknowledgement(long at, String reportId, String organisationId) implements Timed {
    }

    /**
     * A request for mutual assistance.
     *
     * @param at                  when it was requested
     * @param assistanceRequestId the requester's id of the request
     * @param requestedBy         organisation id of the request's producer
     * @param requestedFrom       the member states asked, sorted and distinct; empty means all
     * @param capabilitiesNeeded  the capabilities needed, as the request listed them
     */
    public record AssistanceAsked(long at, String assistanceRequestId, String requestedBy, List<String> requestedFrom,
            List<ResponseService> capabilitiesNeeded) implements Timed {

        /** Sorts the member states asked (they name the open items' owners); the capabilities keep the request's order. */
        public AssistanceAsked {
            requestedFrom = sortedDistinct(requestedFrom);
            capabilitiesNeeded = capabilitiesNeeded == null ? List.of() : List.copyOf(capabilitiesNeeded);
        }
    }

    /**
     * An offer of mutual assistance.
     *
     * @param at                  when it was offered
     * @param assistanceRequestId the request it answers
     * @param offerId             the offerer's id of the offer
     * @param offeringMemberState the offering member state
     * @param capabilitiesOffered the capabilities offered, as the offer listed them
     */
    public record OfferMade(long at, String assistanceRequestId, String offerId, String offeringMemberState,
            List<ResponseService> capabilitiesOffered) implements Timed {

        /** Keeps the offer's capabilities as an unmodifiable copy in the offer's order. */
        public OfferMade {
            capabilitiesOffered = capabilitiesOffered == null ? List.of() : List.copyOf(capabilitiesOffered);
        }
    }

    /**
     * The requesting member state's decision on an offer.
     *
     * @param at       when it was decided
     * @param offerId  the offer
     * @param decision accepted or declined
     */
    public record OfferDecided(long at, String offerId, OfferDecision decision) implements Timed {
    }

    /**
     * The delivery of an accepted offer.
     *
     * @param at      when it was delivered
     * @param offerId the offer
     */
    public record OfferFulfilled(long at, String offerId) implements Timed {
    }

    /**
     * A change of the incident's classification.
     *
     * @param at             when it changed
     * @param classification the new classification
     * @param reason         why
     */
    public record Reclassification(long at, Classification classification, String reason) implements Timed {
    }

    /**
     * ENISA's post-incident review.
     *
     * @param at                       when it was filed
     * @param rootCause                the main causes
     * @param taxonomyClass            RSIT class
     * @param taxonomyType             RSIT type; null if undetermined
     * @param exploitedVulnerabilities vulnerabilities exploited, as the review listed them
     * @param lessonsLearned           lessons learned, as the review listed them
     * @param recommendations          recommendations, as the review listed them
     * @param citedProviders           providers the review cites, as it listed them
     */
    public record Review(long at, String rootCause, TaxonomyClass taxonomyClass, String taxonomyType, List<String> exploitedVulnerabilities,
            List<String> lessonsLearned, List<String> recommendations, List<String> citedProviders) implements Timed {

        /** Keeps the review's lists as unmodifiable copies in the reviewers' order. */
        public Review {
            // Prose in the reviewers' order (the first lesson may be the main one): kept as written, not sorted.
            exploitedVulnerabilities = exploitedVulnerabilities == null ? List.of() : List.copyOf(exploitedVulnerabilities);
            lessonsLearned = lessonsLearned == null ? List.of() : List.copyOf(lessonsLearned);
            recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
            citedProviders = citedProviders == null ? List.of() : List.copyOf(citedProviders);
        }
    }

    /**
     * An event's TLP marking, from the event's envelope.
     *
     * @param at  when the event occurred
     * @param tlp its marking
     */
    public record Marking(long at, Tlp tlp) implements Timed {
        /** Validates. */
        public Marking {
            java.util.Objects.requireNonNull(tlp, "tlp");
        }
    }

    /** Puts every list in its canonical order (by time, then by content, without repeats), so equal facts make equal records. */
    public IncidentFacts {
        filings = canonical(filings);
        matches = canonical(matches);
        deployments = canonical(deployments);
        phaseChanges = canonical(phaseChanges);
        joinings = canonical(joinings);
        reports = canonical(reports);
        acknowledgements = canonical(acknowledgements);
        assistanceRequests = canonical(assistanceRequests);
        offers = canonical(offers);
        decisions = canonical(decisions);
        fulfilments = canonical(fulfilments);
        reclassifications = canonical(reclassifications);
        closures = closures == null ? List.of() : closures.stream().sorted().distinct().toList();
        withdrawals = withdrawals == null ? List.of() : withdrawals.stream().sorted().distinct().toList();
        reviews = canonical(reviews);
        timeline = timeline == null ? IncidentTimeline.empty() : timeline;
        markings = earliestPerTlp(markings);
    }

    /** An incident with no events yet. */
    public static IncidentFacts empty() {
        return new IncidentFacts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), IncidentTimeline.empty(), List.of());
    }

    /** The facts with one more accepted event; events no view depends on (a deployment's end) add nothing but to the timeline. */
    public IncidentFacts apply(IncidentEvent event) {
        long at = event.getOccurredAt().toEpochMilli();
        String producer = event.getProducer().getId();
        Builder next = new Builder(this, timeline.apply(event));
        next.markings.add(new Marking(at, event.getTlp()));
        Object payload = event.getPayload();
        if (payload instanceof RequestFiled request) {
            next.filings.add(new Filing(at, request.getRequestingAuthority(), authorityRole(event.getProducer().getRole()),
                    request.getRequestingMemberState(), request.getTitle(), request.getClassification(), request.getAffectedMemberStates(),
                    request.getAffectedEntities().stream().map(entity -> entity.getSector()).toList(), request.getOnSiteSupportRequested()));
        } else if (payload instanceof MsspMatched match) {
            next.matches.add(new Match(at, match.getMsspId(), producer));
        } else if (payload instanceof DeploymentStarted deployment) {
            next.deployments.add(new Deployment(at, deployment.getDeploymentId(), deployment.getMode()));
        } else if (payload instanceof PhaseChanged change) {
            next.phaseChanges.add(new PhaseEntry(at, change.getPhase()));
        } else if (payload instanceof ParticipantJoined joined) {
            next.joinings.add(new Joining(at, joined.getParticipant().getId(), joined.getRole(), joined.getParticipant().getMemberState()));
        } else if (payload instanceof SituationReported report) {
            next.reports.add(new Report(at, report.getReportId(), producer, report.getSummary()));
        } else if (payload instanceof SituationReportAcknowledged acknowledgement) {
            next.acknowledgements.add(new ReportAcknowledgement(at, acknowledgement.getReportId(), producer));
        } else if (payload instanceof MutualAssistanceRequested request) {
            next.assistanceRequests.add(new AssistanceAsked(at, request.getAssistanceRequestId(), producer, request.getRequestedFrom(),
                    request.getCapabilitiesNeeded()));
        } else if (payload instanceof MutualAssistanceOffered offer) {
            next.offers.add(new OfferMade(at, offer.getAssistanceRequestId(), offer.getOfferId(), offer.getOfferingMemberState(),
                    offer.getCapabilitiesOffered()));
        } else if (payload instanceof MutualAssistanceOfferDecided decision) {
            next.decisions.add(new OfferDecided(at, decision.getOfferId(), decision.getDecision()));
        } else if (payload instanceof MutualAssistanceFulfilled fulfilment) {
            next.fulfilments.add(new OfferFulfilled(at, fulfilment.getOfferId()));
        } else if (payload instanceof IncidentReclassified change) {
            next.reclassifications.add(new Reclassification(at, change.getClassification(), change.getReason()));
        } else if (payload instanceof IncidentClosed) {
            next.closures.add(at);
        } else if (payload instanceof RequestWithdrawn) {
            next.withdrawals.add(at);
        } else if (payload instanceof PostIncidentReviewFiled review) {
            next.reviews.add(new Review(at, review.getRootCause(), review.getTaxonomyClass(), review.getTaxonomyType(),
                    review.getExploitedVulnerabilities(), review.getLessonsLearned(), review.getRecommendations(), review.getCitedProviders()));
        }
        return next.build();
    }

    /** Every instant at which a fact held here took effect (its {@code occurredAt}), ascending and distinct. */
    public List<Long> factTimes() {
        List<Long> times = new ArrayList<>(timeline.factTimes());
        times.addAll(closures);
        times.addAll(withdrawals);
        Stream.of(filings, matches, deployments, phaseChanges, joinings, reports, acknowledgements, assistanceRequests, offers, decisions,
                fulfilments, reclassifications, reviews, markings).flatMap(List::stream).map(Timed::at).forEach(times::add);
        return times.stream().sorted().distinct().toList();
    }

    /**
     * The role of the requesting authority in the incident, from the role of the organisation that
     * filed the request: an NCA, single point of contact or CSIRT plays that role; any other
     * organisation filing on a member state's behalf is counted as its national competent authority.
     */
    private static ParticipantRole authorityRole(OrganisationRole role) {
        return switch (role) {
            case SINGLE_POINT_OF_CONTACT -> ParticipantRole.SINGLE_POINT_OF_CONTACT;
            case CSIRT -> ParticipantRole.CSIRT;
            default -> ParticipantRole.NCA;
        };
    }

    /** Sorted by time and then by full content (a total order), without repeats: the canonical form that makes the fold order-insensitive. */
    /** Only the earliest occurrence of each TLP can decide a marking: keeps the list at five entries at most. */
    private static List<Marking> earliestPerTlp(List<Marking> markings) {
        if (markings == null) {
            return List.of();
        }
        return canonical(markings.stream().collect(java.util.stream.Collectors.toMap(Marking::tlp, m -> m,
                (a, b) -> a.at() <= b.at() ? a : b)).values().stream().toList());
    }

    private static <T extends Timed> List<T> canonical(List<T> facts) {
        if (facts == null) {
            return List.of();
        }
        return facts.stream().sorted(Comparator.<T>comparingLong(Timed::at).thenComparing(fact -> fact.toString())).distinct().toList();
    }

    private static <T extends Comparable<? super T>> List<T> sortedDistinct(List<T> values) {
        return values == null ? List.of() : values.stream().sorted().distinct().toList();
    }

    /** Mutable copies of the lists, so that {@link #apply} adds one fact without spelling out every component. */
    private static final class Builder {
        final List<Filing> filings;
        final List<Match> matches;
        final List<Deployment> deployments;
        final List<PhaseEntry> phaseChanges;
        final List<Joining> joinings;
        final List<Report> reports;
        final List<ReportAcknowledgement> acknowledgements;
        final List<AssistanceAsked> assistanceRequests;
        final List<OfferMade> offers;
        final List<OfferDecided> decisions;
        final List<OfferFulfilled> fulfilments;
        final List<Reclassification> reclassifications;
        final List<Long> closures;
        final List<Long> withdrawals;
        final List<Review> reviews;
        final IncidentTimeline timeline;
        final List<Marking> markings;

        Builder(IncidentFacts facts, IncidentTimeline timeline) {
            filings = new ArrayList<>(facts.filings);
            matches = new ArrayList<>(facts.matches);
            deployments = new ArrayList<>(facts.deployments);
            phaseChanges = new ArrayList<>(facts.phaseChanges);
            joinings = new ArrayList<>(facts.joinings);
            reports = new ArrayList<>(facts.reports);
            acknowledgements = new ArrayList<>(facts.acknowledgements);
            assistanceRequests = new ArrayList<>(facts.assistanceRequests);
            offers = new ArrayList<>(facts.offers);
            decisions = new ArrayList<>(facts.decisions);
            fulfilments = new ArrayList<>(facts.fulfilments);
            reclassifications = new ArrayList<>(facts.reclassifications);
            closures = new ArrayList<>(facts.closures);
            withdrawals = new ArrayList<>(facts.withdrawals);
            reviews = new ArrayList<>(facts.reviews);
            this.timeline = timeline;
            markings = new ArrayList<>(facts.markings);
        }

        IncidentFacts build() {
            return new IncidentFacts(filings, matches, deployments, phaseChanges, joinings, reports, acknowledgements, assistanceRequests,
                    offers, decisions, fulfilments, reclassifications, closures, withdrawals, reviews, timeline, markings);
        }
    }
}
