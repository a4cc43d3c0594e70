package eu.muster.loadgen;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RequestFiled;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Benchmark traffic for muster: many incidents across member states, each through a plausible
 * lifecycle, as the {@code IncidentEvent}s their producers would submit, with a share of invalid
 * submissions whose rejection is known in advance. Lazy: it makes each submission when asked.
 *
 * <p><b>Reproducible.</b> Every choice and every id (eventId, incidentId) is drawn from a
 * {@link SplittableRandom} seeded with {@link LoadSettings#seed()}; the same settings give the same
 * submissions, byte for byte, on every run and every JVM.
 *
 * <p><b>Time.</b> {@code occurredAt} comes from a virtual clock starting at {@link LoadSettings#start()}:
 * each incident schedules its own steps (hours between situation reports, days between phases), and
 * the generator always emits the step due earliest across the open incidents, so the stream is in
 * non-decreasing order of {@code occurredAt}. Nothing here reads the wall clock; see
 * {@link LoadSettings} for choosing {@code start} so that a run submitted now is not refused as
 * coming from the future, and {@link #expectedSpan()} for how far back that is.
 *
 * <p><b>Memory.</b> At most {@link LoadSettings#concurrentIncidents()} incidents are open at once;
 * when one finishes (reviewed, or withdrawn) the next opens. Memory is bounded by the concurrency
 * (plus the last {@value #RECENTLY_FINISHED} finished incidents, kept for mistakes made on closed
 * ones), not by {@link LoadSettings#incidents()}: a run of a million incidents holds a hundred or so.
 *
 * <p><b>Invalid submissions.</b> Before each step, with probability {@link LoadSettings#invalidShare()},
 * the generator emits instead an invalid submission ({@link InvalidKind}), chosen evenly among the
 * kinds the state of the incident due next (or of a recently finished one, or of no incident) allows.
 * It changes nothing, as the log of record will refuse it.
 *
 * <p>Not thread-safe: one thread iterates it.
 */
public final class LoadGenerator implements Iterator<GeneratedSubmission> {

    /** How many finished incidents are kept, for mistakes made on them after their closure or withdrawal. */
    public static final int RECENTLY_FINISHED = 16;
    /** The first incidents open spread over this long, rather than in one burst, approaching the steady state. */
    static final long RAMP_UP = 5 * IncidentSimulation.DAY;
    /** When an incident finishes, the next one opens within this long. */
    static final long REOPEN_WITHIN = 3 * IncidentSimulation.HOUR;
    /** How many incidents {@link #expectedEvents()} and {@link #expectedSpan()} generate to estimate a larger run. */
    public static final int PROBE_INCIDENTS = 400;

    private static final Comparator<IncidentSimulation> DUE =
            Comparator.comparingLong(IncidentSimulation::nextAt).thenComparingLong(simulation -> simulation.ordinal);

    private final LoadSettings settings;
    private final SplittableRandom random;
    private final Misfilings misfilings;
    private final PriorityQueue<IncidentSimulation> open;
    private final IncidentSimulation[] finished = new IncidentSimulation[RECENTLY_FINISHED];
    private int finishedCount;
    private long retired;
    private long lifetimes;
    private long longestLifetime;
    private int opened;
    private int requested;
    private long emitted;
    private Estimate estimate;

    /** A generator of the traffic these settings describe. */
    public LoadGenerator(LoadSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.misfilings = new Misfilings(settings.directory());
        int initial = Math.min(settings.incidents(), settings.concurrentIncidents());
        this.open = new PriorityQueue<>(Math.max(1, initial), DUE);
        long start = settings.start().toEpochMilli();
        for (int i = 0; i < initial; i++) {
            openIncident(start + random.nextLong(RAMP_UP));
        }
    }

    /** The settings it generates. */
    public LoadSettings settings() {
        return settings;
    }

    @Override
    public boolean hasNext() {
        return !open.isEmpty();
    }

    @Override
    public GeneratedSubmission next() {
        if (open.isEmpty()) {
            throw new NoSuchElementException("all " + settings.incidents() + " incidents have run their course");
        }
        emitted++;
        IncidentSimulation due = open.element();
        if (settings.invalidShare() > 0 && Dice.chance(random, settings.invalidShare())) {
            IncidentSimulation recent = finishedCount == 0 ? null : finished[random.nextInt(Math.min(finishedCount, RECENTLY_FINISHED))];
            return misfilings.make(due, recent, due.nextAt(), random);
        }
        while (true) {
            IncidentSimulation simulation = open.remove();
            IncidentEvent event = simulation.advance(random);
            if (simulation.finished()) {
                retire(simulation);
            } else {
                open.add(simulation);
            }
            if (event != null) {
                if (event.getPayload() instanceof RequestFiled) {
                    requested++;
                }
                return new GeneratedSubmission(event, event.getProducer().getId(), Optional.empty());
            }
        }
    }

    /** How many incidents are open now: requested (or about to be) and not yet reviewed or withdrawn. Never more than the concurrency. */
    public int openIncidents() {
        return open.size();
    }

    /** How many incidents have been opened so far, of {@link LoadSettings#incidents()}. */
    public int incidentsOpened() {
        return opened;
    }

    /**
     * How many incidents' requests have been emitted so far: when it reaches {@link LoadSettings#incidents()},
     * every incident is filed and what follows is the rest of the open incidents' lifecycles.
     */
    public int incidentsRequested() {
        return requested;
    }

    /** How many submissions have been emitted so far. */
    public long emitted() {
        return emitted;
    }

    /**
     * An estimate of how many submissions the whole run emits, valid and invalid. Exact for runs of
     * up to {@value #PROBE_INCIDENTS} incidents; for larger ones, extrapolated from a probe run of
     * that many incidents with the same settings (a few milliseconds, done once, on first call),
     * typically within a few percent.
     */
    public long expectedEvents() {
        return estimate().submissions();
    }

    /**
     * An estimate of how much virtual time the run spans, from {@link LoadSettings#start()} to its
     * last {@code occurredAt}. Exact for runs of up to {@value #PROBE_INCIDENTS} incidents; for larger
     * ones rather too long than too short (it adds the longest lifetime seen in the probe to the
     * steady-state span). {@link LoadSettings#endingBefore} uses it to place a run in the past.
     */
    public Duration expectedSpan() {
        return Duration.ofMillis(estimate().spanMillis());
    }

    private void openIncident(long at) {
        opened++;
        open.add(new IncidentSimulation(opened, Dice.uuid(random), random.split(), settings.directory(), at, settings.briefShare()));
    }

    private void retire(IncidentSimulation simulation) {
        finished[finishedCount % RECENTLY_FINISHED] = simulation;
        finishedCount++;
        // Kept for the estimate of a run's span: each incident ran from its request to its last event.
        long lifetime = simulation.lastAt() - simulation.openedAt();
        retired++;
        lifetimes += lifetime;
        longestLifetime = Math.max(longestLifetime, lifetime);
        if (opened < settings.incidents()) {
            openIncident(simulation.lastAt() + Dice.between(random, 0, REOPEN_WITHIN));
        }
    }

    // ------------------------------------------------------------ estimating a run without running it

    private record Estimate(long submissions, long spanMillis) {
    }

    private Estimate estimate() {
        if (estimate == null) {
            estimate = probe(settings);
        }
        return estimate;
    }

    private static Estimate probe(LoadSettings settings) {
        int incidents = settings.incidents();
        if (incidents == 0) {
            return new Estimate(0, 0);
        }
        int probed = Math.min(incidents, PROBE_INCIDENTS);
        LoadGenerator probe = new LoadGenerator(settings.withIncidents(probed));
        long start = settings.start().toEpochMilli();
        long submissions = 0;
        long last = start;
        while (probe.hasNext()) {
            last = Math.max(last, probe.next().event().getOccurredAt().toEpochMilli());
            submissions++;
        }
        if (probed == incidents) {
            return new Estimate(submissions, last - start);
        }
        double meanLifetime = probe.retired == 0 ? 0 : (double) probe.lifetimes / probe.retired;
        double perSlot = (double) incidents / settings.concurrentIncidents();
        long span = RAMP_UP + (long) (perSlot * (meanLifetime + REOPEN_WITHIN / 2.0)) + probe.longestLifetime;
        return new Estimate(Math.round((double) submissions * incidents / probed), span);
    }
}
