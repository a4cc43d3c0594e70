package eu.muster.domain;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.ConflictOfInterestCheck;
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
import eu.muster.contract.Organisation;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.Team;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What the schema cannot say about a well-formed event: id syntax, code lists, non-blank text,
 * and the few cross-field rules the contract documents (a location exactly for on-site
 * deployments, the requesting member state among the affected ones). Finds the first problem, in
 * field order, and names its path, e.g. {@code payload.affectedEntities[0].memberState}.
 *
 * <p>Decoded events never carry null in a required field, but events built in code can; a null is
 * reported like any other malformed value rather than thrown as a NullPointerException.
 */
final class WellFormedness {

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    // Long enough for any value worth reading in a message, short enough not to echo a megabyte back.
    private static final int QUOTED_LENGTH = 80;

    private String problem;

    private WellFormedness() {
    }

    /** The first malformed field of {@code event}, as "path: expected ..., got ...", or empty. */
    static Optional<String> firstProblem(IncidentEvent event) {
        WellFormedness check = new WellFormedness();
        check.envelope(event);
        return Optional.ofNullable(check.problem);
    }

    private void envelope(IncidentEvent event) {
        uuid("eventId", event.getEventId());
        uuid("incidentId", event.getIncidentId());
        present("occurredAt", event.getOccurredAt());
        organisation("producer", event.getProducer());
        present("tlp", event.getTlp());
        present("pap", event.getPap());
        payload(event.getPayload());
    }

    private void payload(Object payload) {
        if (payload instanceof RequestFiled p) {
            requestFiled(p);
        } else if (payload instanceof MsspMatched p) {
            msspMatched(p);
        } else if (payload instanceof DeploymentStarted p) {
            deploymentStarted(p);
        } else if (payload instanceof DeploymentEnded p) {
            text("payload.deploymentId", p.getDeploymentId());
            text("payload.reason", p.getReason());
        } else if (payload instanceof PhaseChanged p) {
            present("payload.phase", p.getPhase());
            text("payload.reason", p.getReason());
        } else if (payload instanceof ParticipantJoined p) {
            organisation("payload.participant", p.getParticipant());
            present("payload.role", p.getRole());
        } else if (payload instanceof SituationReported p) {
            text("payload.reportId", p.getReportId());
            text("payload.summary", p.getSummary());
            each("payload.actionsTaken", p.getActionsTaken(), this::text);
            each("payload.nextSteps", p.getNextSteps(), this::text);
        } else if (payload instanceof SituationReportAcknowledged p) {
            text("payload.reportId", p.getReportId());
        } else if (payload instanceof MutualAssistanceRequested p) {
            text("payload.assistanceRequestId", p.getAssistanceRequestId());
            each("payload.requestedFrom", p.getRequestedFrom(), this::memberState);
            each("payload.capabilitiesNeeded", p.getCapabilitiesNeeded(), this::present);
            text("payload.description", p.getDescription());
        } else if (payload instanceof MutualAssistanceOffered p) {
            text("payload.assistanceRequestId", p.getAssistanceRequestId());
            text("payload.offerId", p.getOfferId());
            memberState("payload.offeringMemberState", p.getOfferingMemberState());
            each("payload.capabilitiesOffered", p.getCapabilitiesOffered(), this::present);
            text("payload.description", p.getDescription());
        } else if (payload instanceof MutualAssistanceOfferDecided p) {
            text("payload.offerId", p.getOfferId());
            present("payload.decision", p.getDecision());
        } else if (payload instanceof MutualAssistanceFulfilled p) {
            text("payload.offerId", p.getOfferId());
            text("payload.summary", p.getSummary());
        } else if (payload instanceof IncidentReclassified p) {
            present("payload.classification", p.getClassification());
            text("payload.reason", p.getReason());
        } else if (payload instanceof RequestWithdrawn p) {
            text("payload.reason", p.getReason());
        } else if (payload instanceof IncidentClosed p) {
            text("payload.summary", p.getSummary());
        } else if (payload instanceof PostIncidentReviewFiled p) {
            postIncidentReview(p);
        } else {
            fail(Payloads.unknown(payload));
        }
    }

    private void requestFiled(RequestFiled request) {
        text("payload.requestingAuthority", request.getRequestingAuthority());
        memberState("payload.requestingMemberState", request.getRequestingMemberState());
        text("payload.title", request.getTitle());
        present("payload.classification", request.getClassification());
        each("payload.affectedEntities", request.getAffectedEntities(), this::affectedEntity);
        each("payload.affectedMemberStates", request.getAffectedMemberStates(), this::memberState);
        // The contract documents the list as "including the requesting one"; views of affected states rely on it.
        if (problem == null && !request.getAffectedMemberStates().contains(request.getRequestingMemberState())) {
            fail("payload.affectedMemberStates: expected to include the requesting member state '" + request.getRequestingMemberState()
                    + "', got " + request.getAffectedMemberStates());
        }
        each("payload.capabilityGaps", request.getCapabilityGaps(), this::text);
        each("payload.servicesNeeded", request.getServicesNeeded(), this::present);
        each("payload.languages", request.getLanguages(), this::language);
    }

