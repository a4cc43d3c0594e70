package eu.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractStringAssert;

/**
 * The given/when/then of the lifecycle, with no infrastructure: {@code given(history).when(submission)}
 * decides the submission as the processor does (the submission checks, then the lifecycle rules,
 * against the state folded from the history), and {@code thenAccepted()} or
 * {@code thenRejected(reason, ruleId)} says what must come of it.
 *
 * <p>The history must itself be acceptable, in order: each given event is decided the same way and
 * the scenario fails if one would be refused, so no test rests on a state the rules could never reach.
 */
final class Scenario {

    /** The processor's clock in these scenarios: well after every envelope {@link Envelopes} builds. */
    static final Instant NOW = Envelopes.START.plus(Duration.ofDays(90));
    /** The clock skew tolerated in these scenarios. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final IncidentState state;

    private Scenario(IncidentState state) {
        this.state = state;
    }

    /** An incident whose accepted history is {@code history}, in order; none for an incident not yet requested. */
    static Scenario given(IncidentEvent... history) {
        IncidentState state = IncidentState.none();
        for (int i = 0; i < history.length; i++) {
            Decision decision = decide(state, history[i], history[i].getProducer().getId(),
                    Optional.ofNullable(Envelopes.DIRECTORY.get(history[i].getProducer().getId())), NOW);
            if (decision instanceof Decision.Rejected rejected) {
                fail("given event %d (%s) would itself be refused: %s", i + 1, Payloads.name(history[i].getPayload()), rejected);
            }
            state = state.apply(history[i]);
        }
        return new Scenario(state);
    }

    /** An incident whose accepted history is {@code history}, in order. */
    static Scenario given(List<IncidentEvent> history) {
        return given(history.toArray(IncidentEvent[]::new));
    }

    /** The state the history folds into. */
    IncidentState state() {
        return state;
    }

    /** The submission, on its producer's own topic, from a registered producer, decided at {@link #NOW}. */
    Submitted when(IncidentEvent submission) {
        return new Submitted(submission);
    }

    private static Decision decide(IncidentState state, IncidentEvent event, String topicOwner, Optional<Organisation> registered,
            Instant now) {
        Optional<Decision.Rejected> refused = SubmissionCheck.check(event, topicOwner, registered, now, SKEW);
        return refused.isPresent() ? refused.get() : LifecycleRules.decide(state, event);
    }

    /** One submission on its way to a decision; the defaults are the honest case and can be changed. */
    final class Submitted {
        private final IncidentEvent event;
        private String topicOwner;
        private Optional<Organisation> registered;
        private Instant now = NOW;

        private Submitted(IncidentEvent event) {
            this.event = event;
            this.topicOwner = event.getProducer().getId();
            this.registered = Optional.ofNullable(Envelopes.DIRECTORY.get(topicOwner));
        }

        /** It arrives on the submission topic of {@code organisation}, which the directory knows. */
        Submitted onTopicOf(Organisation organisation) {
            this.topicOwner = organisation.getId();
            this.registered = Optional.of(organisation);
            return this;
        }

        /** The directory registers the topic's owner as {@code entry}. */
        Submitted registeredAs(Organisation entry) {
            this.registered = Optional.of(entry);
            return this;
        }

        /** It arrives on the topic of an organisation the directory does not know. */
        Submitted onTopicOfUnknown(String organisationId) {
            this.topicOwner = organisationId;
            this.registered = Optional.empty();
            return this;
        }

        /** The processor's clock reads {@code instant}. */
        Submitted decidedAt(Instant instant) {
            this.now = instant;
            return this;
        }

        /** The decision, for tests that look at it directly. */
        Decision decision() {
            return decide(state, event, topicOwner, registered, now);
        }

        /** The submission becomes fact. */
        void thenAccepted() {
            Decision decision = decision();
            assertThat(decision).as("decision on %s", Payloads.name(event.getPayload())).isEqualTo(Decision.accept());
            // Whatever is accepted must also fold: the processor applies it next.
            assertThat(state.apply(event)).isNotNull();
        }

        /** The submission is refused with {@code reason} by the rule {@code ruleId}; returns an assertion on the message. */
        AbstractStringAssert<?> thenRejected(RejectionReason reason, String ruleId) {
            Decision decision = decision();
            assertThat(decision).as("decision on %s", Payloads.name(event.getPayload())).isInstanceOf(Decision.Rejected.class);
            Decision.Rejected rejected = (Decision.Rejected) decision;
            assertThat(rejected.reason()).as("reason of: %s", rejected.message()).isEqualTo(reason);
            assertThat(rejected.rule().id()).as("rule of: %s", rejected.message()).isEqualTo(ruleId);
            return assertThat(rejected.message()).as("message");
        }
    }
}
