package eu.muster.loadgen;

import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.Tlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes the invalid submissions: for an incident in a given state, the mistakes its state allows
 * (a second match needs a first), and one of them, built so that exactly the intended rule refuses
 * it. What the log of record holds for the incident comes from the incident's own model
 * ({@link IncidentSimulation}), never from the real rules.
 */
final class Misfilings {

    private final Directory directory;
    private final Organisation enisa;
    private final List<Organisation> nonAuthorities;

    Misfilings(Directory directory) {
        this.directory = directory;
        this.enisa = directory.enisa().orElseThrow();
        this.nonAuthorities = directory.organisations().stream()
                .filter(organisation -> organisation.getRole() != OrganisationRole.NCA
                        && organisation.getRole() != OrganisationRole.SINGLE_POINT_OF_CONTACT)
                .toList();
    }

    /** A mistake and the incident it is made on, null for one on an incident no one requested. */
    private record Option(InvalidKind kind, IncidentSimulation target) {
    }

    /**
     * One invalid submission, of a kind chosen evenly among those the incidents' states allow.
     *
     * @param live     the open incident whose step is due next
     * @param finished a recently finished (withdrawn or reviewed) incident, or null
     * @param at       when it is filed
     * @param random   the run's random, which draws the choice and the ids
     */
    GeneratedSubmission make(IncidentSimulation live, IncidentSimulation finished, long at, SplittableRandom random) {
        List<Option> options = new ArrayList<>(48);
        for (InvalidKind kind : InvalidKind.values()) {
            if (appliesToNoIncident(kind)) {
                options.add(new Option(kind, null));
            } else {
                if (live != null && applies(kind, live)) {
                    options.add(new Option(kind, live));
                }
                if (finished != null && applies(kind, finished)) {
                    options.add(new Option(kind, finished));
                }
            }
        }
        Option chosen = Dice.pick(random, options);
        return build(chosen.kind(), chosen.target(), at, random);
    }

    private static boolean appliesToNoIncident(InvalidKind kind) {
        return switch (kind) {
            case REQUEST_BY_NON_AUTHORITY, REQUEST_FOR_ANOTHER_MEMBER_STATE, MALFORMED_MEMBER_STATE, PRODUCER_ON_FOREIGN_TOPIC,
                    EVENT_BEFORE_REQUEST -> true;
            default -> false;
        };
    }

    private boolean applies(InvalidKind kind, IncidentSimulation incident) {
        boolean open = incident.open();
        boolean matched = incident.mssp() != null;
        return switch (kind) {
            case REQUEST_BY_NON_AUTHORITY, REQUEST_FOR_ANOTHER_MEMBER_STATE, MALFORMED_MEMBER_STATE, PRODUCER_ON_FOREIGN_TOPIC,
                    EVENT_BEFORE_REQUEST -> false;
            case DUPLICATE_REQUEST, MATCH_BY_NON_ENISA, END_OF_UNKNOWN_DEPLOYMENT, JOIN_BY_THIRD_PARTY, ALREADY_PARTICIPANT,
                    ACKNOWLEDGEMENT_OF_UNKNOWN_REPORT, MUTUAL_ASSISTANCE_BY_PROVIDER, DECISION_ON_UNKNOWN_OFFER,
                    RECLASSIFICATION_UNCHANGED, RECLASSIFICATION_BY_PROVIDER, WITHDRAWAL_BY_OTHER, CLOSURE_BY_PROVIDER,
                    REVIEW_BEFORE_CLOSURE -> open;
            case MATCH_WITH_FAILED_CHECK, DEPLOYMENT_BEFORE_MATCH, PHASE_BEFORE_MATCH -> open && !matched;
            case SECOND_MATCH, PHASE_NOT_FORWARD -> open && matched;
            case DEPLOYMENT_BY_OTHER_MSSP -> open && matched && otherMssp(incident).isPresent();
            case DUPLICATE_DEPLOYMENT_ID -> open && matched && !incident.usedDeployments().isEmpty();
            case PHASE_BY_OUTSIDER -> open && matched && phaseOutsider(incident).isPresent();
            case REPORT_BY_NON_PARTICIPANT, ACKNOWLEDGEMENT_BY_NON_PARTICIPANT -> open && outsider(incident).isPresent();
            case DUPLICATE_REPORT_ID -> open && incident.reports() > 0;
            case ASSISTANCE_FROM_OTHER_MEMBER_STATE, OFFER_TO_UNKNOWN_REQUEST -> open && foreignAuthority(incident).isPresent();
            case OFFER_NOT_ASKED -> open && !incident.assistanceRequests().isEmpty();
            case OFFER_DECIDED_TWICE -> open && decidedOffer(incident).isPresent();
            case FULFILMENT_OF_UNACCEPTED_OFFER -> open && unacceptedOffer(incident).isPresent();
            case EVENT_AFTER_CLOSURE, REVIEW_BY_NON_ENISA -> incident.closed() && !incident.withdrawn();
            case SECOND_REVIEW -> incident.reviewed();
            case EVENT_AFTER_WITHDRAWAL -> incident.withdrawn();
        };
    }

