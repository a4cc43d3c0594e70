package eu.muster.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a value of an Avro schema as its JSON form, walking the schema. Every field is written,
 * nulls included, so a reader sees the whole shape. Stateless and thread-safe.
 */
final class SchemaWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The JSON form of {@code value}.
     *
     * @throws IllegalArgumentException when the value does not fit its schema (a required field left
     *     null, a non-finite double): the record itself is broken, and writing it would hand out JSON
     *     that the reader refuses
     */
    JsonNode write(Object value, Schema schema, String path) {
        switch (schema.getType()) {
            case NULL:
                if (value == null) {
                    return NODES.nullNode();
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return NODES.booleanNode((Boolean) value);
                }
                break;
            case INT:
                if (value instanceof Integer) {
                    return NODES.numberNode((Integer) value);
                }
                break;
            case LONG:
                if (JsonForm.isInstant(schema) && value instanceof Instant) {
                    return NODES.textNode(value.toString());
                }
                if (!JsonForm.isInstant(schema) && value instanceof Long) {
                    return NODES.numberNode((Long) value);
                }
                break;
            case DOUBLE:
                // JSON has no NaN or infinity; a ratio that is one is a bug upstream, not something to encode.
                if (value instanceof Double && Double.isFinite((Double) value)) {
                    return NODES.numberNode((Double) value);
                }
                break;
            case STRING:
                if (value instanceof CharSequence) {
                    return NODES.textNode(value.toString());
                }
                break;
            case BYTES:
                if (value instanceof ByteBuffer) {
                    // duplicate(): reading the bytes must not move the record's own buffer position.
                    ByteBuffer bytes = ((ByteBuffer) value).duplicate();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    return NODES.textNode(Base64.getEncoder().encodeToString(copy));
                }
                break;
            case ENUM:
                if ((value instanceof Enum || value instanceof GenericEnumSymbol) && schema.hasEnumSymbol(value.toString())) {
                    return NODES.textNode(value.toString());
                }
                break;
            case ARRAY:
                if (value instanceof Collection) {
                    ArrayNode array = NODES.arrayNode();
                    int i = 0;
                    for (Object element : (Collection<?>) value) {
                        array.add(write(element, schema.getElementType(), Violations.element(path, i++)));
                    }
                    return array;
                }
                break;
            case RECORD:
                if (isRecordOf(value, schema)) {
                    return fields((IndexedRecord) value, schema, path, NODES.objectNode());
                }
                break;
            case UNION:
                return union(value, schema, path);
            default:
                break;
        }
        throw new IllegalArgumentException("cannot write " + (path.isEmpty() ? "the record" : path) + " as JSON: expected "
                + JsonForm.expected(schema) + ", the record holds " + (value == null ? "null" : value.getClass().getName() + " " + value));
    }

    private JsonNode union(Object value, Schema union, String path) {
        if (value == null) {
            return write(null, JsonForm.allowsNull(union) ? Schema.create(Schema.Type.NULL) : JsonForm.valueBranches(union).get(0), path);
        }
        if (!JsonForm.isTagged(union)) {
            return write(value, JsonForm.valueBranches(union).get(0), path);
        }
        for (Schema branch : JsonForm.valueBranches(union)) {
            if (isRecordOf(value, branch)) {
                ObjectNode object = NODES.objectNode();
                object.put(JsonForm.TYPE, branch.getName());
                return fields((IndexedRecord) value, branch, path, object);
            }
        }
        throw new IllegalArgumentException("cannot write " + path + " as JSON: expected " + JsonForm.expected(union)
                + ", the record holds " + value.getClass().getName());
    }

    private ObjectNode fields(IndexedRecord record, Schema schema, String path, ObjectNode object) {
        for (Schema.Field field : schema.getFields()) {
            object.set(field.name(), write(record.get(field.pos()), field.schema(), Violations.member(path, field.name())));
        }
        return object;
    }

    private static boolean isRecordOf(Object value, Schema schema) {
        return value instanceof IndexedRecord && ((IndexedRecord) value).getSchema().getFullName().equals(schema.getFullName());
    }
}
