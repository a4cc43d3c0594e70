package eu.muster.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What traffic to generate. The same settings give the same submissions, byte for byte.
 *
 * <p><b>Time.</b> Events carry {@code occurredAt} from a virtual clock that starts at {@code start}
 * and advances with the simulated lifecycles (hours between situation reports, days between phases),
 * independent of the wall clock. The log of record refuses events more than its clock skew ahead of
 * its own clock and accepts late ones, so a benchmark that submits now places the whole run in the
 * past: {@link #endingBefore(Instant) settings.endingBefore(now)}. Every event is then a legitimately
 * late report, and none is refused for coming from the future. The span is long: incidents run for
 * days, so a run spans about {@code incidents / concurrentIncidents} incident lifetimes of roughly
 * ten days each (a million incidents, a thousand at once: some 25 years); more concurrency shortens it.
 *
 * @param seed                the seed every choice and every id is derived from
 * @param incidents           how many incidents to open in the run (0 gives no traffic)
 * @param concurrentIncidents how many incidents are open at most at once; memory is bounded by this, not by {@code incidents}
 * @param invalidShare        the share of submissions that are invalid, in [0, 0.5]; each carries the rejection it will get
 * @param briefShare          the share of incidents that are brief, in [0, 1]: one member state, remote support only, contained
 *                            within hours and closed within a day or so (about ten events, where the others average over
 *                            thirty); 0, the default, leaves the traffic exactly as it was before brief incidents existed
 * @param start               the virtual instant the first incident may open at
 * @param directory           the organisations that produce the traffic
 */
public record LoadSettings(long seed, int incidents, int concurrentIncidents, double invalidShare, double briefShare, Instant start,
        Directory directory) {

    /** The default share of invalid submissions: enough to exercise the rejection path without dominating it. */
    public static final double DEFAULT_INVALID_SHARE = 0.02;
    /** The default number of incidents open at once. */
    public static final int DEFAULT_CONCURRENT_INCIDENTS = 100;

    /** Checks the settings can generate anything at all. */
    public LoadSettings {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(directory, "directory");
        if (incidents < 0) {
            throw new IllegalArgumentException("incidents must not be negative, got " + incidents);
        }
        if (concurrentIncidents < 1) {
            throw new IllegalArgumentException("concurrentIncidents must be at least 1, got " + concurrentIncidents);
        }
        // Every invalid submission is one more draw before the incident moves on; above one half they would drown the traffic.
        if (!(invalidShare >= 0 && invalidShare <= 0.5)) {
            throw new IllegalArgumentException("invalidShare must lie in [0, 0.5], got " + invalidShare);
        }
        if (!(briefShare >= 0 && briefShare <= 1)) {
            throw new IllegalArgumentException("briefShare must lie in [0, 1], got " + briefShare);
        }
        if (directory.requestingAuthorities().isEmpty()) {
            throw new IllegalArgumentException("the directory has no NCA or single point of contact with a member state, so nobody"
                    + " can request support: " + directory);
        }
        if (directory.enisa().isEmpty()) {
            throw new IllegalArgumentException("the directory has no ENISA, so nobody can match a provider: " + directory);
        }
        if (directory.mssps().isEmpty()) {
            throw new IllegalArgumentException("the directory has no MSSP to match: " + directory);
        }
    }

    /**
     * Settings with the defaults: {@value #DEFAULT_CONCURRENT_INCIDENTS} incidents at once, a
     * {@value #DEFAULT_INVALID_SHARE} share of invalid submissions, no brief incidents, the development directory.
     */
    public static LoadSettings of(long seed, int incidents, Instant start) {
        return new LoadSettings(seed, incidents, DEFAULT_CONCURRENT_INCIDENTS, DEFAULT_INVALID_SHARE, 0, start, Directory.development());
    }

    /** These settings with another number of incidents open at once. */
    public LoadSettings withConcurrentIncidents(int concurrent) {
        return new LoadSettings(seed, incidents, concurrent, invalidShare, briefShare, start, directory);
    }

    /** These settings with another share of invalid submissions. */
    public LoadSettings withInvalidShare(double share) {
        return new LoadSettings(seed, incidents, concurrentIncidents, share, briefShare, start, directory);
    }

    /** These settings with another share of brief incidents. */
    public LoadSettings withBriefShare(double share) {
        return new LoadSettings(seed, incidents, concurrentIncidents, invalidShare, share, start, directory);
    }

    /** These settings with another directory. */
    public LoadSettings withDirectory(Directory other) {
        return new LoadSettings(seed, incidents, concurrentIncidents, invalidShare, briefShare, start, other);
    }

    /** These settings with another number of incidents. */
    public LoadSettings withIncidents(int count) {
        return new LoadSettings(seed, count, concurrentIncidents, invalidShare, briefShare, start, directory);
    }

    /**
     * These settings with a start early enough that the whole run lies before {@code now}: {@code now}
     * minus a quarter more than the run's {@linkplain LoadGenerator#expectedSpan() expected span}
     * (which a probe run of the same settings estimates, on the safe side). The span does not depend
     * on the start, so the traffic is the same as with any other start, shifted in time.
     */
    public LoadSettings endingBefore(Instant now) {
        Duration span = new LoadGenerator(this).expectedSpan();
        return withStart(now.minus(span.plus(span.dividedBy(4))));
    }

    /** These settings with another start. */
    public LoadSettings withStart(Instant instant) {
        return new LoadSettings(seed, incidents, concurrentIncidents, invalidShare, briefShare, instant, directory);
    }
}
