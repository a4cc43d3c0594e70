package eu.muster.evolution;

import eu.muster.contract.ContractSchemas;
import eu.muster.contract.ReleasedSchema;
import eu.muster.evolution.Incompatibility.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * The contract's evolution rule, enforced: every current top-level schema must read data written
 * with every released version of it (backward) and every released version must read data written
 * with the current one (forward), as judged by Avro's own {@link SchemaCompatibility}. A released
 * schema must never disappear.
 *
 * <p>Run by the build at {@code process-classes} with the {@code schemas/released} folder as its argument.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {
    }

    /** Every incompatibility between {@code current} and {@code released}; empty when the contract may ship. */
    public static List<Incompatibility> check(List<Schema> current, List<ReleasedSchema> released) {
        List<Incompatibility> found = new ArrayList<>();
        for (ReleasedSchema old : released) {
            Schema now = current.stream()
                    .filter(s -> s.getFullName().equals(old.schema().getFullName()))
                    .findFirst()
                    .orElse(null);
            if (now == null) {
                found.add(new Incompatibility(old.schema().getName(), old.version(), Direction.BACKWARD,
                        "SCHEMA_REMOVED", old.schema().getFullName(), "a released top-level schema no longer exists in schemas/current"));
                continue;
            }
            collect(found, old, Direction.BACKWARD, now, old.schema());
            collect(found, old, Direction.FORWARD, old.schema(), now);
        }
        return List.copyOf(found);
    }

    private static void collect(List<Incompatibility> found, ReleasedSchema old, Direction direction, Schema reader, Schema writer) {
        collect(found, old, direction, reader, writer, "");
    }

    private static void collect(List<Incompatibility> found, ReleasedSchema old, Direction direction, Schema reader, Schema writer,
            String outerPath) {
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (SchemaCompatibility.Incompatibility problem : result.getIncompatibilities()) {
            Schema writerBranch = writerBranch(problem);
            Schema readerBranch = sameNamedBranch(problem.getReaderFragment(), writerBranch);
            String location = problem.getLocation();
            if (problem.getWriterFragment().getType() == Schema.Type.UNION) {
                // For union against union Avro's location ends with the writer's branch index, not the reader's.
                location = location.substring(0, location.lastIndexOf('/'));
            }
            String path = join(outerPath, SchemaLocation.describe(reader, location));
            if (problem.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH && readerBranch != null) {
                // Avro reports any difference inside a union branch as a missing branch; the cause is inside it.
                collect(found, old, direction, readerBranch, writerBranch, path);
            } else {
                String detail = problem.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH && isNamed(writerBranch)
                        ? "the reader's union has no branch " + writerBranch.getFullName()
                        : problem.getMessage();
                found.add(new Incompatibility(old.schema().getName(), old.version(), direction, problem.getType().name(), path, detail));
            }
        }
    }

    /** The writer's branch a missing-union-branch problem is about. */
    private static Schema writerBranch(SchemaCompatibility.Incompatibility problem) {
        Schema writer = problem.getWriterFragment();
        if (writer.getType() != Schema.Type.UNION) {
            return writer;
        }
        String location = problem.getLocation();
        try {
            return writer.getTypes().get(Integer.parseInt(location.substring(location.lastIndexOf('/') + 1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return writer; // not the shape Avro 1.12 produces; report the union as a whole
        }
    }

    private static Schema sameNamedBranch(Schema readerUnion, Schema writerBranch) {
        if (readerUnion.getType() != Schema.Type.UNION || !isNamed(writerBranch)) {
            return null;
        }
        return readerUnion.getTypes().stream()
                .filter(branch -> isNamed(branch) && branch.getFullName().equals(writerBranch.getFullName()))
                .findFirst()
                .orElse(null);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static String join(String outer, String inner) {
        return outer.isEmpty() ? inner : outer + " > " + inner;
    }

    /**
     * Checks the generated contract against the released folder given as the only argument.
     *
     * @throws ContractIncompatibleException listing every incompatibility, which fails the build
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompatibilityGate <schemas/released folder>");
        }
        List<ReleasedSchema> released = ContractSchemas.released(Path.of(args[0]));
        List<Incompatibility> problems = check(ContractSchemas.current(), released);
        if (!problems.isEmpty()) {
            throw new ContractIncompatibleException(problems);
        }
        System.out.println("[contract] " + ContractSchemas.current().size() + " current schema(s) are backward and forward compatible with "
                + released.stream().map(ReleasedSchema::label).collect(Collectors.joining(", ")));
    }
}
