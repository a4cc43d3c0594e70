package eu.muster.domain;

import static eu.muster.domain.Envelopes.AT_CSIRT;
import static eu.muster.domain.Envelopes.COMMISSION;
import static eu.muster.domain.Envelopes.DE_CSIRT;
import static eu.muster.domain.Envelopes.DE_HOSPITAL;
import static eu.muster.domain.Envelopes.DE_NCA;
import static eu.muster.domain.Envelopes.ENISA;
import static eu.muster.domain.Envelopes.FR_NCA;
import static eu.muster.domain.Envelopes.MSSP;
import static eu.muster.domain.Envelopes.OTHER_MSSP;
import static eu.muster.domain.Envelopes.acknowledgement;
import static eu.muster.domain.Envelopes.assistanceAsked;
import static eu.muster.domain.Envelopes.at;
import static eu.muster.domain.Envelopes.by;
import static eu.muster.domain.Envelopes.closure;
import static eu.muster.domain.Envelopes.decision;
import static eu.muster.domain.Envelopes.ended;
import static eu.muster.domain.Envelopes.filed;
import static eu.muster.domain.Envelopes.fulfilment;
import static eu.muster.domain.Envelopes.joining;
import static eu.muster.domain.Envelopes.match;
import static eu.muster.domain.Envelopes.matched;
import static eu.muster.domain.Envelopes.offer;
import static eu.muster.domain.Envelopes.phase;
import static eu.muster.domain.Envelopes.reclassification;
import static eu.muster.domain.Envelopes.remote;
import static eu.muster.domain.Envelopes.report;
import static eu.muster.domain.Envelopes.request;
import static eu.muster.domain.Envelopes.review;
import static eu.muster.domain.Envelopes.withdrawal;
import static eu.muster.domain.Scenario.NOW;
import static eu.muster.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.RequestFiled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One refused submission for every rule, each with the reason code it must raise and the ids its
 * message must name; and the checks that nothing is left out: every rule has its example, every
 * reason code a submission can earn (all but UNSPECIFIED and UNDECODABLE, which belong to the
 * processor) is raised by some rule, and docs/lifecycle-rules.md lists exactly these rules.
 */
class RuleCatalogueTest {

    /** A refused submission: what it shows, how it is refused, and what the message must name. */
    private record Example(RejectionReason reason, String ruleId, String situation, Supplier<Scenario.Submitted> submission,
            List<String> named) {
    }

    private static Example example(RejectionReason reason, String ruleId, String situation, Supplier<Scenario.Submitted> submission,
            String... named) {
        return new Example(reason, ruleId, situation, submission, List.of(named));
    }

