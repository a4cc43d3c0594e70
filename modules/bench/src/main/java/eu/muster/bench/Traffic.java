package eu.muster.bench;

import eu.muster.loadgen.GeneratedSubmission;
import eu.muster.loadgen.LoadGenerator;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The benchmark's traffic: the load generator's submissions, and for a resumed run first those its
 * earlier segments generated but did not send. The generator is reproducible, so a resumed run
 * regenerates what the kept run generated, sets aside the unsent and skips the rest, and goes on
 * with the very incidents it left open.
 */
final class Traffic implements Iterator<GeneratedSubmission> {

    private final LoadGenerator generator;
    private final ArrayDeque<GeneratedSubmission> carried;
    private String lastGenerated;

    private Traffic(LoadGenerator generator, ArrayDeque<GeneratedSubmission> carried, String lastGenerated) {
        this.generator = generator;
        this.carried = carried;
        this.lastGenerated = lastGenerated;
    }

    /** The generator's traffic from its start. */
    static Traffic fresh(LoadGenerator generator) {
        return new Traffic(generator, new ArrayDeque<>(), "");
    }

    /**
     * The generator's traffic from where a kept run left it: its first {@code generated} submissions
     * are generated again, the {@code unsent} among them are sent first, the others skipped.
     *
     * @param lastEventId the eventId of the kept run's last generated submission, which the regenerated one must have
     * @param progress    hears how many have been regenerated, now and then
     * @throws IllegalStateException when the regenerated traffic is not the kept run's (the generator changed in between)
     */
    static Traffic resumed(LoadGenerator generator, long generated, String lastEventId, Set<String> unsent, LongConsumer progress) {
        Set<String> missing = new HashSet<>(unsent);
        ArrayDeque<GeneratedSubmission> carried = new ArrayDeque<>(unsent.size());
        String last = "";
        while (generator.emitted() < generated) {
            if (!generator.hasNext()) {
                throw new IllegalStateException("the traffic ends after " + generator.emitted() + " submissions, but the kept run generated "
                        + generated + ": it cannot be the same traffic");
            }
            GeneratedSubmission submission = generator.next();
            last = submission.event().getEventId();
            if (missing.remove(last)) {
                carried.add(submission);
            }
            if (generator.emitted() % 1_000_000 == 0) {
                progress.accept(generator.emitted());
            }
        }
        if (!last.equals(lastEventId) || !missing.isEmpty()) {
            throw new IllegalStateException("the regenerated traffic is not the kept run's (was the load generator changed since?): its "
                    + "submission " + generated + " is " + last + ", the kept run's " + lastEventId + "; " + missing.size() + " of "
                    + unsent.size() + " unsent submissions not found");
        }
        return new Traffic(generator, carried, last);
    }

    @Override
    public boolean hasNext() {
        return !carried.isEmpty() || generator.hasNext();
    }

    @Override
    public GeneratedSubmission next() {
        if (!carried.isEmpty()) {
            return carried.poll();
        }
        if (!generator.hasNext()) {
            throw new NoSuchElementException("the traffic has run its course");
        }
        GeneratedSubmission submission = generator.next();
        lastGenerated = submission.event().getEventId();
        return submission;
    }

    /**
     * This traffic until every incident is filed: it ends once the carried submissions are taken and
     * the generator has emitted its last incident's request. What remains (the open incidents'
     * lifecycles) stays in this traffic for the phases after it.
     */
    Iterator<GeneratedSubmission> untilEveryIncidentFiled() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !everyIncidentFiled() && Traffic.this.hasNext();
            }

            @Override
            public GeneratedSubmission next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("every incident of the traffic is filed");
                }
                return Traffic.this.next();
            }
        };
    }

    /** Whether the carried submissions are taken and every incident's request generated. */
    boolean everyIncidentFiled() {
        return carried.isEmpty() && generator.incidentsRequested() >= generator.settings().incidents();
    }

    /** How many submissions the generator has made, over the whole run, carried ones included. */
    long generated() {
        return generator.emitted();
    }

    /** The eventId of the generator's last submission, empty before the first: a check that a resumed run regenerates the same. */
    String lastGenerated() {
        return lastGenerated;
    }

    /** Submissions carried over from a kept run and not yet taken, with the driver's unsent: what a next segment sends first. */
    Set<String> unsent(Set<String> driverUnsent) {
        Set<String> unsent = new LinkedHashSet<>(driverUnsent);
        carried.forEach(submission -> unsent.add(submission.event().getEventId()));
        return unsent;
    }
}
