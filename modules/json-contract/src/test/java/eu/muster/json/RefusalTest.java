package eu.muster.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every kind of refusal, with the exact path and expectation a producer is told. */
class RefusalTest {

    private static final JsonContract JSON = JsonContract.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INSTANT = "an ISO-8601 instant such as 2026-03-02T08:15:00Z";
    private static final String UUID = "a UUID in canonical lower-case form, such as 6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01";
    private static final String EU_MEMBER_STATE = "an ISO 3166-1 alpha-2 code of an EU member state";
    private static final String PAYLOAD_TYPES = "one of RequestFiled, MsspMatched, DeploymentStarted, DeploymentEnded, PhaseChanged, "
            + "ParticipantJoined, SituationReported, SituationReportAcknowledged, MutualAssistanceRequested, "
            + "MutualAssistanceOffered, MutualAssistanceOfferDecided, MutualAssistanceFulfilled, IncidentReclassified, "
            + "RequestWithdrawn, IncidentClosed, PostIncidentReviewFiled";

    /** The sample RequestFiled, edited. */
    private static ObjectNode request(Consumer<ObjectNode> edit) {
        ObjectNode json = JSON.write(SampleEvents.everyPayloadType().get(0));
        edit.accept(json);
        return json;
    }

    private static ObjectNode payload(ObjectNode envelope) {
        return (ObjectNode) envelope.get("payload");
    }

    private static List<Violation> violations(ObjectNode json) {
        return catchThrowableOfType(JsonContractException.class, () -> JSON.readEvent(json)).violations();
    }

    private static List<Violation> violations(String json) {
        return catchThrowableOfType(JsonContractException.class, () -> JSON.readEvents(json.getBytes(StandardCharsets.UTF_8))).violations();
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedWithTheFieldsThatExist() {
        assertThat(violations(request(json -> json.put("colour", "red")))).containsExactly(new Violation("colour",
                "only the fields of IncidentEvent: eventId, incidentId, occurredAt, producer, tlp, pap, payload", "\"colour\": \"red\""));
    }

    @Test
    void anUnknownNestedFieldIsRefusedAtItsPath() {
        assertThat(violations(request(json -> ((ObjectNode) payload(json).get("affectedEntities").get(0)).put("size", 300))))
                .containsExactly(new Violation("payload.affectedEntities[0].size",
                        "only the fields of AffectedEntity: name, sector, memberState", "\"size\": 300"));
        assertThat(violations(request(json -> payload(json).put("severity", "HIGH")))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("payload.severity");
            assertThat(v.expected()).startsWith("only the fields of RequestFiled: type, requestingAuthority, requestingMemberState, title");
        });
    }

