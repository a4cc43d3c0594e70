package eu.muster.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.Organisation;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReported;
import eu.muster.contract.Tlp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An incident's history as a STIX 2.1 bundle, for sharing with the CSIRTs network and threat
 * intelligence platforms: the incident ({@code incident} with the Incident Core extension), every
 * organisation that produced one of its events ({@code identity}), how each took part
 * ({@code relationship}, {@code related-to}), a {@code note} for each situation report and for the
 * post-incident review, and the TLP 2.0 {@code marking-definition}s the objects are marked with.
 *
 * <p><b>Deterministic.</b> The same history gives the same bundle, byte for byte: every id is a
 * name-based UUID (version 5, RFC 4122 section 4.3) in the namespace {@link #NAMESPACE}, named after
 * what the object stands for ({@code incident:<incidentId>}, {@code identity:<organisationId>},
 * {@code relationship:<incidentId>:<organisationId>}, {@code note:<eventId>}); the bundle's id is
 * named after the incident and the hash of its last event ({@code bundle:<incidentId>:<hash hex>}),
 * so a bundle of a longer history has another id. Timestamps come from the events' {@code occurredAt},
 * never from the clock of the export.
 *
 * <p><b>Markings.</b> Each object carries the TLP of the events it comes from: a note the TLP of its
 * event; an identity and its relationship the least restrictive TLP of the organisation's events, drawing
 * only on the events of that TLP (every event discloses that its producer took part, so the widest may
 * share that fact, and nothing of a more restrictive event goes with it); the incident the most
 * restrictive TLP of all the incident's events, since its description draws on them all.
 * The bundle holds the official TLP 2.0 marking definition of every TLP an object refers to.
 */
public final class StixBundle {

    /**
     * The namespace of every id this exporter makes: the version 5 UUID of the name
     * {@code urn:muster:stix-2.1-export} in the RFC 4122 URL namespace
     * ({@code 6ba7b811-9dad-11d1-80b4-00c04fd430c8}). Fixed forever: changing it changes every id ever exported.
     */
    public static final UUID NAMESPACE = UUID.fromString("b3d94f29-8039-53b0-8a76-930c1ae25bcb");

    /**
     * The TLP 2.0 extension definition the official TLP 2.0 marking definitions use. Source: the OASIS CTI TC's
     * common objects, repository oasis-open/cti-stix-common-objects, {@code objects/marking-definition/marking-definition--*.json}
     * (TLP:GREEN, TLP:AMBER+STRICT and TLP:RED read there; TLP:CLEAR and TLP:AMBER follow the same form with the
     * ids of the design brief). Each is {@code type, spec_version "2.1", id, created "2022-10-01T00:00:00.000Z",
     * name "TLP:<LEVEL>", extensions {<this id>: {extension_type "property-extension", tlp_2_0 "<level>"}}}, with no
     * {@code created_by_ref} and no {@code definition_type}.
     */
    public static final String TLP_2_0_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /**
     * The Incident Core extension (OASIS cti-stix-common-objects, {@code extension-definition-specifications/incident-core}):
     * its required properties are {@code extension_type}, {@code determination} and {@code investigation_status};
     * this exporter also sets {@code criticality} and {@code incident_types}.
     */
    public static final String INCIDENT_CORE_EXTENSION = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";

    /** When OASIS created the TLP 2.0 marking definitions; part of the official objects. */
    private static final String TLP_2_0_CREATED = "2022-10-01T00:00:00.000Z";

    /** The official TLP 2.0 marking definition id of each TLP (design brief, "Standards to speak"). */
    private static final Map<Tlp, String> TLP_MARKINGS = java.util.Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")));

    /** STIX timestamps: UTC, {@code Z}, millisecond precision (STIX 2.1 section 3.2: created and modified are precise to the millisecond). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String SPEC_VERSION = "2.1";

    private StixBundle() {
    }

    /** The official TLP 2.0 marking definition id of {@code tlp}. */
    public static String markingId(Tlp tlp) {
        return TLP_MARKINGS.get(Objects.requireNonNull(tlp, "tlp"));
    }

    /** The id this exporter gives an object of STIX type {@code type} named {@code name} (see the class's doc). */
    public static String id(String type, String name) {
        return type + "--" + uuid5(NAMESPACE, name);
    }

    /** The STIX 2.1 bundle of {@code history}. */
    public static ObjectNode of(IncidentHistory history) {
        return new Builder(history).build();
    }

    /** Builds one bundle; holds what is folded from the history on the way. */
    private static final class Builder {

        private final IncidentHistory history;
        private final String incidentRef;
        /** Each producing organisation with its events, in the order the organisations first appear. */
        private final Map<String, List<RecordedEvent>> byProducer = new LinkedHashMap<>();
        private final Set<Tlp> used = new TreeSet<>();

        Builder(IncidentHistory history) {
            this.history = history;
            this.incidentRef = id("incident", "incident:" + history.incidentId());
            for (IncidentHistory.Entry entry : history.entries()) {
                byProducer.computeIfAbsent(entry.event().getEvent().getProducer().getId(), id -> new ArrayList<>()).add(entry.event());
            }
        }

        ObjectNode build() {
            List<ObjectNode> objects = new ArrayList<>();
            List<ObjectNode> identities = new ArrayList<>();
            List<ObjectNode> relationships = new ArrayList<>();
            byProducer.forEach((organisationId, events) -> {
                identities.add(identity(organisationId, events));
                relationships.add(relationship(organisationId, events));
            });
            ObjectNode incident = incident();
            List<ObjectNode> notes = new ArrayList<>();
            for (IncidentHistory.Entry entry : history.entries()) {
                Object payload = entry.event().getEvent().getPayload();
                if (payload instanceof SituationReported report) {
                    notes.add(situationReport(entry.event(), report));
                } else if (payload instanceof PostIncidentReviewFiled review) {
                    notes.add(review(entry.event(), review));
                }
            }
            // Marking definitions first: a consumer reading in order knows a marking before the objects it marks.
            for (Tlp tlp : used) {
                objects.add(marking(tlp));
            }
            objects.addAll(identities);
            objects.add(incident);
            objects.addAll(relationships);
            objects.addAll(notes);

            ObjectNode bundle = JsonNodeFactory.instance.objectNode();
            bundle.put("type", "bundle");
            RecordedEvent last = history.entries().get(history.entries().size() - 1).event();
            bundle.put("id", id("bundle", "bundle:" + history.incidentId() + ":" + IncidentHistory.hex(last.getHash())));
            ArrayNode array = bundle.putArray("objects");
            objects.forEach(array::add);
            return bundle;
        }

        private ObjectNode identity(String organisationId, List<RecordedEvent> events) {
            Organisation organisation = events.get(0).getEvent().getProducer();
            List<RecordedEvent> widest = widest(events);
            ObjectNode identity = common("identity", id("identity", "identity:" + organisationId), earliest(widest), earliest(widest));
            identity.put("name", organisationId);
            identity.put("description", "Organisation " + describe(organisation) + " in muster's organisation directory.");
            identity.put("identity_class", "organization");
            identity.put("x_muster_role", organisation.getRole().name());
            if (organisation.getMemberState() != null) {
                identity.put("x_muster_member_state", organisation.getMemberState());
            }
            mark(identity, widest.get(0).getEvent().getTlp());
            return identity;
        }

        private ObjectNode relationship(String organisationId, List<RecordedEvent> events) {
            Organisation organisation = events.get(0).getEvent().getProducer();
            String identityRef = id("identity", "identity:" + organisationId);
            List<RecordedEvent> widest = widest(events);
            ObjectNode relationship = common("relationship", id("relationship", "relationship:" + history.incidentId() + ":" + organisationId),
                    earliest(widest), latest(widest));
            relationship.put("created_by_ref", identityRef);
            relationship.put("relationship_type", "related-to");
            List<String> types = widest.stream().map(e -> e.getEvent().getPayload().getClass().getSimpleName()).distinct().toList();
            relationship.put("description", describe(organisation) + " took part in this incident; its events include "
                    + String.join(", ", types) + ".");
            relationship.put("source_ref", identityRef);
            relationship.put("target_ref", incidentRef);
            mark(relationship, widest.get(0).getEvent().getTlp());
            return relationship;
        }

        private ObjectNode incident() {
            List<RecordedEvent> all = history.entries().stream().map(IncidentHistory.Entry::event).toList();
            RecordedEvent requestEvent = all.stream().filter(e -> e.getEvent().getPayload() instanceof RequestFiled).findFirst().orElse(null);
            RequestFiled request = requestEvent == null ? null : (RequestFiled) requestEvent.getEvent().getPayload();
            Classification classification = request == null ? null : request.getClassification();
            String closed = null;
            boolean matched = false;
            boolean reviewed = false;
            for (RecordedEvent event : all) {
                Object payload = event.getEvent().getPayload();
                if (payload instanceof IncidentReclassified reclassified) {
                    classification = reclassified.getClassification();
                } else if (payload instanceof MsspMatched) {
                    matched = true;
                } else if (payload instanceof IncidentClosed ended) {
                    closed = "closed on " + timestamp(event.getEvent().getOccurredAt()) + ": " + ended.getSummary();
                } else if (payload instanceof RequestWithdrawn withdrawn) {
                    closed = "request withdrawn on " + timestamp(event.getEvent().getOccurredAt()) + ": " + withdrawn.getReason();
                } else if (payload instanceof PostIncidentReviewFiled) {
                    reviewed = true;
                }
            }
            RecordedEvent creator = requestEvent == null ? all.get(0) : requestEvent;
            ObjectNode incident = common("incident", incidentRef, creator.getEvent().getOccurredAt(), latest(all));
            incident.put("created_by_ref", id("identity", "identity:" + creator.getEvent().getProducer().getId()));
            incident.put("name", request == null ? "Incident " + history.incidentId() : request.getTitle());
            incident.put("description", description(request, classification, closed));
            ObjectNode reference = incident.putArray("external_references").addObject();
            reference.put("source_name", "muster");
            reference.put("description", "The incident's id on muster's log of record (incident.events).");
            reference.put("external_id", history.incidentId());
            ObjectNode core = incident.putObject("extensions").putObject(INCIDENT_CORE_EXTENSION);
            core.put("extension_type", "property-extension");
            // "SHOULD be suspected until enough information is available to provide a well researched result"
            // (Incident Core extension): the review under CSA Art. 21 is that result.
            core.put("determination", reviewed ? "successful-attempt" : "suspected");
            // incident-investigation-ov: new (no formal workflow begun), open (being worked), closed (work concluded).
            core.put("investigation_status", closed != null ? "closed" : matched ? "open" : "new");
            if (classification != null) {
                // Appendix A, "Major / Minor / Critical": a significant incident is major (70), a large-scale one critical (95).
                core.put("criticality", classification == Classification.LARGE_SCALE ? 95 : 70);
                // incident-type-ov "major": classified as major due to external reporting requirements (NIS2 Art. 23).
                core.putArray("incident_types").add("major");
            }
            mark(incident, mostRestrictive(all));
            return incident;
        }

        private static String description(RequestFiled request, Classification classification, String closed) {
            if (request == null) {
                return "An incident on muster's log of record whose request for support is not on the log.";
            }
            StringBuilder text = new StringBuilder();
            text.append("Request for support from the EU Cybersecurity Reserve filed by ").append(request.getRequestingAuthority())
                    .append(" for ").append(request.getRequestingMemberState()).append(". Classification: ").append(request.getClassification());
            if (classification != request.getClassification()) {
                text.append(", reclassified ").append(classification);
            }
            text.append(". Affected member states: ").append(String.join(", ", request.getAffectedMemberStates())).append('.');
            if (!request.getAffectedEntities().isEmpty()) {
                text.append(" Affected entities: ").append(request.getAffectedEntities().stream()
                        .map(StixBundle::describe).collect(Collectors.joining("; "))).append('.');
            }
            if (!request.getCapabilityGaps().isEmpty()) {
                text.append(" Capability gaps: ").append(String.join(", ", request.getCapabilityGaps())).append('.');
            }
            if (closed != null) {
                text.append(" Incident ").append(closed);
            }
            return text.toString();
        }

        private ObjectNode situationReport(RecordedEvent recorded, SituationReported report) {
            IncidentEvent event = recorded.getEvent();
            StringBuilder content = new StringBuilder(report.getSummary());
            if (report.getImpactAssessment() != null) {
                content.append("\n\nImpact: ").append(report.getImpactAssessment());
            }
            list(content, "Actions taken", report.getActionsTaken());
            list(content, "Next steps", report.getNextSteps());
            return note(recorded, "Situation report " + report.getReportId() + " by " + event.getProducer().getId(), content.toString());
        }

        private ObjectNode review(RecordedEvent recorded, PostIncidentReviewFiled review) {
            StringBuilder content = new StringBuilder("Root cause: ").append(review.getRootCause());
            content.append("\n\nRSIT class: ").append(review.getTaxonomyClass().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            if (review.getTaxonomyType() != null) {
                content.append(", type: ").append(review.getTaxonomyType());
            }
            list(content, "Exploited vulnerabilities", review.getExploitedVulnerabilities());
            list(content, "Lessons learned", review.getLessonsLearned());
            list(content, "Recommendations", review.getRecommendations());
            list(content, "Providers cited", review.getCitedProviders());
            list(content, "Reviewers' conflicts of interest", review.getReviewerConflictsOfInterest());
            return note(recorded, "Post-incident review under the European Cybersecurity Incident Review Mechanism (CSA Art. 21)",
                    content.toString());
        }

        private ObjectNode note(RecordedEvent recorded, String summary, String content) {
            IncidentEvent event = recorded.getEvent();
            ObjectNode note = common("note", id("note", "note:" + event.getEventId()), event.getOccurredAt(), event.getOccurredAt());
            note.put("created_by_ref", id("identity", "identity:" + event.getProducer().getId()));
            note.put("abstract", summary);
            note.put("content", content);
            note.putArray("authors").add(event.getProducer().getId());
            note.putArray("object_refs").add(incidentRef);
            ObjectNode reference = note.putArray("external_references").addObject();
            reference.put("source_name", "muster");
            reference.put("description", "The event's id; sequence " + recorded.getSequence() + " of the incident on muster's log of record.");
            reference.put("external_id", event.getEventId());
            mark(note, event.getTlp());
            return note;
        }

        private void mark(ObjectNode object, Tlp tlp) {
            used.add(tlp);
            object.putArray("object_marking_refs").add(markingId(tlp));
        }

        private static ObjectNode common(String type, String id, Instant created, Instant modified) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.put("type", type);
            object.put("spec_version", SPEC_VERSION);
            object.put("id", id);
            object.put("created", timestamp(created));
            object.put("modified", timestamp(modified));
            return object;
        }

        private static ObjectNode marking(Tlp tlp) {
            ObjectNode marking = JsonNodeFactory.instance.objectNode();
            marking.put("type", "marking-definition");
            marking.put("spec_version", SPEC_VERSION);
            marking.put("id", markingId(tlp));
            marking.put("created", TLP_2_0_CREATED);
            String level = tlp == Tlp.AMBER_STRICT ? "amber+strict" : tlp.name().toLowerCase(java.util.Locale.ROOT);
            marking.put("name", "TLP:" + level.toUpperCase(java.util.Locale.ROOT));
            ObjectNode extension = marking.putObject("extensions").putObject(TLP_2_0_EXTENSION);
            extension.put("extension_type", "property-extension");
            extension.put("tlp_2_0", level);
            return marking;
        }
    }

    private static void list(StringBuilder content, String heading, List<String> items) {
        if (!items.isEmpty()) {
            content.append("\n\n").append(heading).append(':');
            items.forEach(item -> content.append("\n- ").append(item));
        }
    }

    private static String describe(Organisation organisation) {
        return organisation.getId() + " (" + organisation.getRole() + (organisation.getMemberState() == null ? "" : ", " + organisation.getMemberState()) + ")";
    }

    private static String describe(AffectedEntity entity) {
        return entity.getName() + " (" + entity.getSector() + ", " + entity.getMemberState() + ")";
    }

    // Late reports occur before events recorded earlier, so the earliest and latest are looked for, not taken from the ends.
    private static Instant earliest(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEvent().getOccurredAt()).min(Instant::compareTo).orElseThrow();
    }

    private static Instant latest(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEvent().getOccurredAt()).max(Instant::compareTo).orElseThrow();
    }

    /**
     * The organisation's events of its least restrictive TLP. Every event discloses that its producer took part, so
     * the identity and the relationship may be shared as widely as the widest of them; they draw only on those
     * events (their times, their types), so that nothing of a more restrictive event reaches a wider audience.
     */
    private static List<RecordedEvent> widest(List<RecordedEvent> events) {
        // Tlp's symbols run from the least restrictive (CLEAR) to the most (RED).
        Tlp widest = events.stream().map(e -> e.getEvent().getTlp()).min(Enum::compareTo).orElseThrow();
        return events.stream().filter(e -> e.getEvent().getTlp() == widest).toList();
    }

    // Tlp's symbols run from the least restrictive (CLEAR) to the most (RED).
    private static Tlp mostRestrictive(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEvent().getTlp()).max(Enum::compareTo).orElseThrow();
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** A name-based UUID, version 5 (SHA-1), as RFC 4122 section 4.3 defines it. */
    static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC 4122 variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    // ------------------------------------------------------------------------------------------------
    // Interim conformance check

    private static final Pattern IDENTIFIER = Pattern.compile(
            "^([a-z0-9][a-z0-9-]+[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final Pattern TYPE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$");
    private static final Pattern MILLISECOND_TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
    private static final Pattern CUSTOM_PROPERTY = Pattern.compile("^x_[a-z0-9_]{1,248}$");
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("^[a-z0-9-]+$");

    /**
     * The problems of a bundle against the STIX 2.1 specification's mandatory ("MUST") rules for the object
     * types this exporter writes; an empty list when there are none. <b>This is an interim check, not the
     * validation against the OASIS STIX 2.1 JSON schemas</b> (oasis-open/cti-stix2-json-schemas), which no
     * package registry this project's builds may use distributes, so the build cannot fetch them: it checks what the specification (STIX 2.1 OS, sections 3, 4, 5, 7 and 8)
     * requires of a bundle, of every object's common properties (type, spec_version "2.1", an identifier of its
     * own type with an RFC 4122 UUID, created and modified as millisecond-precise UTC timestamps with modified
     * not before created, references that are identifiers of the right type) and of each type's required
     * properties (identity: name; incident: name; note: content and object_refs; relationship:
     * relationship_type, source_ref and target_ref; marking-definition: created, and definition_type with
     * definition unless extensions say what it is; extensions keyed by extension definition ids with their
     * extension_type). Beyond the specification it checks that every reference resolves within the bundle,
     * which this exporter promises.
     */
    public static List<String> requiredPropertyProblems(JsonNode bundle) {
        List<String> problems = new ArrayList<>();
        if (!"bundle".equals(bundle.path("type").asText(null))) {
            problems.add("bundle: type must be \"bundle\"");
        }
        identifier(problems, "bundle", bundle.get("id"), "bundle");
        JsonNode objects = bundle.get("objects");
        if (objects == null || !objects.isArray() || objects.isEmpty()) {
            problems.add("bundle: objects must be a non-empty list");
            return problems;
        }
        Map<String, String> typesById = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode object : objects) {
            String id = object.path("id").asText("");
            if (!seen.add(id)) {
                problems.add(id + ": the id appears twice in the bundle");
            }
            typesById.put(id, object.path("type").asText(""));
        }
        for (JsonNode object : objects) {
            objectProblems(problems, object, typesById);
        }
        return problems;
    }

    private static void objectProblems(List<String> problems, JsonNode object, Map<String, String> typesById) {
        String type = object.path("type").asText("");
        String where = object.path("id").asText("(an object without id)");
        if (!TYPE.matcher(type).matches()) {
            problems.add(where + ": type \"" + type + "\" is not a STIX type name");
        }
        if (!"2.1".equals(object.path("spec_version").asText(null))) {
            problems.add(where + ": spec_version must be \"2.1\"");
        }
        identifier(problems, where, object.get("id"), type);
        Instant created = timestamp(problems, where, object, "created", true);
        if (type.equals("marking-definition")) {
            if (object.has("modified")) {
                problems.add(where + ": a marking-definition has no modified property");
            }
            if (!object.has("extensions") && !(object.has("definition_type") && object.has("definition"))) {
                problems.add(where + ": a marking-definition without extensions needs definition_type and definition");
            }
        } else {
            Instant modified = timestamp(problems, where, object, "modified", true);
            if (created != null && modified != null && modified.isBefore(created)) {
                problems.add(where + ": modified is before created");
            }
        }
        reference(problems, where, object, "created_by_ref", "identity", typesById);
        JsonNode markings = object.get("object_marking_refs");
        if (markings != null) {
            if (!markings.isArray() || markings.isEmpty()) {
                problems.add(where + ": object_marking_refs must be a non-empty list");
            } else {
                markings.forEach(ref -> referenceValue(problems, where, "object_marking_refs", ref, "marking-definition", typesById));
            }
        }
        JsonNode extensions = object.get("extensions");
        if (extensions != null) {
            extensionProblems(problems, where, extensions);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("x_") && !CUSTOM_PROPERTY.matcher(name).matches()) {
                problems.add(where + ": custom property " + name + " must be 3 to 250 characters of a-z, 0-9 and _");
            }
        }
        switch (type) {
            case "identity" -> nonEmptyString(problems, where, object, "name");
            case "incident" -> nonEmptyString(problems, where, object, "name");
            case "note" -> {
                nonEmptyString(problems, where, object, "content");
                JsonNode refs = object.get("object_refs");
                if (refs == null || !refs.isArray() || refs.isEmpty()) {
                    problems.add(where + ": a note needs a non-empty object_refs list");
                } else {
                    refs.forEach(ref -> referenceValue(problems, where, "object_refs", ref, null, typesById));
                }
                JsonNode authors = object.get("authors");
                if (authors != null && (!authors.isArray() || authors.isEmpty())) {
                    problems.add(where + ": authors must be a non-empty list of strings");
                }
            }
            case "relationship" -> {
                if (!RELATIONSHIP_TYPE.matcher(object.path("relationship_type").asText("")).matches()) {
                    problems.add(where + ": relationship_type must be present, of a-z, 0-9 and -");
                }
                reference(problems, where, object, "source_ref", null, typesById);
                reference(problems, where, object, "target_ref", null, typesById);
                if (!object.has("source_ref") || !object.has("target_ref")) {
                    problems.add(where + ": a relationship needs source_ref and target_ref");
                }
            }
            case "marking-definition" -> {
                // checked above with the common properties
            }
            default -> problems.add(where + ": type " + type + " is not one this exporter writes, so it is not checked");
        }
    }

    private static void extensionProblems(List<String> problems, String where, JsonNode extensions) {
        if (!extensions.isObject() || extensions.isEmpty()) {
            problems.add(where + ": extensions must be a non-empty dictionary");
            return;
        }
        extensions.fields().forEachRemaining(extension -> {
            String key = extension.getKey();
            if (key.startsWith("extension-definition--")) {
                if (!IDENTIFIER.matcher(key).matches()) {
                    problems.add(where + ": extension key " + key + " is not an extension-definition identifier");
                }
                String extensionType = extension.getValue().path("extension_type").asText("");
                if (!Set.of("property-extension", "toplevel-property-extension", "new-sdo", "new-sco", "new-sro").contains(extensionType)) {
                    problems.add(where + ": extension " + key + " needs an extension_type from extension-type-enum");
                }
            }
        });
    }

    private static void identifier(List<String> problems, String where, JsonNode id, String type) {
        String value = id == null ? "" : id.asText("");
        if (!IDENTIFIER.matcher(value).matches() || !value.startsWith(type + "--")) {
            problems.add(where + ": id \"" + value + "\" must be " + type + "--<RFC 4122 UUID>");
        }
    }

    private static Instant timestamp(List<String> problems, String where, JsonNode object, String property, boolean required) {
        JsonNode value = object.get(property);
        if (value == null) {
            if (required) {
                problems.add(where + ": " + property + " is required");
            }
            return null;
        }
        if (!value.isTextual() || !MILLISECOND_TIMESTAMP.matcher(value.asText()).matches()) {
            problems.add(where + ": " + property + " must be a UTC timestamp precise to the millisecond, such as 2026-03-02T08:15:00.000Z");
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            problems.add(where + ": " + property + " \"" + value.asText() + "\" is not a valid instant: " + e.getMessage());
            return null;
        }
    }

    private static void nonEmptyString(List<String> problems, String where, JsonNode object, String property) {
        JsonNode value = object.get(property);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            problems.add(where + ": " + property + " is required and must be a non-empty string");
        }
    }

    private static void reference(List<String> problems, String where, JsonNode object, String property, String type,
            Map<String, String> typesById) {
        JsonNode ref = object.get(property);
        if (ref != null) {
            referenceValue(problems, where, property, ref, type, typesById);
        }
    }

    private static void referenceValue(List<String> problems, String where, String property, JsonNode ref, String type,
            Map<String, String> typesById) {
        String value = ref.asText("");
        if (!IDENTIFIER.matcher(value).matches()) {
            problems.add(where + ": " + property + " \"" + value + "\" is not a STIX identifier");
        } else if (type != null && !value.startsWith(type + "--")) {
            problems.add(where + ": " + property + " \"" + value + "\" must refer to a " + type);
        } else if (!typesById.containsKey(value)) {
            problems.add(where + ": " + property + " \"" + value + "\" refers to no object of the bundle");
        }
    }
}
