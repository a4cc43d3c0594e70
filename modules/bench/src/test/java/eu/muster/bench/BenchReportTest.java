package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void theTableIsMarkdownWithOneRowPerFigureInOrder() {
        BenchReport report = new BenchReport();
        report.add("log of record, flat out (submissions decided/s)", "1,234", "ProducerPerformance 100,000 records/s", "1.2 %");
        report.add("start-up, launch to ready (s)", "9.5", "broker alone: 4.2 s", "2.3×");
        report.note("seed 1");

        List<String> lines = report.table().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| figure ").contains("| muster |").contains("Kafka's own, same broker");
        assertThat(lines.get(1)).matches("\\|[ -|]+\\|");
        assertThat(lines.get(2)).contains("log of record").contains("1,234").endsWith("1.2 % |");
        assertThat(lines.get(3)).contains("start-up").contains("2.3×");
        // Every row has the same four columns, so the table renders.
        assertThat(lines).allSatisfy(line -> assertThat(line.chars().filter(c -> c == '|').count()).isEqualTo(5));
        assertThat(report.markdown()).endsWith("- seed 1\n");
    }

    @Test
    void ratiosSayHowFarMusterIsFromKafka() {
        assertThat(BenchReport.share(1_500, 150_000)).isEqualTo("1.0 %");
        assertThat(BenchReport.times(120, 1.5)).isEqualTo("80.0×");
        assertThat(BenchReport.times(Double.NaN, 1.5)).isEqualTo("n/a");
        assertThat(BenchReport.share(10, 0)).isEqualTo("n/a");
        assertThat(BenchReport.millis(0.84)).isEqualTo("0.84 ms");
        assertThat(BenchReport.millis(1234.4)).isEqualTo("1,234 ms");
        assertThat(BenchReport.mebibytes(3L << 20)).isEqualTo("3 MiB");
        // EndToEndLatency truncates to whole milliseconds: 0 is "under 1 ms", and a ratio to it a lower bound.
        assertThat(BenchReport.kafkaMillis(0)).isEqualTo("<1 ms");
        assertThat(BenchReport.kafkaMillis(8)).isEqualTo("8.00 ms");
        assertThat(BenchReport.timesKafka(316, 0)).isEqualTo("≥316.0×");
        assertThat(BenchReport.timesKafka(316, 8)).isEqualTo("39.5×");
    }
}
