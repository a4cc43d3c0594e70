package eu.muster.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds the generated contract classes for the reader, from a fixed table of classes instead of
 * Avro's lookup by name. Avro 1.12.2 refuses that lookup for packages the JVM has not been told to
 * trust, and trusting them means changing JVM-wide state (the codec does so for decoding). The
 * table needs neither: it is filled once, from the names in the compiled contract's own schemas,
 * never from input, and each class is checked to be the generated class of that schema.
 */
final class ContractData extends SpecificData {

    private final Map<String, Class<?>> classes;

    private ContractData(ClassLoader loader, Map<String, Class<?>> classes) {
        super(loader);
        this.classes = Map.copyOf(classes);
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    /**
     * The model of the given named types (records and enums of the contract).
     *
     * @throws IllegalStateException when a generated class is missing or does not match its schema
     */
    static ContractData of(List<Schema> namedTypes, ClassLoader loader) {
        Map<String, Class<?>> classes = new HashMap<>();
        for (Schema schema : namedTypes) {
            classes.put(schema.getFullName(), load(schema, loader));
        }
        return new ContractData(loader, classes);
    }

    private static Class<?> load(Schema schema, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(schema.getFullName(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class for contract type " + schema.getFullName(), e);
        }
        boolean matches = schema.getType() == Schema.Type.ENUM
                ? type.isEnum()
                : SpecificRecord.class.isAssignableFrom(type) && SpecificData.get().getSchema(type).equals(schema);
        if (!matches) {
            throw new IllegalStateException(type + " is not the generated class of " + schema.getFullName());
        }
        return type;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM) {
            Class<?> type = classes.get(schema.getFullName());
            if (type == null) {
                // Only contract types are read; anything else is a bug, not a type to build generically.
                throw new IllegalStateException("not a contract type: " + schema.getFullName());
            }
            return type;
        }
        return super.getClass(schema);
    }
}
