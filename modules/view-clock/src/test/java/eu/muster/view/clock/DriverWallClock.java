package eu.muster.view.clock;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver's mocked wall clock, moved to instants rather than by durations, and never back. */
public final class DriverWallClock {

    private final TopologyTestDriver driver;
    private Instant now;

    /** The clock of {@code driver}, which was created at {@code start}. */
    public DriverWallClock(TopologyTestDriver driver, Instant start) {
        this.driver = driver;
        this.now = start;
    }

    /** Moves the clock forward to {@code instant}, which runs the wall-clock punctuations due by then (once each). */
    public void moveTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the wall clock does not go back: " + now + " to " + instant);
        }
        driver.advanceWallClockTime(Duration.between(now, instant));
        now = instant;
    }

    /** Where the clock stands. */
    public Instant now() {
        return now;
    }
}
