package eu.muster.evolution;

import eu.muster.contract.ContractSchemas;
import eu.muster.contract.ReleasedSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * Releases the current contract: writes every current top-level schema into the next version
 * folder of {@code schemas/released}, after the compatibility gate passes, and only when
 * something changed since the last release. Released files are never edited afterwards.
 */
public final class ContractRelease {

    private ContractRelease() {
    }

    /**
     * Writes the next release into {@code releasedDirectory}.
     *
     * @return the folder written, or {@code null} when the current contract equals the latest release
     */
    public static Path release(Path releasedDirectory) {
        List<ReleasedSchema> released = ContractSchemas.released(releasedDirectory);
        List<Incompatibility> problems = CompatibilityGate.check(ContractSchemas.current(), released);
        if (!problems.isEmpty()) {
            throw new ContractIncompatibleException(problems);
        }
        int latest = released.stream().mapToInt(r -> Integer.parseInt(r.version().substring(ContractSchemas.VERSION_PREFIX.length()))).max().orElse(0);
        if (latest > 0 && unchangedSince(released, ContractSchemas.versionFolder(latest))) {
            return null;
        }
        Path folder = releasedDirectory.resolve(ContractSchemas.versionFolder(latest + 1));
        try {
            Files.createDirectories(folder);
            for (Schema schema : ContractSchemas.current()) {
                Files.writeString(folder.resolve(ContractSchemas.fileName(schema)), SchemaFormatter.format("json/pretty", schema) + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write release " + folder, e);
        }
        return folder;
    }

    private static boolean unchangedSince(List<ReleasedSchema> released, String version) {
        List<Schema> current = ContractSchemas.current();
        List<ReleasedSchema> latest = released.stream().filter(r -> r.version().equals(version)).toList();
        // Compare the full JSON: Schema.equals ignores docs, aliases and enum defaults, which a release must carry.
        return latest.size() == current.size() && current.stream().allMatch(now -> latest.stream().anyMatch(
                old -> old.schema().toString().equals(now.toString())));
    }

    /** Releases into the folder given as the only argument and says what it did. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ContractRelease <schemas/released folder>");
        }
        Path written = release(Path.of(args[0]).toAbsolutePath().normalize());
        System.out.println(written == null
                ? "[contract] nothing to release: schemas/current equals the latest released version"
                : "[contract] released " + written + "; commit it, and never edit it afterwards");
    }
}
