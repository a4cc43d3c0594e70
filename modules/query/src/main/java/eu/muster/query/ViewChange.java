package eu.muster.query;

import eu.muster.gateway.Caller;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * One change of a view, as the live stream announces it: which view, which key, the instant the
 * new value stands for, and who may hear of it. The notice carries no view content; a dashboard
 * reads the content through the query API, under the same sharing rules.
 *
 * @param view     the view's name in the stream: coordination, sla, review, alert, member-state, scorecard, lessons
 * @param key      the incident id, member-state code, provider id or lessons group
 * @param at       the view record's timestamp: the recording of the event that changed it, or the instant time changed it
 * @param audience who may hear of the change
 */
public record ViewChange(String view, String key, Instant at, Predicate<Caller> audience) {
}
