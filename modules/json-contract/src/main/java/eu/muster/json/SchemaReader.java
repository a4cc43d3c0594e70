package eu.muster.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Reads a JSON tree as a value of an Avro schema, walking the schema, not the tree: the tree can
 * only ever be as deep as the contract is, and every member the schema does not know is refused.
 * It records every violation it meets and goes on, so one read lists all of a document's
 * problems. Stateless and thread-safe; the {@link Violations} passed in carry one read's state.
 */
final class SchemaReader {

    /** What a value that broke the contract reads as; its violation is already recorded. */
    private static final Object INVALID = new Object();

    static final String MISSING = "nothing (required field)";

    private final SpecificData model;
    private final Map<String, DomainRules.Rule> rules;

    /**
     * @param model builds the generated classes; must find them through its class loader
     * @param rules the checks beyond the schema, by field name; empty for none
     */
    SchemaReader(SpecificData model, Map<String, DomainRules.Rule> rules) {
        this.model = model;
        this.rules = Map.copyOf(rules);
    }

    /**
     * The value at {@code path}, or null after recording why it breaks the contract (a JSON
     * {@code null} read as a nullable value is null too: callers tell the two apart by whether
     * {@code violations} grew, and throw before anything half-valid escapes).
     */
    Object read(JsonNode node, Schema schema, String path, Violations violations) {
        Object value = value(node, schema, path, violations, false);
        return value == INVALID ? null : value;
    }

    /**
     * @param nullable whether the value sits in a {@code union {null, X}}: then a value of the wrong
     *     type is told that null was allowed too
     */
    private Object value(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        switch (schema.getType()) {
            case NULL:
                return node.isNull() ? null : wrongType(node, schema, path, violations, nullable);
            case BOOLEAN:
                return node.isBoolean() ? node.booleanValue() : wrongType(node, schema, path, violations, nullable);
            case INT:
                return integer(node, schema, path, violations, nullable);
            case LONG:
                return JsonForm.isInstant(schema) ? instant(node, schema, path, violations, nullable)
                        : integer(node, schema, path, violations, nullable);
            case DOUBLE:
                return number(node, schema, path, violations, nullable);
            case STRING:
                return node.isTextual() ? node.textValue() : wrongType(node, schema, path, violations, nullable);
            case BYTES:
                return bytes(node, schema, path, violations, nullable);
            case ENUM:
                return symbol(node, schema, path, violations, nullable);
            case ARRAY:
                return array(node, schema, path, violations, nullable);
            case RECORD:
                return record(node, schema, path, violations, nullable, null);
            case UNION:
                return union(node, schema, path, violations);
            default:
                // JsonContract.create() refuses contracts with other types, so this is a bug, not bad input.
                throw new IllegalStateException("the JSON form has no mapping for " + schema);
        }
    }

    private Object wrongType(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        String expected = JsonForm.expected(schema);
        violations.add(path, nullable ? "null or " + expected : expected, Rendered.json(node));
        return INVALID;
    }

    private Object integer(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        // Only integer tokens: 1.0 or 1e3 say the producer computes with floating point, which loses digits of longs.
        if (!node.isIntegralNumber()) {
            return wrongType(node, schema, path, violations, nullable);
        }
        boolean isInt = schema.getType() == Schema.Type.INT;
        if (isInt ? !node.canConvertToInt() : !node.canConvertToLong()) {
            violations.add(path, JsonForm.expected(schema), node.asText());
            return INVALID;
        }
        return isInt ? (Object) node.intValue() : (Object) node.longValue();
    }

