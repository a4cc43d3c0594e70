package eu.muster.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return List.of(IncidentEvent.getClassSchema());
    }

    /** Every released schema, read from this jar, oldest version first. */
    public static List<ReleasedSchema> released() {
        return load(new ClasspathSource());
    }

    /**
     * Every released schema, read from a {@code schemas/released} folder on disk, oldest first.
     * The build's compatibility gate reads the folder itself, so that what it checks is what will be released.
     */
    public static List<ReleasedSchema> released(Path releasedDirectory) {
        if (!Files.isDirectory(releasedDirectory)) {
            throw new IllegalArgumentException("released contract folder does not exist: " + releasedDirectory);
        }
        return load(new DirectorySource(releasedDirectory));
    }

    /** The name of the folder holding released version {@code number}. */
    public static String versionFolder(int number) {
        return VERSION_PREFIX + number;
    }

    /** The file name a released top-level schema is stored under. */
    public static String fileName(Schema schema) {
        return schema.getName() + ".avsc";
    }

    private static List<ReleasedSchema> load(Source source) {
        List<ReleasedSchema> all = new ArrayList<>();
        for (int number = 1; ; number++) {
            String version = versionFolder(number);
            List<ReleasedSchema> ofVersion = new ArrayList<>();
            for (Schema schema : current()) {
                String file = version + "/" + fileName(schema);
                source.read(file).ifPresent(json -> ofVersion.add(new ReleasedSchema(version, parse(json, source.describe(file)))));
            }
            if (ofVersion.isEmpty()) {
                return List.copyOf(all);
            }
            all.addAll(ofVersion);
        }
    }

    private static Schema parse(String json, String where) {
        try {
            return new Schema.Parser().parse(json);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("released schema " + where + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private interface Source {
        Optional<String> read(String relativePath);

        String describe(String relativePath);
    }

    private static final class ClasspathSource implements Source {
        @Override
        public Optional<String> read(String relativePath) {
            try (InputStream in = ContractSchemas.class.getResourceAsStream(CLASSPATH_ROOT + relativePath)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + describe(relativePath), e);
            }
        }

        @Override
        public String describe(String relativePath) {
            return "classpath:eu/muster/contract/" + CLASSPATH_ROOT + relativePath;
        }
    }

    private record DirectorySource(Path root) implements Source {
        @Override
        public Optional<String> read(String relativePath) {
            Path file = root.resolve(relativePath);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + file, e);
            }
        }

        @Override
        public String describe(String relativePath) {
            return root.resolve(relativePath).toString();
        }
    }
}
