package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandIT {

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    /** Its own application id: other tests on the shared broker may have provisioned the topics already. */
    private final String applicationId = "muster-status-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @Test
    void statusFailsUntilTheProcessorsRunAndPassesAfterwards(@TempDir Path dir) throws IOException {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), applicationId);

        Run before = status(config);
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).contains("ok   broker")
                .contains("FAIL processors  no processor has joined consumer group " + applicationId)
                .contains("muster is not up");

        // One instance, whose stream threads each join the group: one per core, up to the partition count (StreamProcessors).
        int streamThreads = StreamProcessors.defaultStreamThreads(MusterConfig.load(config).topicSettings().partitions());
        try (Backbone backbone = Backbone.start(MusterConfig.load(config))) {
            assertThat(backbone.embeddedBroker()).isEmpty();
            Run after = status(config);

            assertThat(after.exitCode()).as(after.out()).isZero();
            assertThat(after.out()).contains("ok   broker").contains("ok   topics").contains("ok   schemas")
                    .contains("ok   processors  consumer group " + applicationId + " is Stable with " + streamThreads + " member(s)")
                    .endsWith("muster is up\n");
        }
    }

    @Test
    void statusNamesTopicsThatAreMissingOrDoNotFit(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("five-partitions.properties");
        Files.writeString(config, Files.readString(OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), applicationId)).replace(
                "muster.topics.partitions=2", "muster.topics.partitions=5"));

        Run run = status(config);

        // Other tests on the shared broker may have created the topics (with 2 partitions) or not: either way they do not fit.
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAIL topics +topic incident\\.events: (existence is missing|partitions is 2), muster needs");
    }

    @Test
    void statusFailsAndSaysSoWhenNoBrokerAnswers(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = status(OwnBroker.clusterConfig(dir, "127.0.0.1:" + closedPort, applicationId), "--timeout", "PT3S");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL broker      unreachable at 127.0.0.1:" + closedPort)
                .contains("not checked: the broker is unreachable")
                .contains("muster is not up");
    }

    @Test
    void aBadSettingEndsWithItsNameAndExitStatusTwo(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "muster.topics.partitions=many\n");

        Run run = status(config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("muster status: muster.topics.partitions: expected a whole number of at least 1, got 'many'");
    }

    private static Run status(Path config, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Muster.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("status", "--config=" + config));
        args.addAll(java.util.List.of(extra));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
