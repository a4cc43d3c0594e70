package eu.muster.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.ContractSchemas;
import eu.muster.contract.IncidentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The contract's JSON form (docs/event-contract.md, "JSON form"), for systems without a Kafka
 * client: the HTTP gateway and the CLI. Driven by the Avro schemas of the generated classes, so a
 * field added to the contract has its JSON form without a change here.
 *
 * <p>Reading is strict and lists every problem at once: unknown and missing fields, wrong types,
 * unknown enum symbols, out-of-range integers, unparseable instants, and, for an
 * {@link IncidentEvent}, the domain checks the schema cannot express (UUIDs, EU member states,
 * language codes). Any problem throws {@link JsonContractException}; a reader never gets a
 * half-valid event, and never a raw Jackson exception.
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class JsonContract {

    private static final Schema EVENT = IncidentEvent.getClassSchema();
    private static final String WELL_FORMED = "well-formed JSON";

    private final JsonMapper mapper;
    private final SchemaReader eventReader;
    private final SchemaReader plainReader;
    private final SchemaWriter writer = new SchemaWriter();

    private JsonContract(SpecificData model) {
        this.mapper = JsonMapper.builder()
                // A repeated key is ambiguous (which one counts?), so it is refused instead of the last one winning silently.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // "{...} garbage" is not one document; without this Jackson stops after the first value.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Keeps 1.5 or 1e400 exact until the reader decides, instead of rounding while parsing.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // ...and as written: a refused 4.0 is shown as 4.0, not as 4, which would look like a valid integer.
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .build();
        this.eventReader = new SchemaReader(model, DomainRules.INCIDENT_EVENT);
        this.plainReader = new SchemaReader(model, Map.of());
    }

    /**
     * A reader and writer of the JSON form. Cheap enough to call once per component; the instance
     * is thread-safe and reusable.
     *
     * @throws IllegalStateException if a contract schema has a type the JSON form cannot express,
     *     or the generated classes cannot be found: a build problem, never a runtime input problem
     */
    public static JsonContract create() {
        List<Schema> namedTypes = JsonForm.requireMappable(ContractSchemas.current());
        // The generated classes' own loader, so records come out as IncidentEvent, not generic records, in any container.
        return new JsonContract(ContractData.of(namedTypes, IncidentEvent.class.getClassLoader()));
    }

    /**
     * Reads one envelope.
     *
     * @param json UTF-8 JSON text holding one {@code IncidentEvent} object
     * @throws JsonContractException listing every violation; malformed JSON is one violation at
     *     path {@code ""} that says the line and column
     */
    public IncidentEvent readEvent(byte[] json) throws JsonContractException {
        return readEvent(parse(json));
    }

    /**
     * Reads one envelope from a tree the caller has already parsed. Duplicate keys cannot be seen
     * here (the tree holds one value per key): parse with {@link #readEvent(byte[])} to refuse them.
     *
     * @throws JsonContractException listing every violation
     */
    public IncidentEvent readEvent(JsonNode json) throws JsonContractException {
        Objects.requireNonNull(json, "json");
        Violations violations = new Violations();
        IncidentEvent event = envelope(json, "", violations);
        violations.throwIfAny();
        return event;
    }

    /**
     * Reads a batch: a JSON array of envelopes, or a single envelope object (a list of one). The
     * batch is all or nothing: one bad envelope refuses it all, with paths such as
     * {@code [1].eventId}. A single object's paths have no prefix. An empty array is an empty list.
     *
     * @throws JsonContractException listing every violation of every envelope
     */
    public List<IncidentEvent> readEvents(byte[] json) throws JsonContractException {
        JsonNode root = parse(json);
        Violations violations = new Violations();
        List<IncidentEvent> events = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                events.add(envelope(root.get(i), Violations.element("", i), violations));
            }
        } else if (root.isObject()) {
            events.add(envelope(root, "", violations));
        } else {
            violations.add("", "an array of IncidentEvent objects, or one IncidentEvent object", Rendered.json(root));
        }
        violations.throwIfAny();
        return List.copyOf(events);
    }

    /**
     * The JSON form of any contract record: an envelope, an outcome, a rejection, a view, or any
     * record nested in them. Every field is written, optional ones as {@code null}; instants as
     * {@link java.time.Instant#toString()}; bytes as base64. No domain checks apply on the way out.
     *
     * @throws IllegalArgumentException if the record breaks its own schema, e.g. a required field
     *     is null or a double is not finite: the JSON would be refused by any reader
     */
    public ObjectNode write(SpecificRecord record) {
        Objects.requireNonNull(record, "record");
        return (ObjectNode) writer.write(record, record.getSchema(), "");
    }

    /**
     * {@link #write(SpecificRecord)} as compact UTF-8 JSON text.
     *
     * @throws IllegalArgumentException as {@link #write(SpecificRecord)}
     */
    public byte[] writeBytes(SpecificRecord record) {
        try {
            return mapper.writeValueAsBytes(write(record));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads any contract record by its schema alone, without the domain checks of an event. For
     * tests of the writer's records (outcomes, rejections with bytes, views); not public because
     * no caller needs to accept those from outside yet.
     */
    <T extends SpecificRecord> T read(byte[] json, Class<T> type) throws JsonContractException {
        JsonNode root = parse(json);
        Violations violations = new Violations();
        Object value = plainReader.read(root, SpecificData.get().getSchema(type), "", violations);
        violations.throwIfAny();
        return type.cast(value);
    }

    /** The envelope at {@code path}, or null when it broke the contract (the violations say how). */
    private IncidentEvent envelope(JsonNode node, String path, Violations violations) {
        return (IncidentEvent) eventReader.read(node, EVENT, path, violations);
    }

    private JsonNode parse(byte[] json) throws JsonContractException {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JsonContractException(List.of(new Violation("", WELL_FORMED, where(e))));
        } catch (IOException e) {
            // Reading a byte array does no I/O; kept so that nothing but JsonContractException escapes.
            throw new JsonContractException(List.of(new Violation("", WELL_FORMED, String.valueOf(e.getMessage()))));
        }
        if (root == null || root.isMissingNode()) {
            throw new JsonContractException(List.of(new Violation("", WELL_FORMED, "no JSON value: the document is empty")));
        }
        return root;
    }

    /** Where the parser stopped, first, so that cutting a long parser message to 100 characters keeps it. */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = String.valueOf(e.getOriginalMessage());
        // Jackson appends hints and source excerpts on later lines; the first says what went wrong.
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return location == null || location.getLineNr() < 1
                ? first
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + first;
    }
}
