package eu.muster.sla;

/**
 * A change of state worth paging someone for: RUNNING to AT_RISK, anything to BREACHED, BREACHED to MET_LATE.
 *
 * @param from the reading before, null when the clock was not running before
 * @param to   the reading after
 */
public record ClockChange(ClockReading from, ClockReading to) {
}
