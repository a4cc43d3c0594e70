package eu.muster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.codec.ContractTrust;
import eu.muster.codec.HashChain;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Tlp;
import eu.muster.json.JsonContract;
import eu.muster.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STIX 2.1 export of a fixed history: what it holds, how it is marked, that it is the same every time.
 *
 * <p>Conformance is checked with {@link StixBundle#requiredPropertyProblems}, an interim check of the STIX 2.1
 * specification's mandatory properties, <b>not</b> the OASIS STIX 2.1 JSON schemas: no package registry the build
 * may use (Maven Central, Debian, npm) distributes those schemas, and third-party schema files are not to be
 * copied into the repository. When a registry source exists, this test should validate against them instead.
 */
class StixBundleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The sample lifecycle from the request to the review (the withdrawal, sample 17, contradicts the closure and is left out). */
    private static final List<IncidentEvent> LIFECYCLE = SampleEvents.everyPayloadType().subList(0, 16);

    @BeforeAll
    static void trust() {
        ContractTrust.trustContractClasses();
    }

    @Test
    void theBundleOfAFixedHistoryPassesTheInterimCheckOfTheSpecificationsRequiredProperties() {
        ObjectNode bundle = StixBundle.of(history(LIFECYCLE));

        assertThat(StixBundle.requiredPropertyProblems(bundle)).isEmpty();
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        assertThat(bundle.get("id").asText()).matches("bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(types(bundle)).containsExactly(
                "marking-definition", "marking-definition", "marking-definition",
                "identity", "identity", "identity", "identity",
                "incident",
                "relationship", "relationship", "relationship", "relationship",
                "note", "note");
    }

    @Test
    void theInterimCheckFindsWhatTheSpecificationForbids() {
        ObjectNode bundle = StixBundle.of(history(LIFECYCLE));
        ObjectNode incident = (ObjectNode) object(bundle, "incident");
        incident.remove("name");
        incident.put("modified", "2020-01-01T00:00:00Z");
        ((ObjectNode) object(bundle, "note")).putArray("object_refs").add("incident--00000000-0000-4000-8000-000000000000");
        ((ObjectNode) object(bundle, "identity")).put("spec_version", "2.0");

        assertThat(StixBundle.requiredPropertyProblems(bundle)).hasSize(4).anySatisfy(p -> assertThat(p).contains("name is required"))
                .anySatisfy(p -> assertThat(p).contains("modified must be a UTC timestamp precise to the millisecond"))
                .anySatisfy(p -> assertThat(p).contains("refers to no object of the bundle"))
                .anySatisfy(p -> assertThat(p).contains("spec_version must be \"2.1\""));
    }

    @Test
    void exportingTheSameHistoryTwiceGivesTheSameBundle() throws Exception {
        String first = MAPPER.writeValueAsString(StixBundle.of(history(LIFECYCLE)));
        String second = MAPPER.writeValueAsString(StixBundle.of(history(LIFECYCLE)));

        assertThat(second).isEqualTo(first);
        JsonNode bundle = MAPPER.readTree(first);
        assertThat(object(bundle, "incident").get("id").asText())
                .isEqualTo("incident--" + StixBundle.uuid5(StixBundle.NAMESPACE, "incident:" + SampleEvents.INCIDENT_ID));
        assertThat(ids(bundle, "identity")).containsExactly(
                StixBundle.id("identity", "identity:de-bsi"), StixBundle.id("identity", "identity:enisa"),
                StixBundle.id("identity", "identity:mssp-nordwind"), StixBundle.id("identity", "identity:at-certat"));
        assertThat(ids(bundle, "note")).containsExactly(
                StixBundle.id("note", "note:" + LIFECYCLE.get(4).getEventId()), StixBundle.id("note", "note:" + LIFECYCLE.get(15).getEventId()));
    }

    @Test
    void aLongerHistoryIsAnotherBundleOfTheSameIncident() {
        ObjectNode shorter = StixBundle.of(history(LIFECYCLE.subList(0, 5)));
        ObjectNode longer = StixBundle.of(history(LIFECYCLE));

        assertThat(longer.get("id")).isNotEqualTo(shorter.get("id"));
        assertThat(object(longer, "incident").get("id")).isEqualTo(object(shorter, "incident").get("id"));
    }

    @Test
    void theIdNamespaceIsTheDocumentedOneAndTheUuidsAreVersion5() {
        UUID url = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        assertThat(StixBundle.uuid5(url, "urn:muster:stix-2.1-export")).isEqualTo(StixBundle.NAMESPACE);
        // The RFC 4122 DNS namespace and a name whose version 5 UUID other implementations agree on.
        assertThat(StixBundle.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(StixBundle.NAMESPACE.version()).isEqualTo(5);
    }

    @Test
    void theOfficialTlp2MarkingDefinitionsOfTheTlpsUsedAreIncluded() {
        JsonNode bundle = StixBundle.of(history(LIFECYCLE));

        List<JsonNode> markings = objects(bundle, "marking-definition");
        assertThat(markings).extracting(m -> m.get("id").asText()).containsExactly(
                "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
                "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
                "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(markings).extracting(m -> m.get("name").asText()).containsExactly("TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT");
        JsonNode strict = markings.get(2);
        assertThat(strict.get("created").asText()).isEqualTo("2022-10-01T00:00:00.000Z");
        assertThat(strict.get("spec_version").asText()).isEqualTo("2.1");
        assertThat(strict.get("extensions").get(StixBundle.TLP_2_0_EXTENSION))
                .isEqualTo(MAPPER.createObjectNode().put("extension_type", "property-extension").put("tlp_2_0", "amber+strict"));
        assertThat(strict.has("created_by_ref")).isFalse();
        assertThat(strict.has("modified")).isFalse();
        assertThat(StixBundle.markingId(Tlp.CLEAR)).isEqualTo("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
        assertThat(StixBundle.markingId(Tlp.RED)).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    }

    @Test
    void everyObjectCarriesTheTlpOfTheEventsItComesFrom() {
        JsonNode bundle = StixBundle.of(history(LIFECYCLE));

        // The incident draws on every event: the most restrictive, the MSSP's AMBER+STRICT remote deployment.
        assertThat(marking(object(bundle, "incident"))).isEqualTo(StixBundle.markingId(Tlp.AMBER_STRICT));
        // Each note: its own event's TLP (the situation report AMBER, the review GREEN).
        assertThat(objects(bundle, "note")).extracting(StixBundleTest::marking)
                .containsExactly(StixBundle.markingId(Tlp.AMBER), StixBundle.markingId(Tlp.GREEN));
        // An organisation and its part in the incident: the least restrictive of its events.
        Map<String, Tlp> expected = Map.of("de-bsi", Tlp.GREEN, "enisa", Tlp.GREEN, "mssp-nordwind", Tlp.AMBER, "at-certat", Tlp.AMBER);
        for (JsonNode identity : objects(bundle, "identity")) {
            Tlp tlp = expected.get(identity.get("name").asText());
            assertThat(marking(identity)).as(identity.get("name").asText()).isEqualTo(StixBundle.markingId(tlp));
            JsonNode relationship = objects(bundle, "relationship").stream()
                    .filter(r -> r.get("source_ref").equals(identity.get("id"))).findFirst().orElseThrow();
            assertThat(marking(relationship)).isEqualTo(StixBundle.markingId(tlp));
        }
        assertThat(objects(bundle, "marking-definition").stream().map(m -> m.get("id").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(StreamSupport.stream(bundle.get("objects").spliterator(), false)
                        .filter(o -> o.has("object_marking_refs")).map(StixBundleTest::marking).distinct().toList());
    }

    @Test
    void theIncidentCarriesTheRequestAndTheIncidentCoreExtension() {
        JsonNode incident = object(StixBundle.of(history(LIFECYCLE)), "incident");

        assertThat(incident.get("name").asText()).isEqualTo("Ransomware at regional hospitals");
        assertThat(incident.get("created").asText()).isEqualTo("2026-03-02T08:25:00.000Z");
        assertThat(incident.get("modified").asText()).isEqualTo("2026-03-02T10:55:00.000Z");
        assertThat(incident.get("created_by_ref").asText()).isEqualTo(StixBundle.id("identity", "identity:de-bsi"));
        assertThat(incident.get("description").asText()).contains("filed by de-bsi for DE", "reclassified LARGE_SCALE",
                "Klinikum Nord (HEALTH, DE)", "Incident closed on 2026-03-02T10:45:00.000Z: Services restored.");
        JsonNode core = incident.get("extensions").get(StixBundle.INCIDENT_CORE_EXTENSION);
        assertThat(core.get("extension_type").asText()).isEqualTo("property-extension");
        assertThat(core.get("determination").asText()).isEqualTo("successful-attempt");
        assertThat(core.get("investigation_status").asText()).isEqualTo("closed");
        assertThat(core.get("criticality").asInt()).isEqualTo(95);
        assertThat(core.get("incident_types")).containsExactly(MAPPER.getNodeFactory().textNode("major"));
        assertThat(incident.get("external_references").get(0).get("external_id").asText()).isEqualTo(SampleEvents.INCIDENT_ID);

        JsonNode justFiled = object(StixBundle.of(history(LIFECYCLE.subList(0, 1))), "incident");
        JsonNode early = justFiled.get("extensions").get(StixBundle.INCIDENT_CORE_EXTENSION);
        assertThat(early.get("determination").asText()).isEqualTo("suspected");
        assertThat(early.get("investigation_status").asText()).isEqualTo("new");
        assertThat(early.get("criticality").asInt()).isEqualTo(70);
        assertThat(object(StixBundle.of(history(LIFECYCLE.subList(0, 2))), "incident").get("extensions")
                .get(StixBundle.INCIDENT_CORE_EXTENSION).get("investigation_status").asText()).isEqualTo("open");
    }

    @Test
    void identitiesRelationshipsAndNotesSayWhoFiledWhatAndWhen() {
        JsonNode bundle = StixBundle.of(history(LIFECYCLE));
        String incident = object(bundle, "incident").get("id").asText();

        JsonNode mssp = objects(bundle, "identity").get(2);
        assertThat(mssp.get("name").asText()).isEqualTo("mssp-nordwind");
        assertThat(mssp.get("identity_class").asText()).isEqualTo("organization");
        assertThat(mssp.get("x_muster_role").asText()).isEqualTo("MSSP");
        assertThat(mssp.get("x_muster_member_state").asText()).isEqualTo("NL");
        // Its widest events are AMBER (its first, the remote deployment, is AMBER+STRICT): the first of those is the situation report.
        assertThat(mssp.get("created").asText()).isEqualTo("2026-03-02T09:05:00.000Z");
        assertThat(objects(bundle, "identity").get(1).has("x_muster_member_state")).as("ENISA belongs to no member state").isFalse();

        for (JsonNode relationship : objects(bundle, "relationship")) {
            assertThat(relationship.get("relationship_type").asText()).isEqualTo("related-to");
            assertThat(relationship.get("target_ref").asText()).isEqualTo(incident);
            assertThat(relationship.get("created_by_ref")).isEqualTo(relationship.get("source_ref"));
        }
        assertThat(objects(bundle, "relationship").get(2).get("description").asText())
                .isEqualTo("mssp-nordwind (MSSP, NL) took part in this incident; its events include SituationReported, PhaseChanged, "
                        + "DeploymentStarted, DeploymentEnded.");
        assertThat(objects(bundle, "relationship").get(2).get("modified").asText()).isEqualTo("2026-03-02T10:35:00.000Z");

        JsonNode report = objects(bundle, "note").get(0);
        assertThat(report.get("abstract").asText()).isEqualTo("Situation report sitrep-1 by mssp-nordwind");
        assertThat(report.get("content").asText()).startsWith("Encryption stopped; 14 hosts isolated.")
                .contains("Impact: Two regional hospitals on paper-based operation.", "- isolated VLAN 12", "Next steps:\n- identify initial access");
        assertThat(report.get("authors")).containsExactly(MAPPER.getNodeFactory().textNode("mssp-nordwind"));
        assertThat(report.get("object_refs")).containsExactly(MAPPER.getNodeFactory().textNode(incident));
        assertThat(report.get("created_by_ref")).isEqualTo(mssp.get("id"));
        assertThat(report.get("created").asText()).isEqualTo("2026-03-02T09:05:00.000Z").isEqualTo(report.get("modified").asText());

        JsonNode review = objects(bundle, "note").get(1);
        assertThat(review.get("content").asText()).contains("Root cause: Unpatched VPN appliance", "RSIT class: intrusions, type: system-compromise",
                "- Patch edge devices within 72 hours.");
        assertThat(review.get("authors")).containsExactly(MAPPER.getNodeFactory().textNode("enisa"));
    }

    @Test
    void theJsonTimelineListsEveryEventWithItsProducerAndPlaceOnTheLog() {
        IncidentHistory history = history(LIFECYCLE);
        JsonNode json = history.toJson(JsonContract.create());

        assertThat(json.get("incidentId").asText()).isEqualTo(SampleEvents.INCIDENT_ID);
        JsonNode events = json.get("events");
        assertThat(events).hasSize(16);
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i + 1);
            assertThat(event.get("eventId").asText()).isEqualTo(LIFECYCLE.get(i).getEventId());
            assertThat(event.get("producer").get("id").asText()).isEqualTo(LIFECYCLE.get(i).getProducer().getId());
            assertThat(event.get("type").asText()).isEqualTo(LIFECYCLE.get(i).getPayload().getClass().getSimpleName());
            assertThat(event.get("payload").get("type")).isEqualTo(event.get("type"));
            assertThat(event.get("position").get("offset").asLong()).isEqualTo(100 + i);
            assertThat(event.get("hash").asText()).hasSize(64);
            assertThat(event.get("previousHash").asText()).isEqualTo(i == 0 ? "0".repeat(64) : events.get(i - 1).get("hash").asText());
        }
        assertThat(events.get(0).get("occurredAt").asText()).isEqualTo("2026-03-02T08:25:00Z");
        assertThat(events.get(0).get("tlp").asText()).isEqualTo("AMBER");
        assertThat(events.get(0).get("submission").get("topic").asText()).isEqualTo("submissions.de-bsi");
        assertThat(json.get("through").get("lastSequence").asLong()).isEqualTo(16);
    }

    @Test
    void aHistoryHoldsOneIncidentsEventsOnly() {
        List<IncidentHistory.Entry> entries = new ArrayList<>(history(LIFECYCLE.subList(0, 2)).entries());
        IncidentEvent other = IncidentEvent.newBuilder(LIFECYCLE.get(0)).setIncidentId(UUID.randomUUID().toString()).build();
        entries.add(new IncidentHistory.Entry(recorded(other, 1, HashChain.genesis()), new IncidentHistory.Position(Topics.INCIDENT_EVENTS, 0, 7)));

        assertThatThrownBy(() -> IncidentHistory.of(SampleEvents.INCIDENT_ID, entries, extent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to incident " + other.getIncidentId());
        assertThatThrownBy(() -> IncidentHistory.of(SampleEvents.INCIDENT_ID, List.of(), extent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no events");
    }

    // ------------------------------------------------------------------------------------------------

    /** The events as the log of record would hold them: numbered from 1, chained, at offsets 100, 101, ... of partition 0. */
    private static IncidentHistory history(List<IncidentEvent> events) {
        List<IncidentHistory.Entry> entries = new ArrayList<>();
        byte[] previous = HashChain.genesis();
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent sealed = recorded(events.get(i), i + 1, previous);
            previous = bytes(sealed.getHash());
            entries.add(new IncidentHistory.Entry(sealed, new IncidentHistory.Position(Topics.INCIDENT_EVENTS, 0, 100 + i)));
        }
        // In reverse: the history puts them in sequence order itself.
        java.util.Collections.reverse(entries);
        return IncidentHistory.of(SampleEvents.INCIDENT_ID, entries, extent());
    }

    private static RecordedEvent recorded(IncidentEvent event, long sequence, byte[] previousHash) {
        return HashChain.seal(RecordedEvent.newBuilder()
                .setIncidentId(event.getIncidentId())
                .setSequence(sequence)
                .setRecordedAt(event.getOccurredAt().plusMillis(250))
                .setSubmissionTopic(Topics.SUBMISSIONS_PREFIX + event.getProducer().getId())
                .setSubmissionPartition(0)
                .setSubmissionOffset(sequence - 1)
                .setEvent(event)
                .setPreviousHash(ByteBuffer.wrap(previousHash))
                .setHash(ByteBuffer.allocate(0))
                .build());
    }

    private static LogReader.Extent extent() {
        return new LogReader.Extent(Topics.INCIDENT_EVENTS, List.of(new LogReader.Extent.Partition(0, 100, 115)), 16);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static List<String> types(JsonNode bundle) {
        return StreamSupport.stream(bundle.get("objects").spliterator(), false).map(o -> o.get("type").asText()).toList();
    }

    private static List<JsonNode> objects(JsonNode bundle, String type) {
        return StreamSupport.stream(bundle.get("objects").spliterator(), false).filter(o -> o.get("type").asText().equals(type)).toList();
    }

    private static JsonNode object(JsonNode bundle, String type) {
        return objects(bundle, type).get(0);
    }

    private static List<String> ids(JsonNode bundle, String type) {
        return objects(bundle, type).stream().map(o -> o.get("id").asText()).toList();
    }

    private static String marking(JsonNode object) {
        assertThat(object.get("object_marking_refs")).as("%s is marked once", object.get("id")).hasSize(1);
        return object.get("object_marking_refs").get(0).asText();
    }
}