    private void affectedEntity(String path, AffectedEntity entity) {
        if (present(path, entity)) {
            text(path + ".name", entity.getName());
            present(path + ".sector", entity.getSector());
            memberState(path + ".memberState", entity.getMemberState());
        }
    }

    private void msspMatched(MsspMatched match) {
        text("payload.msspId", match.getMsspId());
        each("payload.matchingCriteria", match.getMatchingCriteria(), this::text);
        ConflictOfInterestCheck check = match.getConflictOfInterestCheck();
        if (present("payload.conflictOfInterestCheck", check)) {
            present("payload.conflictOfInterestCheck.result", check.getResult());
            text("payload.conflictOfInterestCheck.checkedBy", check.getCheckedBy());
            present("payload.conflictOfInterestCheck.checkedAt", check.getCheckedAt());
        }
        SlaTerms terms = match.getSlaTerms();
        if (present("payload.slaTerms", terms)) {
            // A window of zero or fewer minutes is unmeetable by construction, so it is a typo, not a term.
            minutes("payload.slaTerms.remoteSupportWithinMinutes", terms.getRemoteSupportWithinMinutes());
            minutes("payload.slaTerms.onSiteWithinMinutes", terms.getOnSiteWithinMinutes());
            minutes("payload.slaTerms.situationReportIntervalMinutes", terms.getSituationReportIntervalMinutes());
        }
    }

    private void deploymentStarted(DeploymentStarted deployment) {
        text("payload.deploymentId", deployment.getDeploymentId());
        text("payload.msspId", deployment.getMsspId());
        present("payload.mode", deployment.getMode());
        Team team = deployment.getTeam();
        if (present("payload.team", team)) {
            if (team.getSize() < 1) {
                fail("payload.team.size: expected at least 1 person, got " + team.getSize());
            }
            each("payload.team.capabilities", team.getCapabilities(), this::present);
        }
        DeploymentLocation location = deployment.getLocation();
        if (deployment.getMode() == DeploymentMode.ON_SITE && location == null) {
            fail("payload.location: expected where the team works for an ON_SITE deployment, got nothing");
        } else if (deployment.getMode() == DeploymentMode.REMOTE && location != null) {
            // The contract says null for REMOTE; a location there would put a remote team on a map.
            fail("payload.location: expected nothing for a REMOTE deployment, got a location in " + quote(location.getMemberState()));
        } else if (location != null) {
            memberState("payload.location.memberState", location.getMemberState());
        }
    }

    private void postIncidentReview(PostIncidentReviewFiled review) {
        text("payload.rootCause", review.getRootCause());
        present("payload.taxonomyClass", review.getTaxonomyClass());
        each("payload.exploitedVulnerabilities", review.getExploitedVulnerabilities(), this::text);
        each("payload.lessonsLearned", review.getLessonsLearned(), this::text);
        each("payload.recommendations", review.getRecommendations(), this::text);
        each("payload.citedProviders", review.getCitedProviders(), this::text);
        each("payload.reviewerConflictsOfInterest", review.getReviewerConflictsOfInterest(), this::text);
    }

    private void organisation(String path, Organisation organisation) {
        if (present(path, organisation)) {
            text(path + ".id", organisation.getId());
            present(path + ".role", organisation.getRole());
            // Null is documented: EU bodies (ENISA, the Commission) belong to no member state.
            if (organisation.getMemberState() != null) {
                memberState(path + ".memberState", organisation.getMemberState());
            }
        }
    }

    // ------------------------------------------------------------ field kinds

    private void uuid(String path, String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            fail(path + ": expected a UUID in canonical lower-case form (8-4-4-4-12 hexadecimal digits), got " + quote(value));
        }
    }

    private void memberState(String path, String value) {
        if (!MemberStates.isMemberState(value)) {
            fail(path + ": expected an EU member state code (ISO 3166-1 alpha-2), got " + quote(value) + MemberStates.hintFor(value));
        }
    }

    private void language(String path, String value) {
        if (value == null || !LANGUAGE.matcher(value).matches()) {
            fail(path + ": expected an ISO 639-1 language code of two lower-case letters, got " + quote(value));
        }
    }

    private void text(String path, String value) {
        if (value == null || value.isBlank()) {
            fail(path + ": expected non-blank text, got " + quote(value));
        }
    }

    private void minutes(String path, Long value) {
        if (value != null && value <= 0) {
            fail(path + ": expected a positive number of minutes or nothing, got " + value);
        }
    }

    private boolean present(String path, Object value) {
        if (value == null) {
            fail(path + ": expected a value, got nothing");
            return false;
        }
        return true;
    }

    private <T> void each(String path, List<T> values, BiConsumer<String, T> check) {
        if (present(path, values)) {
            for (int i = 0; i < values.size(); i++) {
                check.accept(path + "[" + i + "]", values.get(i));
            }
        }
    }

    private void fail(String message) {
        // Only the first problem is reported: it is the one in field order, and later ones may be its echoes.
        if (problem == null) {
            problem = message;
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > QUOTED_LENGTH ? value.substring(0, QUOTED_LENGTH) + "..." : value;
        return "'" + shown + "'";
    }
}
