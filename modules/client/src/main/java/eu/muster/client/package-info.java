/**
 * The Java client of muster, for member-state, ENISA and MSSP systems that submit incident events.
 *
 * <p>A {@link eu.muster.client.MusterClient} is created from {@link eu.muster.client.MusterClientSettings}
 * (the organisation it speaks for and the Kafka connection). It drafts envelopes around the
 * contract's payload records ({@link eu.muster.client.EventDraft}), writes them to the
 * organisation's submission topic and returns a {@link eu.muster.client.SubmissionReceipt} once the
 * broker has them, and waits for the outcome muster decides for each event id.
 *
 * <p>Errors: caller mistakes are {@link java.lang.IllegalArgumentException}s naming the field or
 * setting; a write that did not reach the broker is a {@link eu.muster.client.SubmissionFailedException};
 * an outcome that did not arrive in time is an {@link eu.muster.client.OutcomeTimeoutException}; an
 * outcome topic that cannot be read is an {@link eu.muster.client.OutcomeUnavailableException}.
 */
package eu.muster.client;