    private GeneratedSubmission build(InvalidKind kind, IncidentSimulation incident, long at, SplittableRandom random) {
        String eventId = Dice.uuid(random);
        String incidentId = incident == null ? Dice.uuid(random) : incident.incidentId;
        Organisation requester = incident == null ? null : incident.requester;
        Organisation mssp = incident == null ? null : incident.mssp();
        Organisation anyMssp = Dice.pick(random, directory.mssps());
        List<ResponseService> services = incident == null ? List.of(ResponseService.INCIDENT_COORDINATION) : incident.services();
        Organisation producer;
        Object payload;
        String topic = null;
        switch (kind) {
            case REQUEST_BY_NON_AUTHORITY -> {
                producer = Dice.pick(random, nonAuthorities);
                String state = producer.getMemberState() != null ? producer.getMemberState() : Dice.pick(random, Wording.MEMBER_STATES);
                payload = freshRequest(producer.getId(), state, state, random);
            }
            case REQUEST_FOR_ANOTHER_MEMBER_STATE -> {
                producer = Dice.pick(random, directory.requestingAuthorities());
                String other = otherThan(producer.getMemberState(), random);
                payload = freshRequest(producer.getId(), other, other, random);
            }
            case MALFORMED_MEMBER_STATE -> {
                producer = Dice.pick(random, directory.requestingAuthorities());
                // Greece under the EU's "EL" rather than ISO's "GR": the most common member-state code mistake.
                payload = freshRequest(producer.getId(), producer.getMemberState(), "EL", random);
            }
            case PRODUCER_ON_FOREIGN_TOPIC -> {
                producer = Dice.pick(random, directory.requestingAuthorities());
                payload = freshRequest(producer.getId(), producer.getMemberState(), producer.getMemberState(), random);
                Organisation self = producer;
                List<Organisation> others = directory.organisations().stream().filter(o -> !o.getId().equals(self.getId())).toList();
                topic = Dice.pick(random, others).getId();
            }
            case EVENT_BEFORE_REQUEST -> {
                producer = enisa;
                payload = Facts.match(anyMssp.getId(), List.of("availability"), ConflictOfInterestResult.PASSED, enisa.getId(), at, null,
                        Facts.terms(null, null, null, null));
            }
            case DUPLICATE_REQUEST -> {
                producer = requester;
                payload = freshRequest(requester.getId(), requester.getMemberState(), requester.getMemberState(), random);
            }
            case MATCH_BY_NON_ENISA -> {
                producer = anyMssp;
                payload = Facts.match(anyMssp.getId(), List.of("availability"), ConflictOfInterestResult.PASSED, anyMssp.getId(), at, null,
                        Facts.terms(null, null, null, null));
            }
            case MATCH_WITH_FAILED_CHECK -> {
                producer = enisa;
                payload = Facts.match(anyMssp.getId(), List.of("availability"), ConflictOfInterestResult.FAILED, enisa.getId(), at,
                        "The provider audited an affected entity last year.", Facts.terms(null, null, null, null));
            }
            case SECOND_MATCH -> {
                producer = enisa;
                payload = Facts.match(anyMssp.getId(), List.of("availability"), ConflictOfInterestResult.PASSED, enisa.getId(), at, null,
                        Facts.terms(null, null, null, null));
            }
            case DEPLOYMENT_BEFORE_MATCH -> {
                producer = anyMssp;
                payload = Facts.remoteDeployment("dep-remote-1", anyMssp.getId(), 2, null, services);
            }
            case DEPLOYMENT_BY_OTHER_MSSP -> {
                producer = otherMssp(incident).orElseThrow();
                payload = Facts.remoteDeployment("dep-remote-9", producer.getId(), 3, null, services);
            }
            case END_OF_UNKNOWN_DEPLOYMENT -> {
                // An end reported twice, or for a deployment that never started: the check comes before the producer's.
                producer = mssp != null ? mssp : anyMssp;
                List<String> ended = incident.endedDeployments();
                payload = Facts.deploymentEnded(ended.isEmpty() ? "dep-unknown-1" : Dice.pick(random, ended), "Engagement objectives met.");
            }
            case DUPLICATE_DEPLOYMENT_ID -> {
                producer = mssp;
                payload = Facts.remoteDeployment(Dice.pick(random, incident.usedDeployments()), mssp.getId(), 2, null, services);
            }
            case PHASE_BEFORE_MATCH -> {
                producer = requester;
                payload = Facts.phase(Phase.INVESTIGATION, "Scoping complete.");
            }
            case PHASE_BY_OUTSIDER -> {
                producer = phaseOutsider(incident).orElseThrow();
                payload = Facts.phase(Phase.CONTAINMENT_RECOVERY, "Recovery started on our side.");
            }
            case PHASE_NOT_FORWARD -> {
                producer = mssp;
                // The same phase again, or back to the start: neither is the one allowed step back.
                payload = Facts.phase(Phase.INITIAL_RESPONSE, "Phase set again by a second duty officer.");
            }
            case JOIN_BY_THIRD_PARTY -> {
                producer = anyMssp;
                Organisation by = producer;
                List<Organisation> others = directory.organisations().stream().filter(o -> !o.getId().equals(by.getId())).toList();
                Organisation joining = Dice.pick(random, others);
                payload = Facts.joined(joining, ParticipantRole.CSIRT, null);
            }
            case ALREADY_PARTICIPANT -> {
                producer = requester;
                payload = Facts.joined(requester, ParticipantRole.NCA, null);
            }
            case REPORT_BY_NON_PARTICIPANT -> {
                producer = outsider(incident).orElseThrow();
                payload = Facts.report("sitrep-" + producer.getId() + "-1", "Observed related activity in our constituency.", null,
                        List.of("checked our sensors"), List.of("share indicators"));
            }
            case ACKNOWLEDGEMENT_BY_NON_PARTICIPANT -> {
                producer = outsider(incident).orElseThrow();
                payload = Facts.acknowledgement("sitrep-" + Math.max(1, incident.reports()));
            }
            case ACKNOWLEDGEMENT_OF_UNKNOWN_REPORT -> {
                producer = requester;
                payload = Facts.acknowledgement("sitrep-" + (incident.reports() + 1));
            }
            case DUPLICATE_REPORT_ID -> {
                producer = requester;
                payload = Facts.report("sitrep-" + incident.reports(), "Update from the national authority.", null,
                        List.of("briefed the ministry"), List.of("next briefing tomorrow"));
            }
            case MUTUAL_ASSISTANCE_BY_PROVIDER -> {
                producer = anyMssp;
                payload = Facts.assistanceRequested("ma-provider-1", List.of(), services, "More analysts needed.");
            }
            case ASSISTANCE_FROM_OTHER_MEMBER_STATE -> {
                producer = foreignAuthority(incident).orElseThrow();
                payload = Facts.assistanceRequested("ma-foreign-1", List.of(), services, "Analysts needed for the affected entity.");
            }
            case OFFER_TO_UNKNOWN_REQUEST -> {
                producer = foreignAuthority(incident).orElseThrow();
                payload = Facts.offered("ma-" + (incident.assistanceRequests().size() + 1), "offer-unsolicited-1",
                        producer.getMemberState(), services, "Two analysts available.");
            }
            case OFFER_NOT_ASKED -> {
                producer = requester;
                String requestId = incident.assistanceRequests().keySet().iterator().next();
                payload = Facts.offered(requestId, "offer-self-1", requester.getMemberState(), services, "Our own team.");
            }
            case DECISION_ON_UNKNOWN_OFFER -> {
                producer = requester;
                payload = Facts.decided("offer-unknown-1", OfferDecision.ACCEPTED, null);
            }
            case OFFER_DECIDED_TWICE -> {
                producer = requester;
                payload = Facts.decided(decidedOffer(incident).orElseThrow(), OfferDecision.DECLINED, "Decided again by mistake.");
            }
            case FULFILMENT_OF_UNACCEPTED_OFFER -> {
                Map.Entry<String, IncidentSimulation.Offer> offer = unacceptedOffer(incident).orElseThrow();
                producer = offer.getValue().by();
                payload = Facts.fulfilled(offer.getKey(), "Delivered as offered.");
            }
            case RECLASSIFICATION_UNCHANGED -> {
                producer = requester;
                payload = Facts.reclassified(incident.classification(), "Confirming the classification.");
            }
            case RECLASSIFICATION_BY_PROVIDER -> {
                producer = anyMssp;
                payload = Facts.reclassified(incident.classification() == Classification.SIGNIFICANT
                        ? Classification.LARGE_SCALE : Classification.SIGNIFICANT, "Our assessment differs.");
            }
            case WITHDRAWAL_BY_OTHER -> {
                producer = enisa;
                payload = Facts.withdrawn("No longer within the Reserve's scope.");
            }
            case CLOSURE_BY_PROVIDER -> {
                producer = anyMssp;
                payload = Facts.closed("Our work is done.");
            }
            case REVIEW_BEFORE_CLOSURE -> {
                producer = enisa;
                payload = incident.review(anyMssp.getId(), random);
            }
            case EVENT_AFTER_CLOSURE -> {
                producer = mssp != null ? mssp : requester;
                payload = Facts.report("sitrep-late-1", "Final note after the closure.", null, List.of("archived the evidence"),
                        List.of("none"));
            }
            case REVIEW_BY_NON_ENISA -> {
                producer = requester;
                payload = incident.review(mssp != null ? mssp.getId() : anyMssp.getId(), random);
            }
            case SECOND_REVIEW -> {
                producer = enisa;
                payload = incident.review(mssp != null ? mssp.getId() : anyMssp.getId(), random);
            }
            case EVENT_AFTER_WITHDRAWAL -> {
                producer = requester;
                payload = Facts.closed("Closing what we withdrew.");
            }
            default -> throw new IllegalStateException("no misfiling for " + kind);
        }
        IncidentEvent event = Facts.envelope(eventId, incidentId, at, producer, Tlp.AMBER, payload);
        return new GeneratedSubmission(event, topic != null ? topic : producer.getId(), Optional.of(kind));
    }

