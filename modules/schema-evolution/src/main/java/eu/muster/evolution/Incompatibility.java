package eu.muster.evolution;

/**
 * One reason the current contract is not compatible with a released version.
 *
 * @param schema    the top-level schema, e.g. {@code IncidentEvent}
 * @param version   the released version compared against, e.g. {@code v1}
 * @param direction which way the data would not flow
 * @param kind      Avro's classification, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param field     where in the schema, by record and field names, e.g. {@code RequestFiled.severity}
 * @param detail    Avro's message
 */
public record Incompatibility(String schema, String version, Direction direction, String kind, String field, String detail) {

    /** Which reader cannot read which writer's data. */
    public enum Direction {
        /** The current schema cannot read data written with the released one. */
        BACKWARD,
        /** Readers of the released schema cannot read data written with the current one. */
        FORWARD
    }

    /** One line a person can act on. */
    public String describe() {
        String problem = direction == Direction.BACKWARD
                ? "current %s cannot read data written with %s %s".formatted(schema, schema, version)
                : "%s %s cannot read data written with current %s".formatted(schema, version, schema);
        return "%s: %s: %s at %s (%s)".formatted(direction, problem, kind, field, detail);
    }
}