    private Object instant(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        return fromText(node, schema, path, violations, nullable, JsonForm.INSTANT, text -> {
            try {
                // timestamp-millis holds milliseconds: finer digits are cut, as Avro's own conversion does.
                return Instant.ofEpochMilli(OffsetDateTime.parse(text).toInstant().toEpochMilli());
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
        });
    }

    private Object number(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        if (!node.isNumber()) {
            return wrongType(node, schema, path, violations, nullable);
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            violations.add(path, JsonForm.expected(schema), node.asText());
            return INVALID;
        }
        return value;
    }

    private Object bytes(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        return fromText(node, schema, path, violations, nullable, JsonForm.expected(schema), text -> {
            try {
                return ByteBuffer.wrap(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
    }

    private Object symbol(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        return fromText(node, schema, path, violations, nullable, JsonForm.oneOf(schema),
                text -> schema.hasEnumSymbol(text) ? model.createEnum(text, schema) : null);
    }

    /**
     * A value the JSON form writes as a string: a wrong JSON type is told so, and a string that
     * {@code parse} cannot turn into a value (it returns null) is shown as the text it is.
     */
    private Object fromText(JsonNode node, Schema schema, String path, Violations violations, boolean nullable,
            String expected, Function<String, Object> parse) {
        if (!node.isTextual()) {
            return wrongType(node, schema, path, violations, nullable);
        }
        Object value = parse.apply(node.textValue());
        if (value == null) {
            violations.add(path, expected, node.textValue());
            return INVALID;
        }
        return value;
    }

    private Object array(JsonNode node, Schema schema, String path, Violations violations, boolean nullable) {
        if (!node.isArray()) {
            return wrongType(node, schema, path, violations, nullable);
        }
        List<Object> elements = new ArrayList<>(node.size());
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            Object element = value(node.get(i), schema.getElementType(), Violations.element(path, i), violations, false);
            valid &= element != INVALID;
            elements.add(element);
        }
        return valid ? elements : INVALID;
    }

    private Object union(JsonNode node, Schema union, String path, Violations violations) {
        boolean nullable = JsonForm.allowsNull(union);
        if (node.isNull()) {
            return nullable ? null : wrongType(node, union, path, violations, false);
        }
        if (!JsonForm.isTagged(union)) {
            return value(node, JsonForm.valueBranches(union).get(0), path, violations, nullable);
        }
        if (!node.isObject()) {
            return wrongType(node, union, path, violations, false);
        }
        String typePath = Violations.member(path, JsonForm.TYPE);
        String expected = "one of " + JsonForm.branchNames(union);
        JsonNode type = node.get(JsonForm.TYPE);
        if (type == null) {
            violations.add(typePath, expected, MISSING);
            return INVALID;
        }
        Schema branch = type.isTextual() ? JsonForm.branchNamed(union, type.textValue()) : null;
        if (branch == null) {
            violations.add(typePath, expected, type.isTextual() ? type.textValue() : Rendered.json(type));
            return INVALID;
        }
        return record(node, branch, path, violations, false, JsonForm.TYPE);
    }

    /**
     * @param tag the member naming the branch when the record is a branch of a tagged union, so
     *     that it is not taken for an unknown field; null otherwise
     */
    private Object record(JsonNode node, Schema schema, String path, Violations violations, boolean nullable, String tag) {
        if (!node.isObject()) {
            return wrongType(node, schema, path, violations, nullable);
        }
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        boolean valid = true;
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = Violations.member(path, field.name());
            JsonNode member = node.get(field.name());
            Object value;
            if (member != null) {
                value = checked(field.name(), value(member, field.schema(), fieldPath, violations, false), fieldPath, violations);
            } else if (field.hasDefaultValue()) {
                // Absent means the field's default, exactly as Avro fills a field an older writer did not know.
                value = model.getDefaultValue(field);
            } else {
                violations.add(fieldPath, expectedOfMissing(field), MISSING);
                value = INVALID;
            }
            if (value == INVALID) {
                valid = false;
            } else {
                record.put(field.pos(), value);
            }
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            if (schema.getField(name) == null && !name.equals(tag)) {
                violations.add(Violations.member(path, Rendered.name(name)), knownFields(schema, tag), Rendered.member(name, member.getValue()));
                valid = false;
            }
        }
        return valid ? record : INVALID;
    }

    /** Applies the domain rule of a field, if it has one, to a value that has the schema's type. */
    private Object checked(String fieldName, Object value, String path, Violations violations) {
        DomainRules.Rule rule = rules.get(fieldName);
        if (rule == null || value == INVALID || value == null) {
            return value;
        }
        if (value instanceof String) {
            return check(rule, (String) value, path, violations) ? value : INVALID;
        }
        if (value instanceof List) {
            boolean valid = true;
            List<?> elements = (List<?>) value;
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof String) {
                    valid &= check(rule, (String) elements.get(i), Violations.element(path, i), violations);
                }
            }
            return valid ? value : INVALID;
        }
        return value;
    }

    private static boolean check(DomainRules.Rule rule, String value, String path, Violations violations) {
        if (rule.accepts().test(value)) {
            return true;
        }
        violations.add(path, rule.expectedFor(value), value);
        return false;
    }

    private String expectedOfMissing(Schema.Field field) {
        DomainRules.Rule rule = rules.get(field.name());
        return rule != null && field.schema().getType() == Schema.Type.STRING ? rule.expected() : JsonForm.expected(field.schema());
    }

    private static String knownFields(Schema schema, String tag) {
        String fields = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
        return "only the fields of " + schema.getName() + ": " + (tag == null ? fields : tag + ", " + fields);
    }
}
