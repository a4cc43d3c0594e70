package eu.muster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's table: each figure of muster beside the Kafka figure it is bounded by on the same
 * broker in the same run, and their ratio. Rendered as Markdown, so the printed table and
 * docs/benchmarks.md read the same.
 */
public final class BenchReport {

    /** One figure: what, muster's value, Kafka's reference and the ratio between them. */
    public record Row(String figure, String muster, String kafka, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> samples = new ArrayList<>();

    void add(String figure, String muster, String kafka, String ratio) {
        rows.add(new Row(figure, muster, kafka, ratio));
    }

    void note(String note) {
        notes.add(note);
    }

    void sample(String line) {
        samples.add(line);
    }

    /** The figures, in the order measured. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Remarks on the run: what did not go as planned, and the settings used. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The table as Markdown. */
    public String table() {
        StringBuilder out = new StringBuilder();
        int[] width = {6, 6, 6, 5};
        for (Row row : rows) {
            width[0] = Math.max(width[0], row.figure().length());
            width[1] = Math.max(width[1], row.muster().length());
            width[2] = Math.max(width[2], row.kafka().length());
            width[3] = Math.max(width[3], row.ratio().length());
        }
        line(out, width, "figure", "muster", "Kafka's own, same broker", "ratio");
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", "-".repeat(width[0]), "-".repeat(width[1]),
                "-".repeat(Math.max(width[2], "Kafka's own, same broker".length())), "-".repeat(width[3])));
        for (Row row : rows) {
            line(out, width, row.figure(), row.muster(), row.kafka(), row.ratio());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int[] width, String a, String b, String c, String d) {
        out.append(String.format(Locale.ROOT, "| %-" + width[0] + "s | %" + width[1] + "s | %-" + Math.max(width[2], 24) + "s | %" + width[3]
                + "s |%n", a, b, c, d));
    }

    /** The whole report: table, scale samples and notes. */
    public String markdown() {
        StringBuilder out = new StringBuilder(table());
        if (!samples.isEmpty()) {
            out.append('\n');
            samples.forEach(line -> out.append(line).append('\n'));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String millis(double value) {
        return Double.isNaN(value) ? "n/a" : value < 10 ? String.format(Locale.ROOT, "%.2f ms", value) : String.format(Locale.ROOT, "%,.0f ms", value);
    }

    static String share(double part, double whole) {
        return Double.isNaN(part) || Double.isNaN(whole) || whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * part / whole);
    }

    static String times(double value, double reference) {
        return Double.isNaN(value) || Double.isNaN(reference) || reference == 0 ? "n/a" : String.format(Locale.ROOT, "%,.1f×", value / reference);
    }

    /**
     * A figure of Kafka's EndToEndLatency, which prints whole milliseconds, truncated: 0 means "under 1 ms".
     */
    static String kafkaMillis(double value) {
        return value == 0 ? "<1 ms" : millis(value);
    }

    /**
     * muster's latency against one of EndToEndLatency's whole-millisecond figures. Against a 0 (under
     * 1 ms) the ratio is taken to 1 ms and marked as a lower bound.
     */
    static String timesKafka(double value, double kafkaMillis) {
        return kafkaMillis == 0 ? "≥" + times(value, 1.0) : times(value, kafkaMillis);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }
}
