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

    @Test
    void aTinyRunMeasuresEveryFigure(@TempDir Path dir) throws Exception {
        BenchSettings tiny = new BenchSettings("smoke", 7L, 300, 50, Duration.ofSeconds(8), 0, Duration.ofSeconds(8), 2,
                Duration.ofMillis(10), 3, 2, Duration.ofSeconds(3), 20_000, 512, 500, "256m", Map.of("muster.topics.partitions", "2"), 0);
        Path runtime = Path.of(System.getProperty("muster.broker.runtime"));
        Path tools = runtime.getParent().getParent().resolve("kafka-tools-runtime/target/kafka-tools.classpath");
        String classpath = System.getProperty("muster.test.app.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("muster.test.app.classpath"))).strip();
        Bench.Environment environment = new Bench.Environment(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-cp", classpath, "-Dmuster.broker.runtime=" + runtime,
                        "-Dmuster.organisations.file=" + System.getProperty("muster.organisations.file")),
                Muster.class.getName(), tools, dir.resolve("run"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchReport report = Bench.run(tiny, environment, new PrintStream(progress, true, StandardCharsets.UTF_8));

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
                .noneMatch(n -> n.contains("differed") || n.contains("did not complete") || n.contains("no alert") || n.contains("failed"));
        assertThat(dir.resolve("run/report.md")).content(StandardCharsets.UTF_8).isEqualTo(report.markdown());
        assertThat(printed).contains("Kafka's ProducerPerformance", "saturation", "moderate", "audit replay");
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
