package eu.muster.record;

import static eu.muster.record.Lifecycle.AT_CSIRT;
import static eu.muster.record.Lifecycle.DE_NCA;
import static eu.muster.record.Lifecycle.ENISA;
import static eu.muster.record.Lifecycle.FR_NCA;
import static eu.muster.record.Lifecycle.MSSP;
import static eu.muster.record.Lifecycle.OTHER_MSSP;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.HashChain;
import eu.muster.codec.SingleObjectCodec;
import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.SubmissionOutcome;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The log of record under TopologyTestDriver: every lifecycle rule, duplicates, poison pills, identity and time. */
class LogOfRecordTopologyTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    /** The processor's clock: an hour after the scenarios' first event, so their timestamps are in its past. */
    private static final Instant WALL_CLOCK = START.plus(Duration.ofHours(1));

    @TempDir
    Path stateDir;
    private Driver driver;

    @BeforeEach
    void start() {
        driver = new Driver(WALL_CLOCK, stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    // ------------------------------------------------------------------ one scenario per rule

    /** Given some accepted events, when one more is submitted, then it is accepted or refused for one reason. */
    record Scenario(UnaryOperator<Script> script) {
    }

    /** A scenario's steps, written against one incident's lifecycle. */
    static final class Script {
        final Lifecycle incident = new Lifecycle(START);
        final List<IncidentEvent> given = new ArrayList<>();
        IncidentEvent when;
        RejectionReason expected;

        Script given(eu.muster.contract.Organisation by, Object payload) {
            given.add(incident.by(by, payload));
            return this;
        }

        Script requested() {
            return given(DE_NCA, Lifecycle.request(DE_NCA, "DE"));
        }

        Script matched() {
            return requested().given(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED));
        }

        Script when(eu.muster.contract.Organisation by, Object payload) {
            when = incident.by(by, payload);
            return this;
        }

        Script accepted() {
            expected = null;
            return this;
        }

        Script rejected(RejectionReason reason) {
            expected = reason;
            return this;
        }
    }

    static Stream<Named<Scenario>> lifecycle() {
        return Stream.of(
                accepted("a request opens the incident", s -> s.when(DE_NCA, Lifecycle.request(DE_NCA, "DE"))),
                accepted("ENISA matches a provider that passed the conflict check",
                        s -> s.requested().when(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED))),
                accepted("the matched provider starts remote support",
                        s -> s.matched().when(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.REMOTE))),
                accepted("the matched provider ends a deployment", s -> s.matched()
                        .given(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.ON_SITE)).when(MSSP, Lifecycle.endDeployment("d-1"))),
                accepted("the phase moves forward", s -> s.matched().when(MSSP, Lifecycle.phase(Phase.INVESTIGATION))),
                accepted("the documented step back to investigation", s -> s.matched()
                        .given(MSSP, Lifecycle.phase(Phase.CONTAINMENT_RECOVERY)).when(MSSP, Lifecycle.phase(Phase.INVESTIGATION))),
                accepted("a CSIRT joins", s -> s.requested().when(ENISA, Lifecycle.join(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))),
                accepted("a participant reports the situation", s -> s.matched().when(MSSP, Lifecycle.report("r-1"))),
                accepted("a participant acknowledges a report",
                        s -> s.matched().given(MSSP, Lifecycle.report("r-1")).when(DE_NCA, Lifecycle.acknowledge("r-1"))),
                accepted("the requesting state asks for mutual assistance", s -> s.requested().when(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))),
                accepted("another state offers help", s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of("AT")))
                        .when(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT"))),
                accepted("the requesting state accepts the offer", s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .given(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT")).when(DE_NCA, Lifecycle.decide("o-1", OfferDecision.ACCEPTED))),
                accepted("the offering state fulfils an accepted offer", s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .given(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT")).given(DE_NCA, Lifecycle.decide("o-1", OfferDecision.ACCEPTED))
                        .when(AT_CSIRT, Lifecycle.fulfil("o-1"))),
                accepted("ENISA reclassifies", s -> s.requested().when(ENISA, Lifecycle.reclassify(Classification.LARGE_SCALE))),
                accepted("the requesting state withdraws", s -> s.requested().when(DE_NCA, Lifecycle.withdraw())),
                accepted("the requesting state closes", s -> s.matched().when(DE_NCA, Lifecycle.close())),
                accepted("ENISA files the review after closure",
                        s -> s.matched().given(DE_NCA, Lifecycle.close()).when(ENISA, Lifecycle.review())),

                rejected(RejectionReason.INCIDENT_NOT_REQUESTED, s -> s.when(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED))),
                rejected(RejectionReason.DUPLICATE_REQUEST, s -> s.requested().when(DE_NCA, Lifecycle.request(DE_NCA, "DE"))),
                rejected(RejectionReason.NOT_OWN_MEMBER_STATE, s -> s.when(DE_NCA, Lifecycle.request(DE_NCA, "FR"))),
                rejected(RejectionReason.ROLE_NOT_PERMITTED, s -> s.when(AT_CSIRT, Lifecycle.request(AT_CSIRT, "AT"))),
                rejected(RejectionReason.CONFLICT_CHECK_NOT_PASSED,
                        s -> s.requested().when(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.FAILED))),
                rejected(RejectionReason.ALREADY_MATCHED,
                        s -> s.matched().when(ENISA, Lifecycle.match(OTHER_MSSP.getId(), ConflictOfInterestResult.PASSED))),
                rejected(RejectionReason.NOT_MATCHED, s -> s.requested().when(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.REMOTE))),
                rejected(RejectionReason.NOT_MATCHED_MSSP,
                        s -> s.matched().when(OTHER_MSSP, Lifecycle.deploy("d-1", OTHER_MSSP.getId(), DeploymentMode.REMOTE))),
                rejected(RejectionReason.DUPLICATE_DEPLOYMENT, s -> s.matched().given(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.REMOTE))
                        .when(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.ON_SITE))),
                rejected(RejectionReason.UNKNOWN_DEPLOYMENT, s -> s.matched().when(MSSP, Lifecycle.endDeployment("d-9"))),
                rejected(RejectionReason.PHASE_NOT_FORWARD,
                        s -> s.matched().given(MSSP, Lifecycle.phase(Phase.INVESTIGATION)).when(MSSP, Lifecycle.phase(Phase.INITIAL_RESPONSE))),
                rejected(RejectionReason.NOT_A_PARTICIPANT, s -> s.matched().when(FR_NCA, Lifecycle.report("r-1"))),
                rejected(RejectionReason.ALREADY_PARTICIPANT, s -> s.requested().given(ENISA, Lifecycle.join(AT_CSIRT, ParticipantRole.CSIRT))
                        .when(ENISA, Lifecycle.join(AT_CSIRT, ParticipantRole.CSIRT))),
                rejected(RejectionReason.DUPLICATE_REPORT, s -> s.matched().given(MSSP, Lifecycle.report("r-1")).when(MSSP, Lifecycle.report("r-1"))),
                rejected(RejectionReason.UNKNOWN_REPORT, s -> s.matched().when(DE_NCA, Lifecycle.acknowledge("r-9"))),
                rejected(RejectionReason.DUPLICATE_ASSISTANCE_REQUEST, s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .when(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))),
                rejected(RejectionReason.UNKNOWN_ASSISTANCE_REQUEST, s -> s.requested().when(AT_CSIRT, Lifecycle.offer("a-9", "o-1", "AT"))),
                rejected(RejectionReason.NOT_ASKED, s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of("FR")))
                        .when(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT"))),
                rejected(RejectionReason.DUPLICATE_OFFER, s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .given(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT")).when(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT"))),
                rejected(RejectionReason.UNKNOWN_OFFER, s -> s.requested().when(DE_NCA, Lifecycle.decide("o-9", OfferDecision.ACCEPTED))),
                rejected(RejectionReason.OFFER_ALREADY_DECIDED, s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .given(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT")).given(DE_NCA, Lifecycle.decide("o-1", OfferDecision.DECLINED))
                        .when(DE_NCA, Lifecycle.decide("o-1", OfferDecision.ACCEPTED))),
                rejected(RejectionReason.OFFER_NOT_ACCEPTED, s -> s.requested().given(DE_NCA, Lifecycle.askForHelp("a-1", List.of()))
                        .given(AT_CSIRT, Lifecycle.offer("a-1", "o-1", "AT")).given(DE_NCA, Lifecycle.decide("o-1", OfferDecision.DECLINED))
                        .when(AT_CSIRT, Lifecycle.fulfil("o-1"))),
                rejected(RejectionReason.CLASSIFICATION_UNCHANGED, s -> s.requested().when(ENISA, Lifecycle.reclassify(Classification.SIGNIFICANT))),
                rejected(RejectionReason.INCIDENT_CLOSED, s -> s.matched().given(DE_NCA, Lifecycle.close()).when(MSSP, Lifecycle.report("r-1"))),
                rejected(RejectionReason.INCIDENT_WITHDRAWN, s -> s.requested().given(DE_NCA, Lifecycle.withdraw())
                        .when(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED))),
                rejected(RejectionReason.INCIDENT_NOT_CLOSED, s -> s.matched().when(ENISA, Lifecycle.review())),
                rejected(RejectionReason.REVIEW_ALREADY_FILED, s -> s.matched().given(DE_NCA, Lifecycle.close()).given(ENISA, Lifecycle.review())
                        .when(ENISA, Lifecycle.review())));
    }

    @ParameterizedTest
    @MethodSource("lifecycle")
    void eachLifecycleRuleAcceptsOrRefusesWithItsReason(Scenario scenario) {
        Script script = scenario.script().apply(new Script());
        for (IncidentEvent given : script.given) {
            assertThat(driver.submit(given).getStatus()).as("given %s", given.getPayload().getClass().getSimpleName())
                    .isEqualTo(OutcomeStatus.ACCEPTED);
        }

        SubmissionOutcome outcome = driver.submit(script.when);

        if (script.expected == null) {
            assertThat(outcome.getStatus()).as("%s", outcome).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(outcome.getSequence()).isEqualTo(script.given.size() + 1L);
            assertThat(driver.recorded).last().satisfies(e -> assertThat(e.getEvent()).isEqualTo(script.when));
            assertThat(driver.rejections).isEmpty();
        } else {
            assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(outcome.getReason()).as(outcome.getMessage()).isEqualTo(script.expected);
            assertThat(driver.rejections).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(script.expected);
                assertThat(r.getRule()).isNotBlank().isEqualTo(outcome.getRule());
                assertThat(r.getMessage()).isNotBlank();
                assertThat(r.getSubmission()).isEqualTo(script.when);
                assertThat(r.getIncidentId()).isEqualTo(script.when.getIncidentId());
                assertThat(r.getOrganisationId()).isEqualTo(script.when.getProducer().getId());
            });
            assertThat(driver.recorded).hasSize(script.given.size());
        }
    }

    @Test
    void everyLifecycleRejectionReasonHasAScenario() {
        Set<RejectionReason> covered = lifecycle().map(n -> n.getPayload().script().apply(new Script()).expected)
                .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectionReason.class)));
        Set<RejectionReason> coveredElsewhere = EnumSet.of(RejectionReason.UNSPECIFIED, RejectionReason.UNDECODABLE,
                RejectionReason.UNKNOWN_ORGANISATION, RejectionReason.PRODUCER_MISMATCH, RejectionReason.INVALID_FIELD,
                RejectionReason.FUTURE_TIMESTAMP);

        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).containsExactlyInAnyOrderElementsOf(coveredElsewhere);
    }

    // ------------------------------------------------------------------ identity, well-formedness, time

    @Test
    void anEnvelopeClaimingAnotherOrganisationIsRefusedForItsTopicsOwner() {
        Lifecycle incident = new Lifecycle(START);
        IncidentEvent claimsEnisa = incident.by(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED));

        SubmissionOutcome outcome = driver.submitOn(DE_NCA.getId(), claimsEnisa);

        assertThat(outcome.getReason()).isEqualTo(RejectionReason.PRODUCER_MISMATCH);
        assertThat(driver.rejections).singleElement().satisfies(r -> assertThat(r.getOrganisationId()).isEqualTo(DE_NCA.getId()));
        assertThat(driver.recorded).isEmpty();
    }

    @Test
    void anOrganisationMissingFromTheDirectoryIsRefused() {
        Lifecycle incident = new Lifecycle(START);
        eu.muster.contract.Organisation stranger = eu.muster.contract.Organisation.newBuilder(DE_NCA).setId("xx-unknown").build();

        SubmissionOutcome outcome = driver.submit(incident.by(stranger, Lifecycle.request(stranger, "DE")));

        assertThat(outcome.getReason()).isEqualTo(RejectionReason.UNKNOWN_ORGANISATION);
    }

    @Test
    void aMalformedFieldIsRefusedNamingTheField() {
        Lifecycle incident = new Lifecycle(START);
        IncidentEvent notAUuid = IncidentEvent.newBuilder(incident.by(DE_NCA, Lifecycle.request(DE_NCA, "DE"))).setEventId("event-1").build();

        SubmissionOutcome outcome = driver.submit(notAUuid);

        assertThat(outcome.getReason()).isEqualTo(RejectionReason.INVALID_FIELD);
        assertThat(outcome.getMessage()).contains("eventId");
    }

    @Test
    void anEventFromBeyondTheClockSkewIsRefusedAndOneJustWithinIsAccepted() {
        Lifecycle incident = new Lifecycle(START);
        IncidentEvent tooEarly = incident.at(DE_NCA, Lifecycle.request(DE_NCA, "DE"), WALL_CLOCK.plus(Driver.MAX_CLOCK_SKEW).plusSeconds(1));
        IncidentEvent justWithin = incident.at(DE_NCA, Lifecycle.request(DE_NCA, "DE"), WALL_CLOCK.plus(Driver.MAX_CLOCK_SKEW).minusSeconds(1));

        assertThat(driver.submit(tooEarly).getReason()).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        assertThat(driver.submit(justWithin).getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
    }

    @Test
    void aLateReportIsAcceptedAndRecordedAfterTheEventsAlreadyThere() {
        Lifecycle incident = new Lifecycle(START);
        driver.submit(incident.by(DE_NCA, Lifecycle.request(DE_NCA, "DE")));
        driver.submit(incident.by(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED)));
        IncidentEvent late = incident.at(MSSP, Lifecycle.report("r-0"), START.minus(Duration.ofDays(1)));

        SubmissionOutcome outcome = driver.submit(late);

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(outcome.getSequence()).isEqualTo(3);
        assertThat(driver.recorded.get(2).getEvent().getOccurredAt()).isEqualTo(START.minus(Duration.ofDays(1)));
    }

    // ------------------------------------------------------------------ duplicates and poison pills

    @Test
    void aResubmittedEventIdYieldsNoSecondEventAndNoRejectionButTheFirstOutcomeAgain() {
        Lifecycle incident = new Lifecycle(START);
        IncidentEvent request = incident.by(DE_NCA, Lifecycle.request(DE_NCA, "DE"));
        IncidentEvent refused = incident.by(MSSP, Lifecycle.report("r-1"));

        driver.submit(request);
        driver.submit(refused);
        SubmissionOutcome requestAgain = driver.submit(request);
        SubmissionOutcome refusedAgain = driver.submit(refused);

        assertThat(driver.recorded).hasSize(1);
        assertThat(driver.rejections).hasSize(1);
        assertThat(requestAgain.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
        assertThat(requestAgain.getSequence()).isEqualTo(1);
        assertThat(requestAgain.getDuplicates()).isEqualTo(1);
        assertThat(refusedAgain.getStatus()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(refusedAgain.getDuplicates()).isEqualTo(1);
        assertThat(driver.outcomeStore().get(request.getEventId())).isEqualTo(requestAgain);
    }

    @Test
    void undecodableBytesAreRejectedWithTheBytesKeptAndProcessingGoesOn() {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(SingleObjectCodec.forIncidentEvents().encode(new Lifecycle(START).by(DE_NCA,
                Lifecycle.request(DE_NCA, "DE"))), 30);

        driver.submitBytes(DE_NCA.getId(), garbage);
        driver.submitBytes(DE_NCA.getId(), truncated);
        IncidentEvent next = new Lifecycle(START).by(DE_NCA, Lifecycle.request(DE_NCA, "DE"));
        SubmissionOutcome afterwards = driver.submit(next);

        assertThat(driver.rejections).hasSize(2).allSatisfy(r -> {
            assertThat(r.getReason()).isEqualTo(RejectionReason.UNDECODABLE);
            assertThat(r.getSubmission()).isNull();
            assertThat(r.getOrganisationId()).isEqualTo(DE_NCA.getId());
            assertThat(r.getSubmissionTopic()).isEqualTo("submissions.de-bsi");
        });
        assertThat(bytes(driver.rejections.get(0).getRawSubmission())).isEqualTo(garbage);
        assertThat(driver.rejections.get(0).getMessage()).contains("corrupt record");
        assertThat(driver.rejections.get(1).getMessage()).contains("truncated record");
        assertThat(afterwards.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
    }

    // ------------------------------------------------------------------ the chain

    @Test
    void acceptedEventsAreNumberedWithoutGapsPerIncidentAndChainedByHash() {
        Lifecycle first = new Lifecycle(START);
        Lifecycle second = new Lifecycle(START);
        driver.submit(first.by(DE_NCA, Lifecycle.request(DE_NCA, "DE")));
        driver.submit(second.by(FR_NCA, Lifecycle.request(FR_NCA, "FR")));
        driver.submit(first.by(ENISA, Lifecycle.match(MSSP.getId(), ConflictOfInterestResult.PASSED)));
        driver.submit(first.by(MSSP, Lifecycle.report("r-1")));
        driver.submit(second.by(MSSP, Lifecycle.report("r-1")));
        driver.submit(first.by(MSSP, Lifecycle.deploy("d-1", MSSP.getId(), DeploymentMode.REMOTE)));

        List<RecordedEvent> ofFirst = driver.recorded.stream().filter(e -> e.getIncidentId().equals(first.incidentId)).toList();
        List<RecordedEvent> ofSecond = driver.recorded.stream().filter(e -> e.getIncidentId().equals(second.incidentId)).toList();

        assertThat(ofFirst).extracting(RecordedEvent::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ofSecond).extracting(RecordedEvent::getSequence).containsExactly(1L);
        assertThat(bytes(ofFirst.get(0).getPreviousHash())).isEqualTo(HashChain.genesis());
        for (int i = 1; i < ofFirst.size(); i++) {
            assertThat(bytes(ofFirst.get(i).getPreviousHash())).isEqualTo(bytes(ofFirst.get(i - 1).getHash()));
        }
        assertThat(driver.recorded).allSatisfy(e -> assertThat(HashChain.holds(e)).isTrue());
        assertThat(driver.rejections).extracting(Rejection::getReason).containsExactly(RejectionReason.NOT_A_PARTICIPANT);
        assertThat(ofFirst.get(0).getRecordedAt()).isEqualTo(WALL_CLOCK);
        assertThat(ofFirst.get(0).getSubmissionTopic()).isEqualTo("submissions.de-bsi");
    }

    private static Named<Scenario> accepted(String name, UnaryOperator<Script> script) {
        return Named.of(name, new Scenario(s -> script.apply(s).accepted()));
    }

    private static Named<Scenario> rejected(RejectionReason reason, UnaryOperator<Script> script) {
        return Named.of(reason.name(), new Scenario(s -> script.apply(s).rejected(reason)));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
