package eu.muster.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.muster.app.TopicReport.TopicState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code muster topics}: one line per topic of the backbone, with its size, the processors' lag on it and its health. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = {
            "List the topics of the backbone with their size, the stream processors' lag and their health. Changes nothing.",
            "",
            "Lists every topic muster owns, every organisation's submission topic (submissions.<organisation>) "
                + "and the internal topics of the stream processors (named after muster.streams.application-id).",
            "",
            "Columns, one line per topic, then a summary line:",
            "TOPIC: the topic's name.",
            "PARTITIONS: its partition count.",
            "REPLICAS: its replication factor, how many brokers keep a copy of each partition.",
            "RECORDS: records ever appended, the sum of the partitions' end offsets. Retention and compaction "
                + "do not lower it, and on topics written with exactly-once processing it counts transaction markers too.",
            "LAG: records the stream processors (the consumer group named by muster.streams.application-id) have yet to read: "
                + "end offset minus committed offset, summed over the partitions; a partition without a committed offset "
                + "counts from its first record. Processing is exactly-once, so committed offsets lie after transaction "
                + "markers: a group that has caught up shows 0 or a few records.",
            "HEALTH: OK; MISSING (muster owns it but it does not exist: './muster up' creates it); "
                + "OFFLINE (a partition has no leader: it can be neither written nor read); "
                + "UNDER_REPLICATED (a partition has fewer in-sync replicas than replicas: a broker is down or behind); "
                + "MISCONFIGURED (its partition count, cleanup policy or retention differs from what muster needs; "
                + "the reason follows on the line).",
            "'-' in a column: the topic is missing, the processors do not read it (LAG), or a partition without a leader cannot say.",
            "",
            "Exit status: 0 when every topic is healthy, 1 when one needs attention or the cluster does not answer, "
                + "2 for a configuration error."})
final class TopicsCommand implements Callable<Integer> {

    /** The table's header, which {@code --help} explains column by column. */
    private static final List<String> HEADER = List.of("TOPIC", "PARTITIONS", "REPLICAS", "RECORDS", "LAG", "HEALTH");
    /** What a column shows when the cluster cannot say or the processors do not read the topic. */
    private static final String UNKNOWN = "-";

    /**
     * What {@code --json} prints: the table's rows with where they were read from.
     *
     * @param bootstrapServers the cluster asked
     * @param consumerGroup    the stream processors' consumer group, whose lag is shown
     * @param healthy          whether every topic is OK (exit status 0)
     * @param topics           one entry per row of the table
     */
    record JsonReport(String bootstrapServers, String consumerGroup, boolean healthy, List<TopicState> topics) {
    }

    @Mixin
    private ConfigOption config;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "PT10S",
            description = "How long to wait for the broker (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Option(names = "--json", description = "Print the report as JSON (the same fields, numbers as numbers, null for '-') instead of the table.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        MusterConfig settings = config.load();
        List<TopicState> topics = new TopicReport(settings, timeout).run();
        long needAttention = topics.stream().filter(t -> t.health().needsAttention()).count();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    new JsonReport(settings.bootstrapServers(), settings.applicationId(), needAttention == 0, topics)));
        } else {
            printTable(out, topics);
            out.println(needAttention == 0 ? topics.size() + " topics, all healthy"
                    : needAttention + (needAttention == 1 ? " topic needs" : " topics need") + " attention");
        }
        out.flush();
        return needAttention == 0 ? 0 : 1;
    }

    private static void printTable(PrintWriter out, List<TopicState> topics) {
        List<Function<TopicState, String>> columns = List.of(TopicState::name,
                t -> shown(t.partitions()), t -> shown(t.replicationFactor()), t -> shown(t.records()), t -> shown(t.lag()),
                t -> t.health().name());
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = HEADER.get(i).length();
            for (TopicState topic : topics) {
                widths[i] = Math.max(widths[i], columns.get(i).apply(topic).length());
            }
        }
        out.println(row(HEADER, widths));
        for (TopicState topic : topics) {
            String line = row(columns.stream().map(c -> c.apply(topic)).toList(), widths);
            out.println(topic.problems().isEmpty() ? line : line + "  " + String.join("; ", topic.problems()));
        }
    }

    /** The name left-aligned, the numbers right-aligned so that their digits line up, the health left-aligned. */
    private static String row(List<String> cells, int[] widths) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean text = i == 0 || i == cells.size() - 1;
            row.append(i == 0 ? "" : "  ").append(String.format(text ? "%-" + widths[i] + "s" : "%" + widths[i] + "s", cells.get(i)));
        }
        return row.toString().stripTrailing();
    }

    private static String shown(Number number) {
        return number == null ? UNKNOWN : number.toString();
    }
}
