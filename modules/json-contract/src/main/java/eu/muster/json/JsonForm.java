package eu.muster.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The rules that tie an Avro schema to its JSON form, shared by the reader and the writer so that
 * the two cannot drift apart: which unions are tagged, what each type is expected to look like.
 */
final class JsonForm {

    /** The member of a tagged union's object that names the branch. */
    static final String TYPE = "type";

    static final String INSTANT = "an ISO-8601 instant such as 2026-03-02T08:15:00Z";

    private JsonForm() {
    }

    /** Whether a {@code long} is a {@code timestamp-millis}, written as an ISO-8601 instant. */
    static boolean isInstant(Schema schema) {
        return schema.getType() == Schema.Type.LONG && schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** Whether the union may be JSON {@code null}. */
    static boolean allowsNull(Schema union) {
        return union.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
    }

    /** The union's branches other than {@code null}. */
    static List<Schema> valueBranches(Schema union) {
        return union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).collect(Collectors.toList());
    }

    /**
     * Whether the union is tagged: more than one record branch, so the JSON value must say which
     * with a {@code "type"} member. A union with one value branch ({@code union {null, X}}) is X's
     * form or null, with no tag, because there is nothing to choose.
     */
    static boolean isTagged(Schema union) {
        return valueBranches(union).size() > 1;
    }

    /** The branch of a tagged union whose simple record name is {@code name}; null if there is none. */
    static Schema branchNamed(Schema union, String name) {
        for (Schema branch : valueBranches(union)) {
            if (branch.getName().equals(name)) {
                return branch;
            }
        }
        return null;
    }

    /** The simple names of a tagged union's branches, for error texts. */
    static String branchNames(Schema union) {
        return valueBranches(union).stream().map(Schema::getName).collect(Collectors.joining(", "));
    }

    /** What a JSON value of this schema looks like, in words, for {@link Violation#expected()}. */
    static String expected(Schema schema) {
        switch (schema.getType()) {
            case NULL:
                return "null";
            case BOOLEAN:
                return "true or false";
            case INT:
                return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            case LONG:
                return isInstant(schema) ? INSTANT : "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            case DOUBLE:
                return "a finite number";
            case STRING:
                return "a string";
            case BYTES:
                return "a base64 string";
            case ENUM:
                return oneOf(schema);
            case ARRAY:
                return "an array";
            case RECORD:
                return "an object (" + schema.getName() + ")";
            case UNION:
                String value = isTagged(schema)
                        ? "an object whose " + TYPE + " is one of " + branchNames(schema)
                        : expected(valueBranches(schema).get(0));
                return allowsNull(schema) ? "null or " + value : value;
            default:
                throw new IllegalArgumentException("the JSON form has no mapping for " + schema);
        }
    }

    static String oneOf(Schema enumSchema) {
        return "one of " + String.join(", ", enumSchema.getEnumSymbols());
    }

    /**
     * Checks that every type reachable from the schemas has a JSON form, so that a contract change
     * the mapping cannot express (a map, a union of two strings, a payload with a field named
     * {@code type}) fails when a {@link JsonContract} is created, in every test, not on some
     * production request.
     *
     * @return every record and enum reachable from the schemas, each once
     * @throws IllegalStateException naming the first type without a JSON form
     */
    static List<Schema> requireMappable(List<Schema> schemas) {
        Set<String> seen = new HashSet<>();
        List<Schema> named = new ArrayList<>();
        List<Schema> pending = new ArrayList<>(schemas);
        while (!pending.isEmpty()) {
            Schema schema = pending.remove(pending.size() - 1);
            switch (schema.getType()) {
                case RECORD:
                    if (seen.add(schema.getFullName())) {
                        named.add(schema);
                        schema.getFields().forEach(field -> pending.add(field.schema()));
                    }
                    break;
                case ENUM:
                    requireNoLogicalTypeBut(schema, null);
                    if (seen.add(schema.getFullName())) {
                        named.add(schema);
                    }
                    break;
                case ARRAY:
                    pending.add(schema.getElementType());
                    break;
                case UNION:
                    requireMappableUnion(schema);
                    pending.addAll(valueBranches(schema));
                    break;
                case LONG:
                    requireNoLogicalTypeBut(schema, LogicalTypes.timestampMillis());
                    break;
                case NULL:
                case BOOLEAN:
                case INT:
                case DOUBLE:
                case STRING:
                case BYTES:
                    requireNoLogicalTypeBut(schema, null);
                    break;
                default:
                    throw new IllegalStateException("the JSON form has no mapping for Avro type " + schema.getType() + ": " + schema);
            }
        }
        return named;
    }

    private static void requireMappableUnion(Schema union) {
        List<Schema> values = valueBranches(union);
        if (values.isEmpty()) {
            throw new IllegalStateException("the JSON form has no mapping for a union of null alone: " + union);
        }
        if (values.size() == 1) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (Schema branch : values) {
            if (branch.getType() != Schema.Type.RECORD) {
                throw new IllegalStateException("the JSON form maps a union of several branches only when every branch is a record: " + union);
            }
            if (!names.add(branch.getName())) {
                throw new IllegalStateException("two branches of one union share the simple name " + branch.getName() + ": " + union);
            }
            if (branch.getField(TYPE) != null) {
                throw new IllegalStateException(branch.getFullName() + " has a field named '" + TYPE
                        + "', which the JSON form of its union uses for the branch name");
            }
        }
    }

    private static void requireNoLogicalTypeBut(Schema schema, LogicalType allowed) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && (allowed == null || !allowed.getName().equals(logicalType.getName()))) {
            throw new IllegalStateException("the JSON form has no mapping for logical type " + logicalType.getName() + ": " + schema);
        }
    }
}