    @Test
    void aMissingRequiredFieldIsRefusedButAMissingOptionalOneIsItsDefault() throws Exception {
        assertThat(violations(request(json -> payload(json).remove("title"))))
                .containsExactly(new Violation("payload.title", "a string", "nothing (required field)"));
        assertThat(violations(request(json -> json.remove("incidentId"))))
                .containsExactly(new Violation("incidentId", UUID, "nothing (required field)"));
        assertThat(violations(request(json -> json.remove("producer"))))
                .containsExactly(new Violation("producer", "an object (Organisation)", "nothing (required field)"));

        assertThat(JSON.readEvent(request(json -> payload(json).remove("awareAt"))).getPayload())
                .hasFieldOrPropertyWithValue("awareAt", null);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedShowingItAsJson() {
        assertThat(violations(request(json -> payload(json).put("onSiteSupportRequested", "yes"))))
                .containsExactly(new Violation("payload.onSiteSupportRequested", "true or false", "\"yes\""));
        assertThat(violations(request(json -> json.set("producer", NullNode.getInstance()))))
                .containsExactly(new Violation("producer", "an object (Organisation)", "null"));
        assertThat(violations(request(json -> payload(json).put("awareAt", 1772435700000L))))
                .containsExactly(new Violation("payload.awareAt", "null or " + INSTANT, "1772435700000"));
        assertThat(violations(request(json -> payload(json).put("languages", "de"))))
                .containsExactly(new Violation("payload.languages", "an array", "\"de\""));
        assertThat(violations(request(json -> json.put("payload", "RequestFiled"))))
                .containsExactly(new Violation("payload", "an object whose type is " + PAYLOAD_TYPES, "\"RequestFiled\""));
    }

    @Test
    void integersOutOfRangeOrWithFractionsAreRefused() {
        String anInt = "an integer from -2147483648 to 2147483647";
        ObjectNode remote = JSON.write(SampleEvents.everyPayloadType().get(2));
        ObjectNode team = (ObjectNode) remote.get("payload").get("team");

        team.put("size", 3_000_000_000L);
        assertThat(violations(remote)).containsExactly(new Violation("payload.team.size", anInt, "3000000000"));
        team.put("size", 4.5);
        assertThat(violations(remote)).containsExactly(new Violation("payload.team.size", anInt, "4.5"));
        assertThat(violations(new String(JSON.writeBytes(SampleEvents.everyPayloadType().get(2)), StandardCharsets.UTF_8)
                .replace("\"size\":4", "\"size\":4.0")))
                .containsExactly(new Violation("payload.team.size", anInt, "4.0"));

        ObjectNode matched = JSON.write(SampleEvents.everyPayloadType().get(1));
        ((ObjectNode) matched.get("payload").get("slaTerms")).put("onSiteWithinMinutes", new java.math.BigInteger("100000000000000000000"));
        assertThat(violations(matched)).containsExactly(new Violation("payload.slaTerms.onSiteWithinMinutes",
                "an integer from -9223372036854775808 to 9223372036854775807", "100000000000000000000"));
    }

    @Test
    void anEnumSymbolNotInTheEnumIsRefusedListingTheAllowedOnes() {
        assertThat(violations(request(json -> ((ObjectNode) payload(json).get("affectedEntities").get(0)).put("sector", "HOSPITALS"))))
                .containsExactly(new Violation("payload.affectedEntities[0].sector",
                        "one of ENERGY, TRANSPORT, BANKING, FINANCIAL_MARKET_INFRASTRUCTURE, HEALTH, DRINKING_WATER, WASTE_WATER, "
                                + "DIGITAL_INFRASTRUCTURE, ICT_SERVICE_MANAGEMENT, PUBLIC_ADMINISTRATION, SPACE, POSTAL_AND_COURIER, "
                                + "WASTE_MANAGEMENT, CHEMICALS, FOOD, MANUFACTURING, DIGITAL_PROVIDERS, RESEARCH, OTHER",
                        "HOSPITALS"));
        // Symbols are case-sensitive, as in Avro: "amber" is not AMBER.
        assertThat(violations(request(json -> json.put("tlp", "amber"))))
                .containsExactly(new Violation("tlp", "one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED", "amber"));
    }

    @Test
    void anInstantThatIsNotIso8601WithAnOffsetIsRefused() {
        assertThat(violations(request(json -> json.put("occurredAt", "2026-03-02 08:15"))))
                .containsExactly(new Violation("occurredAt", INSTANT, "2026-03-02 08:15"));
        // Without an offset the instant is ambiguous, so it is refused rather than guessed as UTC.
        assertThat(violations(request(json -> json.put("occurredAt", "2026-03-02T08:15:00"))))
                .containsExactly(new Violation("occurredAt", INSTANT, "2026-03-02T08:15:00"));
        assertThat(violations(request(json -> json.put("occurredAt", "2026-02-30T08:15:00Z"))))
                .containsExactly(new Violation("occurredAt", INSTANT, "2026-02-30T08:15:00Z"));
        assertThat(violations(request(json -> json.put("occurredAt", "+999999999-12-31T23:59:59Z"))))
                .as("beyond the range of timestamp-millis")
                .containsExactly(new Violation("occurredAt", INSTANT, "+999999999-12-31T23:59:59Z"));
    }

    @Test
    void idsThatAreNotCanonicalUuidsAreRefused() {
        assertThat(violations(request(json -> json.put("eventId", "not-a-uuid"))))
                .containsExactly(new Violation("eventId", UUID, "not-a-uuid"));
        assertThat(violations(request(json -> json.put("incidentId", SampleEvents.INCIDENT_ID.toUpperCase(java.util.Locale.ROOT)))))
                .containsExactly(new Violation("incidentId", UUID, SampleEvents.INCIDENT_ID.toUpperCase(java.util.Locale.ROOT)));
        assertThat(violations(request(json -> json.put("eventId", "{" + SampleEvents.INCIDENT_ID + "}"))))
                .extracting(Violation::path).containsExactly("eventId");
    }

    @Test
    void memberStatesMustBeEuCodesWhereverTheyAppear() {
        assertThat(violations(request(json -> payload(json).put("requestingMemberState", "CH"))))
                .containsExactly(new Violation("payload.requestingMemberState", EU_MEMBER_STATE, "CH"));
        assertThat(violations(request(json -> ((ObjectNode) json.get("producer")).put("memberState", "de"))))
                .containsExactly(new Violation("producer.memberState", EU_MEMBER_STATE + " (codes are upper case)", "de"));
        assertThat(violations(request(json -> ((ArrayNode) payload(json).get("affectedMemberStates")).add("UK"))))
                .containsExactly(new Violation("payload.affectedMemberStates[2]", EU_MEMBER_STATE, "UK"));
        assertThat(violations(request(json -> ((ObjectNode) payload(json).get("affectedEntities").get(0)).put("memberState", "EL"))))
                .containsExactly(new Violation("payload.affectedEntities[0].memberState",
                        EU_MEMBER_STATE + " (Greece is GR, the ISO code, not EL)", "EL"));

        ObjectNode onSite = JSON.write(SampleEvents.everyPayloadType().get(12));
        ((ObjectNode) onSite.get("payload").get("location")).put("memberState", "NO");
        assertThat(violations(onSite)).containsExactly(new Violation("payload.location.memberState",
                EU_MEMBER_STATE + " (EEA states that are not EU member states are not accepted)", "NO"));

        ObjectNode offer = JSON.write(SampleEvents.everyPayloadType().get(7));
        ((ObjectNode) offer.get("payload")).put("offeringMemberState", "XK");
        assertThat(violations(offer)).containsExactly(new Violation("payload.offeringMemberState", EU_MEMBER_STATE, "XK"));

        ObjectNode asked = JSON.write(SampleEvents.everyPayloadType().get(6));
        ((ArrayNode) asked.get("payload").get("requestedFrom")).insert(0, "GB");
        assertThat(violations(asked)).containsExactly(new Violation("payload.requestedFrom[0]", EU_MEMBER_STATE, "GB"));
    }

    @Test
    void everyOneOfTheTwentySevenMemberStatesIsAccepted() throws Exception {
        List<String> memberStates = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
        ObjectNode json = request(envelope -> {
            ArrayNode affected = payload(envelope).putArray("affectedMemberStates");
            memberStates.forEach(affected::add);
        });

        assertThat(memberStates).hasSize(27).doesNotHaveDuplicates();
        assertThat(((eu.muster.contract.RequestFiled) JSON.readEvent(json).getPayload()).getAffectedMemberStates())
                .containsExactlyElementsOf(memberStates);
    }

    @Test
    void languagesMustBeTwoLowerCaseLetters() {
        assertThat(violations(request(json -> ((ArrayNode) payload(json).get("languages")).add("DE").add("deu"))))
                .containsExactly(
                        new Violation("payload.languages[2]", "an ISO 639-1 language code: two lower-case letters, such as de", "DE"),
                        new Violation("payload.languages[3]", "an ISO 639-1 language code: two lower-case letters, such as de", "deu"));
    }

    @Test
    void anUnknownPayloadTypeIsRefusedListingTheKnownOnes() {
        assertThat(violations(request(json -> payload(json).put("type", "RequestFiledV2"))))
                .containsExactly(new Violation("payload.type", PAYLOAD_TYPES, "RequestFiledV2"));
        assertThat(violations(request(json -> payload(json).put("type", 1))))
                .containsExactly(new Violation("payload.type", PAYLOAD_TYPES, "1"));
    }

    @Test
    void aPayloadWithoutTypeIsRefused() {
        assertThat(violations(request(json -> payload(json).remove("type"))))
                .containsExactly(new Violation("payload.type", PAYLOAD_TYPES, "nothing (required field)"));
    }

    @Test
    void malformedJsonIsOneViolationAtTheRootSayingWhere() {
        List<Violation> truncated = violations("{\n  \"eventId\": ");
        assertThat(truncated).singleElement().satisfies(v -> {
            assertThat(v.path()).isEmpty();
            assertThat(v.expected()).isEqualTo("well-formed JSON");
            assertThat(v.actual()).startsWith("line 2, column 14: ");
        });
        assertThat(violations("{\"eventId\": \"a\", \"eventId\": \"b\"}")).singleElement().satisfies(v -> {
            assertThat(v.path()).isEmpty();
            assertThat(v.actual()).startsWith("line 1, column ").contains("Duplicate field 'eventId'");
        });
        assertThat(violations("{} {}")).extracting(Violation::expected).containsExactly("well-formed JSON");
        assertThat(violations("[NaN]")).extracting(Violation::expected).containsExactly("well-formed JSON");
        assertThat(violations("  ")).containsExactly(new Violation("", "well-formed JSON", "no JSON value: the document is empty"));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefusedAtTheRoot() {
        assertThat(catchThrowableOfType(JsonContractException.class, () -> JSON.readEvent(NullNode.getInstance())).violations())
                .containsExactly(new Violation("", "an object (IncidentEvent)", "null"));
        assertThat(violations("\"event\"")).containsExactly(
                new Violation("", "an array of IncidentEvent objects, or one IncidentEvent object", "\"event\""));
    }

    @Test
    void everyViolationOfADocumentIsCollectedInOneRefusal() {
        JsonContractException refusal = catchThrowableOfType(JsonContractException.class, () -> JSON.readEvent(request(json -> {
            json.put("eventId", "42");
            json.put("tlp", "PURPLE");
            json.remove("pap");
            payload(json).put("requestingMemberState", "XX");
            payload(json).put("bogus", true);
        })));

        assertThat(refusal.violations()).extracting(Violation::path)
                .containsExactly("eventId", "tlp", "pap", "payload.requestingMemberState", "payload.bogus");
        assertThat(refusal.getMessage()).startsWith("eventId: expected " + UUID + ", got 42\n"
                + "tlp: expected one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED, got PURPLE\n");
        assertThat(refusal.getMessage().lines()).hasSize(5);
    }

    @Test
    void aHostileDocumentStopsListingAtFiftyViolations() {
        JsonContractException refusal = catchThrowableOfType(JsonContractException.class, () -> JSON.readEvent(request(json -> {
            ArrayNode states = payload(json).putArray("affectedMemberStates");
            for (int i = 0; i < 70; i++) {
                states.add("X" + i);
            }
        })));

        assertThat(refusal.violations()).hasSize(50);
        assertThat(refusal.violations().get(49).path()).isEqualTo("payload.affectedMemberStates[49]");
        assertThat(refusal.getMessage()).endsWith("\n... and 20 more violation(s) not listed");
    }

    @Test
    void inABatchPathsStartWithTheEnvelopesIndex() throws Exception {
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(JSON.write(samples.get(0)));
        ObjectNode second = JSON.write(samples.get(1));
        second.put("eventId", "nope");
        batch.add(second);
        batch.add(7);

        List<Violation> violations = violations(MAPPER.writeValueAsString(batch));

        assertThat(violations).containsExactly(new Violation("[1].eventId", UUID, "nope"),
                new Violation("[2]", "an object (IncidentEvent)", "7"));
    }

    @Test
    void aLongActualValueIsCutToAHundredCharacters() {
        String title = "x".repeat(5000);
        List<Violation> violations = violations(request(json -> json.put("tlp", title)));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.actual()).hasSize(100).endsWith("…");
            assertThat(v.actual()).startsWith("xxxx");
        });
    }

    @Test
    void nothingButJsonContractExceptionEscapesForDeepNesting() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(violations(deep)).singleElement().extracting(Violation::expected).isEqualTo("well-formed JSON");

        String shallowEnough = new String(JSON.writeBytes(SampleEvents.everyPayloadType().get(0)), StandardCharsets.UTF_8)
                .replace("\"tlp\":\"AMBER\"", "\"tlp\":" + "{\"a\":".repeat(400) + "1" + "}".repeat(400));
        assertThat(violations(shallowEnough)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("tlp");
            assertThat(v.actual()).startsWith("{\"a\":{\"a\":").hasSizeLessThanOrEqualTo(100);
        });
        assertThat(violations(shallowEnough).stream().map(Violation::expected).collect(Collectors.toList()))
                .containsExactly("one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED");
    }
}
