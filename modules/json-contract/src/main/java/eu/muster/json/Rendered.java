package eu.muster.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON values as short texts for {@link Violation#actual()}. Stops soon after the length a
 * violation keeps, so that rendering a megabyte array, or a tree nested thousands deep, costs next
 * to nothing and cannot overflow the stack.
 */
final class Rendered {

    private static final int LIMIT = Violation.MAX_ACTUAL + 1;

    private Rendered() {
    }

    /** The value as JSON text, cut once it is longer than a violation keeps. */
    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    /** A member of an object as {@code "name": value}, for an unknown field. */
    static String member(String name, JsonNode value) {
        StringBuilder out = new StringBuilder();
        quote(name, out);
        out.append(": ");
        append(value, out);
        return out.toString();
    }

    /** A field name short enough for a path: an unknown name can be as long as the parser allows. */
    static String name(String name) {
        return name.length() <= Violation.MAX_ACTUAL ? name : name.substring(0, Violation.MAX_ACTUAL) + "…";
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (out.length() > LIMIT) {
            return;
        }
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
            while (members.hasNext() && out.length() <= LIMIT) {
                Map.Entry<String, JsonNode> member = members.next();
                quote(member.getKey(), out);
                out.append(':');
                append(member.getValue(), out);
                if (members.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size() && out.length() <= LIMIT; i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            // Binary or POJO nodes only come from a caller-built tree; their own text is enough.
            String text = String.valueOf(node);
            out.append(text, 0, Math.min(text.length(), LIMIT));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text.substring(0, Math.min(text.length(), LIMIT)), out);
        out.append('"');
    }
}
