package eu.muster.codec;

import eu.muster.contract.ContractSchemas;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate generated classes from packages it does not trust, when
 * decoding and when copying a record with {@code newBuilder(other)}. This trusts exactly the
 * contract's generated classes, nothing wider, once per JVM. Every codec calls it; code that copies
 * contract records before any codec exists calls it first.
 */
public final class ContractTrust {

    private static boolean trusted;

    private ContractTrust() {
    }

    /** Trusts the contract's generated classes; idempotent. */
    public static synchronized void trustContractClasses() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.Builder contract = ClassSecurityValidator.builder();
        Set<String> names = new HashSet<>();
        ContractSchemas.current().forEach(schema -> namedTypes(schema, names));
        names.forEach(contract::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), contract.build()));
        trusted = true;
    }

    private static Set<String> namedTypes(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> namedTypes(f.schema(), seen));
                }
            }
            case ENUM, FIXED -> seen.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(t -> namedTypes(t, seen));
            case ARRAY -> namedTypes(schema.getElementType(), seen);
            case MAP -> namedTypes(schema.getValueType(), seen);
            default -> {
            }
        }
        return seen;
    }
}
