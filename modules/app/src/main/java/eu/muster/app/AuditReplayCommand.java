package eu.muster.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.muster.audit.ViewReplay;
import eu.muster.json.JsonContract;
import eu.muster.topics.Topics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code muster audit replay}: every view as it stood at an instant, rebuilt from the log of record. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild every view (sla, coordination, review, memberState, lessons, scorecard) from the log of record as it stood at an instant, "
                + "and print it as JSON.",
            "",
            "The replay reads incident.events from its first record with read-only means (no consumer group, no committed offset, "
                + "nothing written) and folds it with the same view code as the live processors, so it equals the live views at that "
                + "instant. It touches neither the live application's state nor its offsets. The SLA windows and the acknowledgement "
                + "window come from the configuration: use the live site's settings to get the live site's views.",
            "",
            "Exit status: 0 when the views were written, 2 when the log cannot be read or an option is wrong."})
final class AuditReplayCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--as-of", paramLabel = "<instant>",
            description = "The instant to read the views at, ISO-8601 such as 2026-11-24T10:00:00Z; events recorded after it are left out. "
                    + "Default: now.")
    private String asOf;

    @Option(names = "--until-offset", paramLabel = "<partition>:<offset>", split = ",",
            description = "Read partition <partition> of incident.events only up to offset <offset> (inclusive); repeat or separate with "
                    + "commas for several partitions. Partitions not named are read to their end.")
    private List<String> untilOffsets = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write the JSON to <file> instead of the standard output.")
    private Path output;

    @Mixin
    private LogReadOptions log;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Instant instant = instant();
        Map<Integer, Long> until = untilOffsets();
        MusterConfig settings = config.load();
        ViewReplay replay = new ViewReplay(log.reader(settings), new Topics(settings.topicSettings()),
                settings.slaPolicy(), settings.coordinationPolicy());
        ViewReplay.Replayed replayed = replay.replay(instant, until, AuditProgress.of(spec, "replay"));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonContract json = JsonContract.create();
        // Written a record at a time: the views of a long history do not fit in memory as one document.
        if (output != null) {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output));
                    JsonGenerator generator = mapper.getFactory().createGenerator(file)) {
                generator.useDefaultPrettyPrinter();
                replayed.writeJson(generator, mapper, json);
            }
            spec.commandLine().getErr().printf("views as of %s written to %s (%d events recorded by then, %d records read)%n", instant, output,
                    replayed.eventsCounted(), replayed.extent().records());
            spec.commandLine().getErr().flush();
        } else {
            PrintWriter out = spec.commandLine().getOut();
            JsonGenerator generator = mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.useDefaultPrettyPrinter();
            replayed.writeJson(generator, mapper, json);
            generator.close();
            out.println();
            out.flush();
        }
        return 0;
    }

    private Instant instant() {
        if (asOf == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--as-of: '" + asOf + "' is not an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
    }

    private Map<Integer, Long> untilOffsets() {
        Map<Integer, Long> until = new TreeMap<>();
        for (String bound : untilOffsets) {
            String[] parts = bound.strip().split(":", -1);
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                int partition = Integer.parseInt(parts[0].strip());
                long offset = Long.parseLong(parts[1].strip());
                if (partition < 0 || offset < 0 || until.put(partition, offset) != null) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--until-offset: '" + bound
                        + "' is not <partition>:<offset> with two non-negative whole numbers, each partition named once");
            }
        }
        return until;
    }
}