    /** A request that is well formed except for what {@code affectedState} may get wrong. */
    private static Object freshRequest(String authority, String requestingState, String affectedState, SplittableRandom random) {
        Wording.Archetype archetype = Dice.pick(random, Wording.ARCHETYPES);
        Sector sector = Dice.pick(random, archetype.sectors());
        String name = Wording.entityName(random, sector, requestingState.equals("EL") ? "GR" : requestingState);
        List<String> affected = affectedState.equals(requestingState) ? List.of(requestingState) : List.of(requestingState, affectedState);
        return Facts.request(authority, requestingState, archetype.titlePrefix() + name, Classification.SIGNIFICANT,
                List.of(Facts.entity(name, sector, affectedState)), affected, archetype.capabilityGaps(), archetype.services(),
                List.of("en"), false, null);
    }

    private static String otherThan(String memberState, SplittableRandom random) {
        String other = Dice.pick(random, Wording.MEMBER_STATES);
        return other.equals(memberState) ? (memberState.equals("AT") ? "BE" : "AT") : other;
    }

    private Optional<Organisation> otherMssp(IncidentSimulation incident) {
        return directory.mssps().stream().filter(o -> !o.getId().equals(incident.mssp().getId())).findFirst();
    }

    /** An organisation that may not set the phase: neither the matched MSSP, ENISA nor the requesting authority. */
    private Optional<Organisation> phaseOutsider(IncidentSimulation incident) {
        return directory.organisations().stream()
                .filter(o -> o.getRole() != OrganisationRole.ENISA && !o.getId().equals(incident.requester.getId())
                        && !o.getId().equals(incident.mssp().getId()))
                .findFirst();
    }

    /** An organisation that does not take part in the incident. */
    private Optional<Organisation> outsider(IncidentSimulation incident) {
        return directory.organisations().stream().filter(o -> !incident.takesPart(o)).findFirst();
    }

    /** A member-state authority of another member state than the requesting one. */
    private Optional<Organisation> foreignAuthority(IncidentSimulation incident) {
        return directory.memberStateAuthorities().stream()
                .filter(o -> !o.getMemberState().equals(incident.requester.getMemberState())).findFirst();
    }

    private static Optional<String> decidedOffer(IncidentSimulation incident) {
        return incident.offers().entrySet().stream().filter(e -> e.getValue().decision() != null).map(Map.Entry::getKey).findFirst();
    }

    private static Optional<Map.Entry<String, IncidentSimulation.Offer>> unacceptedOffer(IncidentSimulation incident) {
        return incident.offers().entrySet().stream().filter(e -> e.getValue().decision() != OfferDecision.ACCEPTED).findFirst();
    }
}
