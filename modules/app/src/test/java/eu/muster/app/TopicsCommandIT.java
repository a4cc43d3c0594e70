package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code muster topics} against a broker of its own: first before any backbone ran (a misfit topic, the
 * rest missing), then with a running backbone that has decided a few submissions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsCommandIT {

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    private static final String COMMAND = "topics";
    /** An organisation of the directory the tests run with (deploy/organisations.dev.properties): the samples' requester. */
    private static final String DE_BSI = "de-bsi";

    @Test
    @Order(1)
    void aTopicWithTheWrongPartitionCountIsMisconfiguredAndTheOthersMissing(@TempDir Path dir) throws Exception {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-topics-misfit");
        TopicSpec sla = spec(MusterConfig.load(config), Topics.VIEW_SLA);
        try (Admin admin = admin()) {
            // Right settings but one partition: the only thing wrong with it is what the report must name.
            admin.createTopics(List.of(new NewTopic(sla.name(), 1, sla.replicationFactor()).configs(sla.configs()))).all().get();
            try {
                Run run = topics(config);

                assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
                Map<String, List<String>> rows = rows(run.out());
                assertThat(rows.get(Topics.VIEW_SLA)).as(run.out()).contains("MISCONFIGURED");
                assertThat(run.out()).contains("topic " + Topics.VIEW_SLA + ": partitions is 1, muster needs " + sla.partitions());
                assertThat(rows.get(Topics.INCIDENT_EVENTS)).as(run.out()).containsExactly(Topics.INCIDENT_EVENTS, "-", "-", "-", "-", "MISSING");
                assertThat(run.out()).containsPattern("\\d+ topics need attention\\n$");
            } finally {
                // The operator's fix, so that the backbone of the next test can start on this broker.
                admin.createPartitions(Map.of(sla.name(), NewPartitions.increaseTo(sla.partitions()))).all().get();
            }
        }
    }

    @Test
    @Order(2)
    void aRunningBackboneShowsEveryTopicHealthyWithItsRecords(@TempDir Path dir) throws IOException {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-topics-" + UUID.randomUUID().toString().substring(0, 8));
        MusterConfig settings = MusterConfig.load(config);
        List<IncidentEvent> events = SampleEvents.everyPayloadType();
        long accepted;
        Run table;
        Run json;
        try (Backbone backbone = Backbone.start(settings);
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            events.forEach(submissions::submit);
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(
                    events.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet()), Duration.ofSeconds(60));
            accepted = outcomes.values().stream().filter(Submissions::accepted).count();
            table = topics(config);
            json = topics(config, "--json");
        }

        assertThat(accepted).isPositive();
        assertThat(table.exitCode()).as(table.out() + table.err()).isZero();
        Map<String, List<String>> rows = rows(table.out());
        List<String> owned = new Topics(settings.topicSettings()).owned().stream().map(TopicSpec::name).toList();
        assertThat(owned).allSatisfy(name -> assertThat(rows.get(name)).as(name).isNotNull().last().isEqualTo("OK"));
        assertThat(Long.parseLong(rows.get(Topics.INCIDENT_EVENTS).get(3))).isGreaterThanOrEqualTo(accepted);
        String deBsi = Topics.SUBMISSIONS_PREFIX + DE_BSI;
        assertThat(rows.get(deBsi)).as(table.out()).isNotNull();
        assertThat(rows.get(deBsi).get(4)).as("lag of the processors on " + deBsi).matches("\\d+");
        assertThat(table.out()).endsWith(rows.size() + " topics, all healthy\n");

        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("healthy").asBoolean()).isTrue();
        List<String> listed = new ArrayList<>();
        report.get("topics").forEach(topic -> listed.add(topic.get("name").asText()));
        assertThat(listed).containsExactlyElementsOf(rows.keySet());
    }

    @Test
    void aBrokerThatDoesNotAnswerIsNamedWithoutAStackTrace(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = topics(OwnBroker.clusterConfig(dir, "127.0.0.1:" + closedPort, "muster-topics-nobody"), "--timeout", "PT2S");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("muster topics: cannot report on the topics of the Kafka cluster at 127.0.0.1:" + closedPort)
                .doesNotContain("\tat ");
    }

    private static TopicSpec spec(MusterConfig config, String topic) {
        return new Topics(config.topicSettings()).owned().stream().filter(s -> s.name().equals(topic)).findFirst().orElseThrow();
    }

    private static Admin admin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()));
    }

    /** The table's rows by topic, each split into its cells (the name first, the health last; any reason is dropped). */
    private static Map<String, List<String>> rows(String table) {
        Set<String> healths = Arrays.stream(TopicReport.Health.values()).map(Enum::name).collect(Collectors.toSet());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            List<String> cells = List.of(line.split(" +"));
            if (cells.size() >= 6 && healths.contains(cells.get(5))) {
                rows.put(cells.get(0), cells.subList(0, 6));
            }
        }
        return rows;
    }

    /** {@code muster topics} as an operator runs it, registered here too until Muster lists it. */
    private static Run topics(Path config, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Muster.commandLine();
        if (!commandLine.getSubcommands().containsKey(COMMAND)) {
            commandLine.addSubcommand(COMMAND, new TopicsCommand());
        }
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(COMMAND, "--config=" + config));
        args.addAll(List.of(extra));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
