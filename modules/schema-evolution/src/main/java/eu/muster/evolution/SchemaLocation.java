package eu.muster.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns Avro's JSON-pointer-like incompatibility locations ({@code /fields/6/type/0/fields/4/type})
 * into the record and field names a person knows ({@code IncidentEvent.payload > RequestFiled.classification}).
 */
final class SchemaLocation {

    private SchemaLocation() {
    }

    static String describe(Schema root, String location) {
        List<String> names = new ArrayList<>();
        Schema at = root;
        String[] steps = location == null ? new String[0] : location.split("/");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.isEmpty() || step.equals("type")) {
                continue;
            }
            if (at == null) {
                break;
            }
            switch (step) {
                case "fields" -> {
                    int index = index(steps, ++i);
                    if (at.getType() != Schema.Type.RECORD || index < 0 || index >= at.getFields().size()) {
                        return fallback(names, location);
                    }
                    Schema.Field field = at.getFields().get(index);
                    names.add(at.getName() + "." + field.name());
                    at = field.schema();
                }
                case "items" -> at = at.getType() == Schema.Type.ARRAY ? at.getElementType() : null;
                case "values" -> at = at.getType() == Schema.Type.MAP ? at.getValueType() : null;
                case "symbols" -> names.add(at.getName() + " symbols");
                case "name", "size" -> names.add(at.getName() + " " + step);
                default -> {
                    int index = index(steps, i);
                    if (at.getType() != Schema.Type.UNION || index < 0 || index >= at.getTypes().size()) {
                        return fallback(names, location);
                    }
                    at = at.getTypes().get(index);
                }
            }
        }
        if (names.isEmpty()) {
            return root.getName();
        }
        return String.join(" > ", names);
    }

    private static int index(String[] steps, int i) {
        if (i >= steps.length) {
            return -1;
        }
        try {
            return Integer.parseInt(steps[i]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String fallback(List<String> names, String location) {
        return (names.isEmpty() ? "" : String.join(" > ", names) + " ") + "(location " + location + ")";
    }
}
