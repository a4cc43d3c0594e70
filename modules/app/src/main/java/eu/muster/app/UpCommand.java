package eu.muster.app;

import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.util.stream.Collectors;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code muster up}: starts the backbone and keeps it running until interrupted. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start the backbone and keep it running until Ctrl-C.",
            "",
            "Without a configured cluster (muster.kafka.bootstrap-servers), starts a single-node KRaft Kafka broker of its own, "
                + "listening on 127.0.0.1:9092 with its data in var/broker (kept across restarts). Then creates the topics muster owns "
                + "(or checks existing ones), publishes the contract's schemas and prints where everything listens.",
            "",
            "Ctrl-C stops everything it started, cleanly."})
final class UpCommand implements Callable<Integer> {

    /** Printed once everything is up; scripts and tests wait for it. */
    static final String READY = "muster is up";
    /** The last line of the start-up summary. */
    static final String PRESS_CTRL_C = "Press Ctrl-C to stop.";

    @Mixin
    private ConfigOption config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        MusterConfig settings = config.load();
        out.println(settings.embedded()
                ? "starting the embedded Kafka broker (data in " + settings.embeddedDataDirectory() + ") ..."
                : "using the Kafka cluster at " + settings.bootstrapServers() + " ...");
        out.flush();
        Backbone backbone = Backbone.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping muster ...");
            out.flush();
            backbone.close();
            out.println("muster stopped");
            out.flush();
            stopped.countDown();
        }, "muster-shutdown"));
        describe(backbone, out);
        stopped.await();
        return 0;
    }

    private static void describe(Backbone backbone, PrintWriter out) {
        out.printf("%s (ready in %.1f s)%n", READY, backbone.startDuration().toMillis() / 1000.0);
        backbone.embeddedBroker().ifPresentOrElse(
                broker -> {
                    out.println("  Kafka:   " + broker.bootstrapServers() + "  (embedded single-node KRaft broker, pid "
                            + broker.process().map(p -> Long.toString(p.pid())).orElse("?")
                            + String.format(java.util.Locale.ROOT, ", ready in %.1f s)", broker.startDuration().toMillis() / 1000.0));
                    out.println("  data:    " + broker.dataDirectory());
                    out.println("  log:     " + broker.logFile());
                },
                () -> out.println("  Kafka:   " + backbone.bootstrapServers() + "  (external cluster)"));
        out.println("  topics:");
        for (TopicSpec topic : backbone.topics().owned()) {
            out.printf("    %-20s %2d partition(s)  %s%s%n", topic.name(), topic.partitions(), topic.purpose(),
                    backbone.createdTopics().contains(topic.name()) ? "  [created]" : "");
        }
        out.printf("  schemas: %d published now, %d already on the schema topic%n",
                backbone.schemas().written().size(), backbone.schemas().alreadyPresent().size());
        out.println("  organisations (each submits to " + Topics.SUBMISSIONS_PREFIX + "<id>): "
                + backbone.organisations().stream().map(o -> o.getId()).collect(Collectors.joining(", ")));
        out.println("  processors: log of record and views running (exactly once); SLA alerts on " + Topics.ALERT_SLA);
        backbone.gateway().ifPresent(gateway -> {
            out.println("  gateway: " + gateway.baseUri() + "  (HTTPS; POST /v1/events, GET /v1/events/{eventId}/outcome; docs/api.md)");
            out.println("  dashboard: " + gateway.baseUri() + "/dashboard/  (query API under /v1/, live stream /v1/stream; docs/dashboards.md)");
            gateway.development().ifPresent(dev -> out.println("  certificates: " + dev.directory()
                    + (dev.created() ? "  [created]" : "") + "  (development CA; client certificates per organisation, README.md there)"));
        });
        backbone.management().ifPresent(management -> out.println("  metrics: " + management.baseUri() + "metrics  (Prometheus; health at "
                + management.baseUri() + "health/live and health/ready)"));
        out.println(PRESS_CTRL_C);
        out.flush();
    }
}
