/**
 * The incident lifecycle as plain Java: whether a submitted {@link eu.muster.contract.IncidentEvent}
 * becomes fact for its incident, and how accepted events evolve the incident's state.
 *
 * <p>Deciding a submission takes two steps, in this order. {@link eu.muster.domain.SubmissionCheck}
 * needs no incident state: who sent the event, whether it is well formed, whether it comes from the
 * future. {@link eu.muster.domain.LifecycleRules#decide} then judges it against the incident's
 * {@link eu.muster.domain.IncidentState}. Only an accepted event is passed to
 * {@link eu.muster.domain.IncidentState#apply}. Every refusal names a {@link eu.muster.domain.Rule},
 * listed with its reason code in docs/lifecycle-rules.md.
 *
 * <p>This package depends on the generated contract classes ({@code eu.muster.contract}) and on
 * nothing else: no Kafka, no clock of its own (callers pass the instant), no I/O. The Kafka
 * processor (modules/log-of-record) depends on it, never the other way round.
 */
package eu.muster.domain;
