package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.bench.Bench;
import eu.muster.bench.BenchReport;
import eu.muster.bench.BenchSettings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end, tiny: it launches {@code muster up} as its own process on a fresh broker,
 * runs Kafka's tools, drives and reads the backbone and replays its log. The figures are not judged
 * (speed belongs to the benchmark, not to tests); that every figure was measured, and that every
 * outcome was the one the generator predicted, is.
 */
class BenchIT {

    private static final BenchSettings TINY = new BenchSettings("smoke", 7L, 300, 50, 0.5, Duration.ofSeconds(8), 0, Duration.ofSeconds(8), 2,
            Duration.ofMillis(10), 3, 2, Duration.ofSeconds(3), 20_000, 512, 500, "256m", "256m", Map.of("muster.topics.partitions", "2"), 0);

    @Test
    void aTinyRunMeasuresEveryFigure(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // Few enough incidents that the flat-out phase files them all long before its time is up; the moderate phase goes on with
        // the open incidents' lifecycles.
        BenchSettings filedEarly = TINY.withTraffic(80, 50, 0.5).withPhases(Duration.ofMinutes(5), 0, 0);

        BenchReport report = Bench.run(filedEarly, environment(dir.resolve("run")), new PrintStream(progress, true, StandardCharsets.UTF_8));

        String printed = progress.toString(StandardCharsets.UTF_8);
        List<String> figures = report.rows().stream().map(BenchReport.Row::figure).toList();
        assertThat(figures).as(printed).startsWith("start-up, launch to ready (s)", "log of record, flat out (submissions decided/s)",
                "through every view, flat out (accepted events/s)");
        assertThat(figures).anyMatch(f -> f.startsWith("submission to readable in the query API, moderate"))
                .anyMatch(f -> f.startsWith("submission to readable in the query API, near saturation"))
                .anyMatch(f -> f.startsWith("breach detection, deadline to alert"))
                .anyMatch(f -> f.startsWith("query API, all reads"))
                .anyMatch(f -> f.startsWith("audit replay of the whole log"))
                .anyMatch(f -> f.startsWith("audit replay, peak resident memory"));

        assertThat(number(row(report, "log of record, flat out").muster())).isPositive();
        assertThat(number(row(report, "through every view, flat out").muster())).as("the views caught up").isPositive();
        assertThat(count(row(report, "breach detection").figure(), "\\((\\d+) clocks\\)")).as("every probe's alert heard").isEqualTo(3);
        assertThat(count(row(report, "submission to readable in the query API, moderate").figure(), "\\((\\d+) samples\\)")).isPositive();
        assertThat(count(row(report, "audit replay of the whole log").figure(), "\\(([\\d,]+) events\\)")).isPositive();
        assertThat(row(report, "start-up").kafka()).matches("broker alone: [0-9.]+ s");
        assertThat(report.notes()).as("outcomes as predicted, nothing missing").anyMatch(n -> n.contains("rejected as the generator predicted: all"))
                .anyMatch(n -> n.contains("the run's 80 incidents were all filed"))
                .noneMatch(n -> n.contains("differed") || n.contains("did not complete") || n.contains("no alert") || n.contains("failed"));
        assertThat(dir.resolve("run/report.md")).content(StandardCharsets.UTF_8).isEqualTo(report.markdown());
        assertThat(printed).contains("Kafka's ProducerPerformance", "saturation", "moderate", "audit replay");
    }

    @Test
    void aKeptRunGoesOnWhereItStopped(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        // A sample at every progress line: a tiny run decides too few for any coarser spacing to be sure of one.
        BenchSettings sampled = TINY.withPhases(Duration.ofSeconds(6), 0, 1);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Bench.run(sampled, environment(run), new PrintStream(first, true, StandardCharsets.UTF_8));
        Properties kept = state(run);
        long decidedBefore = Long.parseLong(kept.getProperty("decided"));
        assertThat(kept.getProperty("segments")).isEqualTo("1");
        assertThat(decidedBefore).as(first.toString(StandardCharsets.UTF_8)).isPositive();
        List<String> rowsBefore = Files.readAllLines(run.resolve("growth.md"));
        assertThat(decidedColumn(rowsBefore)).as("the first segment's samples").isNotEmpty();

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        BenchReport resumed = Bench.resume(environment(run), Duration.ofSeconds(6), null, new PrintStream(second, true, StandardCharsets.UTF_8));

        String printed = second.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("resuming the run under", "regenerating the kept run's");
        assertThat(resumed.notes()).as("the same incidents went on, every outcome as predicted: nothing sent twice, nothing skipped\n" + printed)
                .anyMatch(n -> n.contains("rejected as the generator predicted: all")).anyMatch(n -> n.contains("segment 2 of a resumed run"))
                .noneMatch(n -> n.contains("differed") || n.contains("did not complete") || n.contains("failed"));
        Properties after = state(run);
        assertThat(after.getProperty("segments")).isEqualTo("2");
        assertThat(Long.parseLong(after.getProperty("decided"))).isGreaterThan(decidedBefore);
        assertThat(Long.parseLong(after.getProperty("generated"))).isGreaterThan(Long.parseLong(kept.getProperty("generated")));
        List<String> rowsAfter = Files.readAllLines(run.resolve("growth.md"));
        assertThat(rowsAfter).as("the growth table goes on").startsWith(rowsBefore.toArray(String[]::new)).hasSizeGreaterThan(rowsBefore.size());
        assertThat(decidedColumn(rowsAfter)).as("in the whole run's history").isSorted().doesNotHaveDuplicates();
        assertThat(run.resolve("report-2.md")).content(StandardCharsets.UTF_8).isEqualTo(resumed.markdown());
        assertThat(run.resolve("muster-up-2.log")).exists();
        assertThat(run.resolve("not-resumable.txt")).doesNotExist();
    }

    private static Bench.Environment environment(Path run) throws java.io.IOException {
        Path runtime = Path.of(System.getProperty("muster.broker.runtime"));
        Path tools = runtime.getParent().getParent().resolve("kafka-tools-runtime/target/kafka-tools.classpath");
        String classpath = System.getProperty("muster.test.app.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("muster.test.app.classpath"))).strip();
        return new Bench.Environment(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-cp", classpath, "-Dmuster.broker.runtime=" + runtime,
                        "-Dmuster.organisations.file=" + System.getProperty("muster.organisations.file")),
                Muster.class.getName(), tools, run);
    }

    private static Properties state(Path run) throws java.io.IOException {
        Properties values = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(run.resolve("run.properties"))) {
            values.load(in);
        }
        return values;
    }

    /** The decided counts of a growth table's rows, skipping its head. */
    private static List<Long> decidedColumn(List<String> rows) {
        return rows.stream().filter(row -> row.matches("\\| [0-9,]+ \\|.*")).map(row -> Long.parseLong(row.split("\\|")[1].strip().replace(",", "")))
                .toList();
    }

    private static BenchReport.Row row(BenchReport report, String prefix) {
        return report.rows().stream().filter(r -> r.figure().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + prefix + "' in\n" + report.table()));
    }

    private static double number(String figure) {
        return Double.parseDouble(figure.replace(",", ""));
    }

    private static long count(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("'" + pattern + "' not in '" + text + "'");
        }
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }
}
