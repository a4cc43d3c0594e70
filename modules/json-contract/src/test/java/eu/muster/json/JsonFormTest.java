package eu.muster.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.ContractSchemas;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The guard that keeps the contract within what the JSON form can express. */
class JsonFormTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void theWholeCurrentContractHasAJsonForm() {
        List<Schema> named = JsonForm.requireMappable(ContractSchemas.current());

        assertThat(named).extracting(Schema::getName).contains("IncidentEvent", "RequestFiled", "Sector", "GroupEntry", "MsspScorecard")
                .doesNotHaveDuplicates();
    }

    @Test
    void aPayloadWithAFieldNamedTypeIsRefusedBecauseTheTagWouldHideIt() {
        Schema schema = parse("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"payload\",\"type\":["
                + "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"type\",\"type\":\"string\"}]},"
                + "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}]}]}");

        assertThatThrownBy(() -> JsonForm.requireMappable(List.of(schema))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A has a field named 'type'");
    }

    @Test
    void unionsOfSeveralNonRecordsAndTypesWithoutAJsonFormAreRefused() {
        Schema stringOrInt = parse("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"v\",\"type\":[\"string\",\"int\"]}]}");
        Schema map = parse("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"v\",\"type\":{\"type\":\"map\",\"values\":\"string\"}}]}");
        Schema decimal = parse("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"v\","
                + "\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}}]}");
        Schema sameSimpleName = parse("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"v\",\"type\":["
                + "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"x\",\"fields\":[]},"
                + "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"y\",\"fields\":[]}]}]}");

        assertThatThrownBy(() -> JsonForm.requireMappable(List.of(stringOrInt))).hasMessageContaining("every branch is a record");
        assertThatThrownBy(() -> JsonForm.requireMappable(List.of(map))).hasMessageContaining("Avro type MAP");
        assertThatThrownBy(() -> JsonForm.requireMappable(List.of(decimal))).hasMessageContaining("logical type decimal");
        assertThatThrownBy(() -> JsonForm.requireMappable(List.of(sameSimpleName))).hasMessageContaining("share the simple name A");
    }

    @Test
    void aViolationCutsItsActualValueWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDE00";
        Violation violation = new Violation("title", "a string", "x".repeat(98) + emoji + "tail");

        assertThat(violation.actual()).isEqualTo("x".repeat(98) + "…");
        assertThat(new Violation("p", "e", "short").actual()).isEqualTo("short");
        assertThatThrownBy(() -> new Violation(null, "e", "a")).isInstanceOf(NullPointerException.class);
    }
}
