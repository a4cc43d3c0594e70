package eu.muster.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One clock of one incident as it stood at an instant.
 *
 * @param kind      which clock
 * @param cycle     0, or for the situation-report cadence the number of the interval (0 from the match, 1 from the first report, ...)
 * @param state     where it stood
 * @param window    its window (from the contract terms, else the policy's default)
 * @param startedAt when it started
 * @param deadline  {@code startedAt + window}
 * @param endedAt   when it was fulfilled or stopped; null while it runs
 * @param overdue   how far past its deadline it was: up to the instant while BREACHED, up to fulfilment when MET_LATE,
 *                  up to the stop when STOPPED after a breach; null when it never passed its deadline
 */
public record ClockReading(ClockKind kind, int cycle, ClockState state, Duration window, Instant startedAt, Instant deadline,
        Instant endedAt, Duration overdue) {

    /** Whether the clock ever passed its deadline unfulfilled: the breach stays in the history even once met late. */
    public boolean breached() {
        return overdue != null;
    }
}