    private static final List<Example> EXAMPLES = List.of(
            // submission checks
            example(RejectionReason.UNKNOWN_ORGANISATION, "producer-must-be-registered", "a topic whose owner the directory does not know",
                    () -> given().when(filed()).onTopicOfUnknown("de-bsi"), "de-bsi"),
            example(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner", "de-bsi's event on fr-anssi's topic",
                    () -> given().when(filed()).onTopicOf(FR_NCA), "de-bsi", "fr-anssi"),
            example(RejectionReason.INVALID_FIELD, "well-formed-submission", "an affected entity in no member state",
                    () -> given().when(by(DE_NCA, RequestFiled.newBuilder(request(DE_NCA)).setAffectedMemberStates(List.of("DE", "XX")).build())),
                    "payload.affectedMemberStates[1]", "'XX'"),
            example(RejectionReason.FUTURE_TIMESTAMP, "no-events-from-the-future", "an event from an hour ahead",
                    () -> given().when(at(NOW.plus(Duration.ofHours(1)), filed())), "1h", "5m"),
            // the incident as a whole
            example(RejectionReason.INCIDENT_NOT_REQUESTED, "request-comes-first", "a match before any request",
                    () -> given().when(matched()), "MsspMatched", "enisa", Envelopes.INCIDENT),
            example(RejectionReason.INCIDENT_WITHDRAWN, "withdrawn-incident-is-final", "a match after the withdrawal",
                    () -> given(filed(), by(DE_NCA, withdrawal())).when(matched()), "MsspMatched", "de-bsi withdrew"),
            example(RejectionReason.INCIDENT_CLOSED, "closed-incident-takes-only-review", "a situation report after closure",
                    () -> given(filed(), matched(), by(DE_NCA, closure())).when(by(MSSP, report("r-1"))), "SituationReported", "mssp-nordwind"),
            // the request
            example(RejectionReason.DUPLICATE_REQUEST, "request-comes-once", "a second request",
                    () -> given(filed()).when(by(FR_NCA, request(FR_NCA))), "fr-anssi", "de-bsi"),
            example(RejectionReason.ROLE_NOT_PERMITTED, "request-by-national-authority", "a request by a CSIRT",
                    () -> given().when(by(DE_CSIRT, request(DE_CSIRT))), "de-certbund", "CSIRT"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "member-states-file-for-themselves", "France's NCA filing for Germany",
                    () -> given().when(by(FR_NCA, request("fr-anssi", "DE"))), "fr-anssi", "DE", "FR"),
            // the match
            example(RejectionReason.ROLE_NOT_PERMITTED, "match-comes-from-enisa", "a match by the requesting NCA",
                    () -> given(filed()).when(by(DE_NCA, match("mssp-nordwind", ConflictOfInterestResult.PASSED))), "mssp-nordwind", "de-bsi"),
            example(RejectionReason.CONFLICT_CHECK_NOT_PASSED, "match-needs-passed-conflict-check", "a match with a failed check",
                    () -> given(filed()).when(by(ENISA, match("mssp-nordwind", ConflictOfInterestResult.FAILED))), "mssp-nordwind", "FAILED"),
            example(RejectionReason.ALREADY_MATCHED, "match-comes-once", "a second match",
                    () -> given(filed(), matched()).when(by(ENISA, match("mssp-x", ConflictOfInterestResult.PASSED))), "mssp-x", "mssp-nordwind"),
            // deployments
            example(RejectionReason.NOT_MATCHED, "deployment-needs-match", "a deployment before the match",
                    () -> given(filed()).when(by(MSSP, remote("dep-1"))), "dep-1", "mssp-nordwind"),
            example(RejectionReason.NOT_MATCHED_MSSP, "deployment-by-matched-mssp", "a deployment by another MSSP",
                    () -> given(filed(), matched()).when(by(OTHER_MSSP, remote("dep-1", "mssp-x"))),
                    "deployment dep-1 by mssp-x refused: the incident's matched MSSP is mssp-nordwind"),
            example(RejectionReason.DUPLICATE_DEPLOYMENT, "deployment-ids-are-unique", "a deployment id used twice",
                    () -> given(filed(), matched(), by(MSSP, remote("dep-1"))).when(by(MSSP, remote("dep-1"))), "dep-1", "still running"),
            example(RejectionReason.UNKNOWN_DEPLOYMENT, "only-running-deployments-end", "the end of a deployment that never started",
                    () -> given(filed(), matched()).when(by(MSSP, ended("dep-9"))), "dep-9", "no deployment"),
            // phases
            example(RejectionReason.NOT_MATCHED, "phase-needs-match", "a phase change before the match",
                    () -> given(filed()).when(by(DE_NCA, phase(Phase.INVESTIGATION))), "INVESTIGATION", "de-bsi"),
            example(RejectionReason.ROLE_NOT_PERMITTED, "phase-set-by-mssp-enisa-or-requester", "a phase change by another MSSP",
                    () -> given(filed(), matched()).when(by(OTHER_MSSP, phase(Phase.INVESTIGATION))), "mssp-x", "mssp-nordwind", "de-bsi"),
            example(RejectionReason.PHASE_NOT_FORWARD, "phases-move-forward", "back from investigation to initial response",
                    () -> given(filed(), matched(), by(MSSP, phase(Phase.INVESTIGATION))).when(by(MSSP, phase(Phase.INITIAL_RESPONSE))),
                    "INVESTIGATION", "INITIAL_RESPONSE"),
            // participants
            example(RejectionReason.ROLE_NOT_PERMITTED, "joining-by-self-enisa-or-requester", "the matched MSSP joining someone else",
                    () -> given(filed(), matched()).when(by(MSSP, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))),
                    "at-certat", "mssp-nordwind", "de-bsi"),
            example(RejectionReason.ALREADY_PARTICIPANT, "participants-join-once", "joining twice",
                    () -> given(filed(), by(AT_CSIRT, joining(AT_CSIRT, ParticipantRole.CSIRT)))
                            .when(by(ENISA, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))), "at-certat", "CSIRT"),
            // situation reports
            example(RejectionReason.NOT_A_PARTICIPANT, "reports-by-participants", "a report by an organisation that did not join",
                    () -> given(filed(), matched()).when(by(AT_CSIRT, report("r-1"))), "r-1", "at-certat"),
            example(RejectionReason.DUPLICATE_REPORT, "report-ids-are-unique", "a report id used twice",
                    () -> given(filed(), matched(), by(MSSP, report("r-1"))).when(by(DE_NCA, report("r-1"))), "r-1", "de-bsi"),
            example(RejectionReason.NOT_A_PARTICIPANT, "acknowledgements-by-participants", "an acknowledgement by an outsider",
                    () -> given(filed(), matched(), by(MSSP, report("r-1"))).when(by(FR_NCA, acknowledgement("r-1"))), "r-1", "fr-anssi"),
            example(RejectionReason.UNKNOWN_REPORT, "acknowledge-known-reports", "an acknowledgement of a report never filed",
                    () -> given(filed(), matched()).when(by(DE_NCA, acknowledgement("r-9"))), "r-9", "de-bsi"),
            // mutual assistance
            example(RejectionReason.ROLE_NOT_PERMITTED, "mutual-assistance-between-authorities", "an affected entity asking other states",
                    () -> given(filed(), by(DE_HOSPITAL, joining(DE_HOSPITAL, ParticipantRole.AFFECTED_ENTITY)))
                            .when(by(DE_HOSPITAL, assistanceAsked("ma-1", "AT"))), "ma-1", "de-klinikum-nord", "AFFECTED_ENTITY"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "assistance-requested-by-requesting-member-state", "Austria asking on Germany's incident",
                    () -> given(filed(), by(AT_CSIRT, joining(AT_CSIRT, ParticipantRole.CSIRT))).when(by(AT_CSIRT, assistanceAsked("ma-1", "FR"))),
                    "ma-1", "at-certat", "AT", "DE"),
            example(RejectionReason.NOT_A_PARTICIPANT, "assistance-requested-by-participant", "a German CSIRT that did not join",
                    () -> given(filed()).when(by(DE_CSIRT, assistanceAsked("ma-1", "AT"))), "ma-1", "de-certbund"),
            example(RejectionReason.DUPLICATE_ASSISTANCE_REQUEST, "assistance-request-ids-are-unique", "a request id used twice",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT"))).when(by(DE_NCA, assistanceAsked("ma-1", "FR"))), "ma-1"),
            example(RejectionReason.UNKNOWN_ASSISTANCE_REQUEST, "offers-answer-known-requests", "an offer to a request never made",
                    () -> given(filed()).when(by(AT_CSIRT, offer("ma-9", "o-at", "AT"))), "o-at", "ma-9"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "member-states-offer-for-themselves", "Austria offering France's help",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT", "FR"))).when(by(AT_CSIRT, offer("ma-1", "o-fr", "FR"))),
                    "o-fr", "at-certat", "FR", "AT"),
            example(RejectionReason.NOT_ASKED, "offers-from-asked-member-states", "France offering when only Austria was asked",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT"))).when(by(FR_NCA, offer("ma-1", "o-fr", "FR"))),
                    "o-fr", "ma-1", "AT", "FR"),
            example(RejectionReason.DUPLICATE_OFFER, "offer-ids-are-unique", "an offer id used twice",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1")), by(AT_CSIRT, offer("ma-1", "o-1", "AT")))
                            .when(by(FR_NCA, offer("ma-1", "o-1", "FR"))), "o-1", "fr-anssi"),
            example(RejectionReason.UNKNOWN_OFFER, "offer-must-exist", "a decision on an offer never made",
                    () -> given(filed()).when(by(DE_NCA, decision("o-9", OfferDecision.ACCEPTED))), "o-9", "de-bsi"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "offers-decided-by-requesting-member-state", "Austria accepting its own offer",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT")), by(AT_CSIRT, offer("ma-1", "o-at", "AT")))
                            .when(by(AT_CSIRT, decision("o-at", OfferDecision.ACCEPTED))), "o-at", "at-certat", "AT", "DE"),
            example(RejectionReason.OFFER_ALREADY_DECIDED, "offers-decided-once", "declining an accepted offer",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT")), by(AT_CSIRT, offer("ma-1", "o-at", "AT")),
                            by(DE_NCA, decision("o-at", OfferDecision.ACCEPTED))).when(by(DE_NCA, decision("o-at", OfferDecision.DECLINED))),
                    "o-at", "ACCEPTED"),
            example(RejectionReason.OFFER_NOT_ACCEPTED, "only-accepted-offers-fulfilled", "fulfilling an undecided offer",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT")), by(AT_CSIRT, offer("ma-1", "o-at", "AT")))
                            .when(by(AT_CSIRT, fulfilment("o-at"))), "o-at", "not been accepted"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "fulfilment-by-offering-member-state", "Germany reporting Austria's offer fulfilled",
                    () -> given(filed(), by(DE_NCA, assistanceAsked("ma-1", "AT")), by(AT_CSIRT, offer("ma-1", "o-at", "AT")),
                            by(DE_NCA, decision("o-at", OfferDecision.ACCEPTED))).when(by(DE_NCA, fulfilment("o-at"))), "o-at", "AT", "DE"),
            // classification, withdrawal, closure, review
            example(RejectionReason.ROLE_NOT_PERMITTED, "reclassified-by-enisa-or-requester", "the MSSP reclassifying",
                    () -> given(filed(), matched()).when(by(MSSP, reclassification(Classification.LARGE_SCALE))), "mssp-nordwind", "de-bsi"),
            example(RejectionReason.CLASSIFICATION_UNCHANGED, "reclassification-changes-class", "significant to significant",
                    () -> given(filed()).when(by(DE_NCA, reclassification(Classification.SIGNIFICANT))), "SIGNIFICANT"),
            example(RejectionReason.NOT_OWN_MEMBER_STATE, "withdrawn-by-requesting-authority", "ENISA withdrawing Germany's request",
                    () -> given(filed()).when(by(ENISA, withdrawal())), "enisa", "de-bsi", "DE"),
            example(RejectionReason.ROLE_NOT_PERMITTED, "closed-by-enisa-or-requester", "the Commission closing",
                    () -> given(filed(), by(COMMISSION, joining(COMMISSION, ParticipantRole.COMMISSION))).when(by(COMMISSION, closure())),
                    "ec-dg-cnect", "de-bsi"),
            example(RejectionReason.INCIDENT_NOT_CLOSED, "review-after-closure", "a review of an open incident",
                    () -> given(filed(), matched()).when(by(ENISA, review())), "enisa", "not closed"),
            example(RejectionReason.ROLE_NOT_PERMITTED, "review-by-enisa", "a review by the requesting NCA",
                    () -> given(filed(), by(DE_NCA, closure())).when(by(DE_NCA, review())), "de-bsi", "NCA", "ENISA"),
            example(RejectionReason.REVIEW_ALREADY_FILED, "review-comes-once", "a second review",
                    () -> given(filed(), by(DE_NCA, closure()), by(ENISA, review())).when(by(ENISA, review())), "enisa", "already filed"));

    @TestFactory
    Stream<DynamicTest> every_rule_refuses_its_example_with_its_reason_and_a_message_naming_the_ids() {
        return EXAMPLES.stream().map(example -> DynamicTest.dynamicTest(
                example.ruleId() + " (" + example.reason() + "): " + example.situation(),
                () -> example.submission().get().thenRejected(example.reason(), example.ruleId())
                        .contains(example.named())));
    }

    @Test
    void every_rule_has_exactly_one_example() {
        assertThat(EXAMPLES.stream().map(Example::ruleId))
                .containsExactlyElementsOf(Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toList()));
    }

    @Test
    void every_reason_a_submission_can_earn_is_raised_by_a_rule_and_tested() {
        Set<RejectionReason> earnable = EnumSet.allOf(RejectionReason.class);
        // UNDECODABLE is the processor's (bytes that never became an event); UNSPECIFIED is what old readers see for new codes.
        earnable.removeAll(EnumSet.of(RejectionReason.UNSPECIFIED, RejectionReason.UNDECODABLE));
        assertThat(EXAMPLES.stream().map(Example::reason).collect(Collectors.toSet())).containsAll(earnable);
        assertThat(Arrays.stream(Rule.values()).map(Rule::reason).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(earnable);
    }

    @Test
    void rule_ids_are_unique_kebab_case() {
        assertThat(Arrays.stream(Rule.values()).map(Rule::id))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"), "kebab-case");
        assertThat(Arrays.stream(Rule.values()).map(Rule::description)).allMatch(d -> !d.isBlank() && d.endsWith("."));
    }

    @Test
    void the_lifecycle_rules_document_lists_exactly_these_rules_in_this_order() throws IOException {
        Path doc = Path.of(System.getProperty("muster.lifecycle-rules-doc", "../../docs/lifecycle-rules.md"));
        Pattern row = Pattern.compile("^\\| *`([a-z-]+)` *\\| *`([A-Z_]+)` *\\|.*");
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                documented.add(matcher.group(1) + " " + matcher.group(2));
            }
        }
        assertThat(documented).as("rule rows of %s", doc)
                .containsExactlyElementsOf(Arrays.stream(Rule.values()).map(rule -> rule.id() + " " + rule.reason()).collect(Collectors.toList()));
    }
}
