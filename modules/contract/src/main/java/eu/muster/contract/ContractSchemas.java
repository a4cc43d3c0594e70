package eu.muster.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The schemas muster writes as whole record values, as the code knows them now ({@link #current()})
 * and as every released version of the contract fixed them ({@link #released()}).
 *
 * <p>Released versions live in {@code schemas/released/v1}, {@code v2}, ... (numbered without
 * gaps), one {@code <RecordName>.avsc} per top-level schema. They are copied into this jar so
 * that a decoder can resolve any historical writer schema by fingerprint with no registry.
 */
public final class ContractSchemas {

    /** Prefix of the version folders under {@code schemas/released}. */
    public static final String VERSION_PREFIX = "v";

    private static final String CLASSPATH_ROOT = "released/";

    private ContractSchemas() {
    }

    /** The top-level schemas of the contract as generated from {@code schemas/current}. */
    public static List<Schema> current() {
        return List.of(IncidentEvent.getClassSchema(), RecordedEvent.getClassSchema(), Rejection.getClassSchema(),
                SubmissionOutcome.getClassSchema(), Submission.getClassSchema(), Organisation.getClassSchema(),
                SlaView.getClassSchema(), SlaAlert.getClassSchema(), SlaBreach.getClassSchema(),
                CoordinationView.getClassSchema(), MemberStateView.getClassSchema(), ReviewView.getClassSchema(),
                LessonsView.getClassSchema(), MsspScorecard.getClassSchema(), GroupEntry.getClassSchema());
    }

    /**
     * Every released schema, read from this jar, oldest version first. A jar cannot be listed, so this
     * looks up the current schemas' names in v1, v2, ... until a version has none; the build's
     * compatibility gate reads the folder itself and refuses gaps and dropped schemas.
     */
    public static List<ReleasedSchema> released() {
        List<ReleasedSchema> all = new ArrayList<>();
        for (int number = 1; ; number++) {
            String version = versionFolder(number);
            List<ReleasedSchema> ofVersion = new ArrayList<>();
            for (Schema schema : current()) {
                String resource = CLASSPATH_ROOT + version + "/" + fileName(schema);
                try (InputStream in = ContractSchemas.class.getResourceAsStream(resource)) {
                    if (in != null) {
                        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        ofVersion.add(new ReleasedSchema(version, parse(json, "classpath:eu/muster/contract/" + resource)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read released schema " + resource, e);
                }
            }
            if (ofVersion.isEmpty()) {
                return List.copyOf(all);
            }
            all.addAll(ofVersion);
        }
    }

    /**
     * Every released schema in a {@code schemas/released} folder on disk, oldest first. Every file
     * counts, so that a gap in the numbering or a top-level schema dropped from {@code schemas/current}
     * is seen, not skipped. The build's compatibility gate reads this, so what it checks is what ships.
     *
     * @throws IllegalStateException when the folder breaks the layout: a gap, an empty version, a misnamed file
     */
    public static List<ReleasedSchema> released(Path releasedDirectory) {
        if (!Files.isDirectory(releasedDirectory)) {
            throw new IllegalArgumentException("released contract folder does not exist: " + releasedDirectory);
        }
        List<ReleasedSchema> all = new ArrayList<>();
        List<Path> folders = list(releasedDirectory, Files::isDirectory);
        for (int number = 1; number <= folders.size(); number++) {
            Path folder = releasedDirectory.resolve(versionFolder(number));
            if (!folders.contains(folder)) {
                throw new IllegalStateException("released versions must be numbered v1, v2, ... without gaps: " + releasedDirectory
                        + " holds " + folders.stream().map(f -> f.getFileName().toString()).toList());
            }
            List<Path> files = list(folder, f -> f.getFileName().toString().endsWith(".avsc"));
            if (files.isEmpty()) {
                throw new IllegalStateException("released version " + folder + " holds no .avsc schema");
            }
            for (Path file : files) {
                Schema schema = parse(read(file), file.toString());
                if (!file.getFileName().toString().equals(fileName(schema))) {
                    throw new IllegalStateException("released schema " + file + " holds " + schema.getName() + "; it must be named "
                            + fileName(schema));
                }
                all.add(new ReleasedSchema(versionFolder(number), schema));
            }
        }
        return List.copyOf(all);
    }

    /** The name of the folder holding released version {@code number}. */
    public static String versionFolder(int number) {
        return VERSION_PREFIX + number;
    }

    /** The file name a released top-level schema is stored under. */
    public static String fileName(Schema schema) {
        return schema.getName() + ".avsc";
    }

    private static Schema parse(String json, String where) {
        try {
            return new Schema.Parser().parse(json);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("released schema " + where + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + file, e);
        }
    }

    private static List<Path> list(Path directory, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
