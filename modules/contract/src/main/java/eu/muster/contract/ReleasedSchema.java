package eu.muster.contract;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One top-level schema as a released version of the contract fixed it.
 *
 * @param version the release folder, e.g. {@code v1}
 * @param schema  the schema as released
 */
public record ReleasedSchema(String version, Schema schema) {

    public ReleasedSchema {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(schema, "schema");
    }

    /** For messages: {@code IncidentEvent v1}. */
    public String label() {
        return schema.getName() + " " + version;
    }
}
