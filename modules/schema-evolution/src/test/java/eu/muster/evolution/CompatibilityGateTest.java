package eu.muster.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.ContractSchemas;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.ReleasedSchema;
import eu.muster.evolution.Incompatibility.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RELEASED = Path.of("../../schemas/released");

    @Test
    void theCurrentContractIsCompatibleWithEveryReleasedVersion() {
        List<ReleasedSchema> released = ContractSchemas.released(RELEASED);

        assertThat(released).extracting(ReleasedSchema::label).contains("IncidentEvent v1");
        assertThat(CompatibilityGate.check(ContractSchemas.current(), released)).isEmpty();
    }

    @Test
    void aNewRequiredFieldWithoutDefaultBreaksBackwardCompatibilityAndIsNamed() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "RequestFiled",
                record -> fields(record).addObject().put("name", "severity").put("type", "string"));

        List<Incompatibility> problems = CompatibilityGate.check(List.of(changed), releasedNow());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.BACKWARD);
            assertThat(p.kind()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
            assertThat(p.schema()).isEqualTo("IncidentEvent");
            assertThat(p.field()).isEqualTo("IncidentEvent.payload > RequestFiled.severity");
        });
    }

    @Test
    void aNewFieldWithADefaultIsCompatibleBothWays() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "RequestFiled",
                record -> fields(record).addObject().put("name", "severity").put("type", "string").put("default", "unknown"));

        assertThat(CompatibilityGate.check(List.of(changed), releasedNow())).isEmpty();
    }

    @Test
    void aRemovedEnumSymbolBreaksBackwardCompatibilityAndIsNamed() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "Phase", phase -> removeSymbol(phase, "CONTAINMENT_RECOVERY"));

        List<Incompatibility> problems = CompatibilityGate.check(List.of(changed), releasedNow());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.BACKWARD);
            assertThat(p.kind()).isEqualTo("MISSING_ENUM_SYMBOLS");
            assertThat(p.field()).isEqualTo("IncidentEvent.payload > PhaseChanged.phase > Phase symbols");
            assertThat(p.detail()).contains("CONTAINMENT_RECOVERY");
        });
    }

    @Test
    void aNewSymbolInAnEnumWithoutDefaultBreaksForwardCompatibility() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "Phase", phase -> ((ArrayNode) phase.get("symbols")).add("AFTERCARE"));

        List<Incompatibility> problems = CompatibilityGate.check(List.of(changed), releasedNow());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.FORWARD);
            assertThat(p.kind()).isEqualTo("MISSING_ENUM_SYMBOLS");
            assertThat(p.detail()).contains("AFTERCARE");
        });
    }

    @Test
    void aNewSymbolInAnEnumWithADefaultIsCompatible() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "Sector", sector -> ((ArrayNode) sector.get("symbols")).add("SPACE_WEATHER"));

        assertThat(CompatibilityGate.check(List.of(changed), releasedNow())).isEmpty();
    }

    @Test
    void aNewPayloadTypeBreaksForwardCompatibilityAndIsNamed() {
        Schema changed = edit(IncidentEvent.getClassSchema(), "IncidentEvent", envelope -> {
            for (JsonNode field : fields(envelope)) {
                if (field.get("name").asText().equals("payload")) {
                    ObjectNode branch = ((ArrayNode) field.get("type")).addObject();
                    branch.put("type", "record").put("name", "EvidenceShared").putArray("fields");
                }
            }
        });

        List<Incompatibility> problems = CompatibilityGate.check(List.of(changed), releasedNow());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.FORWARD);
            assertThat(p.kind()).isEqualTo("MISSING_UNION_BRANCH");
            assertThat(p.field()).isEqualTo("IncidentEvent.payload");
            assertThat(p.detail()).isEqualTo("the reader's union has no branch eu.muster.contract.EvidenceShared");
        });
    }

    @Test
    void aReleasedSchemaThatDisappearedIsReported() {
        assertThat(CompatibilityGate.check(List.of(), releasedNow()))
                .singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo("SCHEMA_REMOVED"));
    }

    @Test
    void theGateFailsWithAMessageNamingTheSchemaAndTheField(@TempDir Path released) throws IOException {
        // A release that had a required field the current contract lacks: released readers cannot read current data.
        Schema old = edit(IncidentEvent.getClassSchema(), "PhaseChanged",
                record -> fields(record).addObject().put("name", "approvedBy").put("type", "string"));
        Files.createDirectories(released.resolve("v1"));
        Files.writeString(released.resolve("v1/IncidentEvent.avsc"), SchemaFormatter.format("json/pretty", old));

        assertThatThrownBy(() -> CompatibilityGate.main(new String[] {released.toString()}))
                .isInstanceOf(ContractIncompatibleException.class)
                .hasMessageContaining("FORWARD: IncidentEvent v1 cannot read data written with current IncidentEvent")
                .hasMessageContaining("IncidentEvent.payload > PhaseChanged.approvedBy")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void releasingAnUnchangedContractWritesNothingAndAChangedOneWritesTheNextVersion(@TempDir Path released) throws IOException {
        Path first = ContractRelease.release(released);
        assertThat(first).isEqualTo(released.resolve("v1"));
        assertThat(ContractRelease.release(released)).isNull();

        Schema older = edit(IncidentEvent.getClassSchema(), "PhaseChanged",
                record -> fields(record).addObject().put("name", "note").put("type", "string").put("default", ""));
        Files.writeString(released.resolve("v1/IncidentEvent.avsc"), SchemaFormatter.format("json/pretty", older));

        assertThat(ContractRelease.release(released)).isEqualTo(released.resolve("v2"));
        assertThat(ContractSchemas.released(released)).extracting(ReleasedSchema::label)
                .filteredOn(label -> label.startsWith("IncidentEvent ")).containsExactly("IncidentEvent v1", "IncidentEvent v2");
        assertThat(ContractSchemas.released(released)).hasSize(2 * ContractSchemas.current().size());
    }

    @Test
    void aDocOnlyChangeIsReleasedAsANewVersion(@TempDir Path released) throws IOException {
        ContractRelease.release(released);
        Schema older = edit(IncidentEvent.getClassSchema(), "PhaseChanged", record -> record.put("doc", "an older wording"));
        Files.writeString(released.resolve("v1/IncidentEvent.avsc"), SchemaFormatter.format("json/pretty", older));

        assertThat(ContractRelease.release(released)).isEqualTo(released.resolve("v2"));
    }

    @Test
    void aGapInTheReleasedVersionsIsRefused(@TempDir Path released) throws IOException {
        ContractRelease.release(released);
        Files.createDirectories(released.resolve("v3"));
        Files.copy(released.resolve("v1/IncidentEvent.avsc"), released.resolve("v3/IncidentEvent.avsc"));

        assertThatThrownBy(() -> ContractSchemas.released(released))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without gaps")
                .hasMessageContaining("[v1, v3]");
    }

    @Test
    void aReleasedTopLevelSchemaDroppedFromTheCurrentContractFailsTheGate(@TempDir Path released) throws IOException {
        ContractRelease.release(released);
        Schema retired = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"CaseOpened\",\"namespace\":\"eu.muster.contract\",\"fields\":[]}");
        Files.writeString(released.resolve("v1/CaseOpened.avsc"), SchemaFormatter.format("json/pretty", retired));

        assertThatThrownBy(() -> CompatibilityGate.main(new String[] {released.toString()}))
                .isInstanceOf(ContractIncompatibleException.class)
                .hasMessageContaining("SCHEMA_REMOVED at eu.muster.contract.CaseOpened");
    }

    private static List<ReleasedSchema> releasedNow() {
        return List.of(new ReleasedSchema("v1", IncidentEvent.getClassSchema()));
    }

    /** A copy of {@code schema} with the definition of the named type changed. */
    private static Schema edit(Schema schema, String typeName, Consumer<ObjectNode> change) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            ObjectNode definition = findDefinition(tree, typeName);
            assertThat(definition).as("definition of %s", typeName).isNotNull();
            change.accept(definition);
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode findDefinition(JsonNode node, String typeName) {
        if (node.isObject() && node.has("name") && node.get("name").asText().equals(typeName) && node.has("type")
                && !node.get("type").isContainerNode() && List.of("record", "enum").contains(node.get("type").asText())) {
            return (ObjectNode) node;
        }
        for (JsonNode child : node) {
            ObjectNode found = findDefinition(child, typeName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static void removeSymbol(ObjectNode enumeration, String symbol) {
        ArrayNode symbols = (ArrayNode) enumeration.get("symbols");
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).asText().equals(symbol)) {
                symbols.remove(i);
                return;
            }
        }
        throw new AssertionError("no symbol " + symbol);
    }
}
