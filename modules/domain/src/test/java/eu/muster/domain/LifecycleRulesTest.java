package eu.muster.domain;

import static eu.muster.domain.Envelopes.AT_CSIRT;
import static eu.muster.domain.Envelopes.COMMISSION;
import static eu.muster.domain.Envelopes.DE_CSIRT;
import static eu.muster.domain.Envelopes.DE_NCA;
import static eu.muster.domain.Envelopes.ENISA;
import static eu.muster.domain.Envelopes.FR_NCA;
import static eu.muster.domain.Envelopes.FR_SPOC;
import static eu.muster.domain.Envelopes.MSSP;
import static eu.muster.domain.Envelopes.OTHER_MSSP;
import static eu.muster.domain.Envelopes.acknowledgement;
import static eu.muster.domain.Envelopes.assistanceAsked;
import static eu.muster.domain.Envelopes.by;
import static eu.muster.domain.Envelopes.closure;
import static eu.muster.domain.Envelopes.decision;
import static eu.muster.domain.Envelopes.ended;
import static eu.muster.domain.Envelopes.filed;
import static eu.muster.domain.Envelopes.filedAndMatched;
import static eu.muster.domain.Envelopes.fulfilment;
import static eu.muster.domain.Envelopes.joining;
import static eu.muster.domain.Envelopes.match;
import static eu.muster.domain.Envelopes.matched;
import static eu.muster.domain.Envelopes.offer;
import static eu.muster.domain.Envelopes.onSite;
import static eu.muster.domain.Envelopes.phase;
import static eu.muster.domain.Envelopes.reclassification;
import static eu.muster.domain.Envelopes.remote;
import static eu.muster.domain.Envelopes.report;
import static eu.muster.domain.Envelopes.request;
import static eu.muster.domain.Envelopes.review;
import static eu.muster.domain.Envelopes.withdrawal;
import static eu.muster.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.Pap;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.Tlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle rules, payload by payload: the accepted path of each, and the cases around a rule
 * that one example cannot show (the order of checks, implicit participants, the step back). One
 * refused example of every rule is in {@link RuleCatalogueTest}.
 */
class LifecycleRulesTest {

    @Nested
    class Request {

        @Test
        void an_nca_files_for_its_own_member_state() {
            given().when(filed()).thenAccepted();
        }

        @Test
        void a_single_point_of_contact_files_for_its_own_member_state() {
            given().when(by(FR_SPOC, request(FR_SPOC))).thenAccepted();
        }

        @Test
        void opens_the_incident_with_its_authority_member_state_and_class() {
            IncidentState state = given(filed()).state();
            assertThat(state.requestingAuthority()).isEqualTo("de-bsi");
            assertThat(state.requestingMemberState()).isEqualTo("DE");
            assertThat(state.classification()).isEqualTo(Classification.SIGNIFICANT);
            assertThat(state.matchedMssp()).isNull();
        }

        @Test
        void an_authority_files_only_in_its_own_name() {
            given().when(by(DE_NCA, request("de-other-authority", "DE")))
                    .thenRejected(RejectionReason.NOT_OWN_MEMBER_STATE, "member-states-file-for-themselves")
                    .contains("de-other-authority", "own name");
        }

        @Test
        void a_duplicate_is_refused_before_the_producer_is_judged() {
            given(filed()).when(by(AT_CSIRT, request(AT_CSIRT)))
                    .thenRejected(RejectionReason.DUPLICATE_REQUEST, "request-comes-once");
        }
    }

    @Nested
    class Match {

        @Test
        void enisa_matches_after_a_passed_check_and_the_engagement_starts() {
            given(filed()).when(matched()).thenAccepted();
            IncidentState state = given(filed(), matched()).state();
            assertThat(state.matchedMssp()).isEqualTo("mssp-nordwind");
            assertThat(state.phase()).isEqualTo(Phase.INITIAL_RESPONSE);
        }

        @Test
        void the_producer_is_judged_before_the_check() {
            given(filed()).when(by(DE_NCA, match("mssp-nordwind", ConflictOfInterestResult.FAILED)))
                    .thenRejected(RejectionReason.ROLE_NOT_PERMITTED, "match-comes-from-enisa");
        }
    }

    @Nested
    class Deployments {

        @Test
        void the_matched_mssp_starts_remote_support() {
            given(filedAndMatched()).when(by(MSSP, remote("dep-remote-1"))).thenAccepted();
        }

        @Test
        void the_matched_mssp_goes_on_site() {
            given(filedAndMatched()).when(by(MSSP, onSite("dep-onsite-1"))).thenAccepted();
        }

        @Test
        void the_matched_mssp_cannot_deploy_another_providers_team() {
            given(filedAndMatched()).when(by(MSSP, remote("dep-1", "mssp-x")))
                    .thenRejected(RejectionReason.NOT_MATCHED_MSSP, "deployment-by-matched-mssp")
                    .isEqualTo("deployment dep-1 by mssp-nordwind for mssp-x refused: the incident's matched MSSP is mssp-nordwind");
        }

        @Test
        void the_matched_mssp_ends_its_deployment() {
            given(filed(), matched(), by(MSSP, remote("dep-1"))).when(by(MSSP, ended("dep-1"))).thenAccepted();
        }

        @Test
        void a_deployment_ends_once() {
            given(filed(), matched(), by(MSSP, remote("dep-1")), by(MSSP, ended("dep-1"))).when(by(MSSP, ended("dep-1")))
                    .thenRejected(RejectionReason.UNKNOWN_DEPLOYMENT, "only-running-deployments-end")
                    .isEqualTo("end of deployment dep-1 refused: that deployment has already ended");
        }

        @Test
        void an_ended_deployments_id_is_not_used_again_but_a_new_one_is_fine() {
            Scenario afterFirst = given(filed(), matched(), by(MSSP, remote("dep-1")), by(MSSP, ended("dep-1")));
            afterFirst.when(by(MSSP, onSite("dep-1")))
                    .thenRejected(RejectionReason.DUPLICATE_DEPLOYMENT, "deployment-ids-are-unique")
                    .contains("dep-1", "has ended");
            afterFirst.when(by(MSSP, onSite("dep-2"))).thenAccepted();
        }

        @Test
        void an_unknown_deployment_is_named_before_the_producer_is_judged() {
            given(filedAndMatched()).when(by(OTHER_MSSP, ended("dep-9")))
                    .thenRejected(RejectionReason.UNKNOWN_DEPLOYMENT, "only-running-deployments-end");
            given(filed(), matched(), by(MSSP, remote("dep-1"))).when(by(OTHER_MSSP, ended("dep-1")))
                    .thenRejected(RejectionReason.NOT_MATCHED_MSSP, "deployment-by-matched-mssp")
                    .isEqualTo("end of deployment dep-1 by mssp-x refused: the deployment is the matched MSSP's, mssp-nordwind");
        }

        @Test
        void several_deployments_run_at_once() {
            IncidentState state = given(filed(), matched(), by(MSSP, remote("dep-1")), by(MSSP, onSite("dep-2"))).state();
            assertThat(state.runningDeployments()).containsExactly("dep-1", "dep-2");
        }
    }

    @Nested
    class Phases {

        @Test
        void the_matched_mssp_moves_the_engagement_forward() {
            given(filedAndMatched()).when(by(MSSP, phase(Phase.INVESTIGATION))).thenAccepted();
        }

        @Test
        void the_requesting_authority_may_skip_ahead() {
            given(filedAndMatched()).when(by(DE_NCA, phase(Phase.CONTAINMENT_RECOVERY))).thenAccepted();
        }

        @Test
        void enisa_moves_the_phase_too() {
            given(filedAndMatched()).when(by(ENISA, phase(Phase.INVESTIGATION))).thenAccepted();
        }

        @Test
        void the_documented_step_back_from_containment_to_investigation_is_accepted() {
            Scenario inContainment = given(filed(), matched(), by(MSSP, phase(Phase.CONTAINMENT_RECOVERY)));
            inContainment.when(by(MSSP, phase(Phase.INVESTIGATION))).thenAccepted();
        }

        @Test
        void after_the_step_back_the_engagement_moves_forward_again() {
            given(filed(), matched(), by(MSSP, phase(Phase.CONTAINMENT_RECOVERY)), by(MSSP, phase(Phase.INVESTIGATION)))
                    .when(by(MSSP, phase(Phase.CONTAINMENT_RECOVERY))).thenAccepted();
        }

        @Test
        void the_same_phase_again_is_not_forward() {
            given(filed(), matched(), by(MSSP, phase(Phase.INVESTIGATION))).when(by(MSSP, phase(Phase.INVESTIGATION)))
                    .thenRejected(RejectionReason.PHASE_NOT_FORWARD, "phases-move-forward")
                    .startsWith("phase change by mssp-nordwind refused: the engagement is in INVESTIGATION already");
        }

        @Test
        void initial_response_does_not_return() {
            given(filed(), matched(), by(MSSP, phase(Phase.INVESTIGATION))).when(by(MSSP, phase(Phase.INITIAL_RESPONSE)))
                    .thenRejected(RejectionReason.PHASE_NOT_FORWARD, "phases-move-forward");
            given(filed(), matched(), by(MSSP, phase(Phase.CONTAINMENT_RECOVERY))).when(by(MSSP, phase(Phase.INITIAL_RESPONSE)))
                    .thenRejected(RejectionReason.PHASE_NOT_FORWARD, "phases-move-forward")
                    .contains("cannot go back to INITIAL_RESPONSE");
        }

        @Test
        void a_participant_who_does_not_lead_the_engagement_does_not_change_the_phase() {
            given(filed(), matched(), by(ENISA, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE)))
                    .when(by(AT_CSIRT, phase(Phase.INVESTIGATION)))
                    .thenRejected(RejectionReason.ROLE_NOT_PERMITTED, "phase-set-by-mssp-enisa-or-requester");
        }
    }

    @Nested
    class Participants {

        @Test
        void an_organisation_joins_by_itself() {
            given(filedAndMatched()).when(by(AT_CSIRT, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))).thenAccepted();
        }

        @Test
        void enisa_or_the_requesting_authority_joins_others() {
            given(filedAndMatched()).when(by(ENISA, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))).thenAccepted();
            given(filedAndMatched()).when(by(DE_NCA, joining(DE_CSIRT, ParticipantRole.CSIRT))).thenAccepted();
        }

        @Test
        void the_requesting_authority_takes_part_without_joining() {
            given(filed()).when(by(DE_NCA, joining(DE_NCA, ParticipantRole.NCA)))
                    .thenRejected(RejectionReason.ALREADY_PARTICIPANT, "participants-join-once")
                    .contains("as its requesting authority");
        }

        @Test
        void the_matched_mssp_and_enisa_take_part_from_the_match() {
            given(filed()).when(by(ENISA, joining(ENISA, ParticipantRole.ENISA))).thenAccepted();
            given(filedAndMatched()).when(by(ENISA, joining(ENISA, ParticipantRole.ENISA)))
                    .thenRejected(RejectionReason.ALREADY_PARTICIPANT, "participants-join-once")
                    .contains("as ENISA, since the match");
            given(filedAndMatched()).when(by(MSSP, joining(MSSP, ParticipantRole.MSSP)))
                    .thenRejected(RejectionReason.ALREADY_PARTICIPANT, "participants-join-once")
                    .contains("as its matched MSSP");
        }

        @Test
        void an_eu_body_joins_by_itself() {
            given(filed()).when(by(COMMISSION, joining(COMMISSION, ParticipantRole.COMMISSION))).thenAccepted();
        }

        @Test
        void joining_is_recorded_with_role_and_member_state() {
            IncidentState state = given(filed(), matched(), by(ENISA, joining(AT_CSIRT, ParticipantRole.ASSISTING_MEMBER_STATE))).state();
            assertThat(state.participants()).containsEntry("at-certat",
                    new IncidentState.Participant(ParticipantRole.ASSISTING_MEMBER_STATE, "AT"));
        }
    }

    @Nested
    class SituationReports {

        @Test
        void the_matched_mssp_reports() {
            given(filedAndMatched()).when(by(MSSP, report("r-1"))).thenAccepted();
        }

        @Test
        void the_requesting_authority_and_joined_participants_report() {
            given(filed()).when(by(DE_NCA, report("r-1"))).thenAccepted();
            given(filed(), by(AT_CSIRT, joining(AT_CSIRT, ParticipantRole.CSIRT))).when(by(AT_CSIRT, report("r-1"))).thenAccepted();
        }

        @Test
        void enisa_takes_part_only_from_the_match_unless_it_joined() {
            given(filed()).when(by(ENISA, report("r-1")))
                    .thenRejected(RejectionReason.NOT_A_PARTICIPANT, "reports-by-participants");
            given(filedAndMatched()).when(by(ENISA, report("r-1"))).thenAccepted();
        }

        @Test
        void a_participant_acknowledges_a_report() {
            given(filed(), matched(), by(MSSP, report("r-1"))).when(by(DE_NCA, acknowledgement("r-1"))).thenAccepted();
        }

        @Test
        void acknowledging_again_is_harmless() {
            given(filed(), matched(), by(MSSP, report("r-1")), by(DE_NCA, acknowledgement("r-1")))
                    .when(by(DE_NCA, acknowledgement("r-1"))).thenAccepted();
        }
    }

    @Nested
    class MutualAssistance {

        private IncidentEvent[] askedAustriaAndFrance() {
            return with(filedAndMatched(), by(DE_NCA, assistanceAsked("ma-1", "AT", "FR")));
        }

        @Test
        void the_requesting_authority_asks_named_member_states() {
            given(filedAndMatched()).when(by(DE_NCA, assistanceAsked("ma-1", "AT", "FR"))).thenAccepted();
        }

        @Test
        void another_authority_of_the_requesting_member_state_asks_once_it_takes_part() {
            given(filedAndMatched()).when(by(DE_CSIRT, assistanceAsked("ma-1")))
                    .thenRejected(RejectionReason.NOT_A_PARTICIPANT, "assistance-requested-by-participant")
                    .contains("de-certbund", "join first");
            given(filed(), matched(), by(DE_CSIRT, joining(DE_CSIRT, ParticipantRole.CSIRT)))
                    .when(by(DE_CSIRT, assistanceAsked("ma-1"))).thenAccepted();
        }

        @Test
        void a_participant_of_another_member_state_does_not_ask_for_the_requesting_one() {
            given(filed(), matched(), by(FR_NCA, joining(FR_NCA, ParticipantRole.NCA))).when(by(FR_NCA, assistanceAsked("ma-1")))
                    .thenRejected(RejectionReason.NOT_OWN_MEMBER_STATE, "assistance-requested-by-requesting-member-state")
                    .contains("fr-anssi is from FR", "requesting member state DE");
        }

        @Test
        void an_asked_member_state_offers_without_having_joined() {
            given(askedAustriaAndFrance()).when(by(AT_CSIRT, offer("ma-1", "o-at", "AT"))).thenAccepted();
        }

        @Test
        void a_request_of_no_one_in_particular_asks_every_other_member_state() {
            given(filed(), matched(), by(DE_NCA, assistanceAsked("ma-all"))).when(by(FR_NCA, offer("ma-all", "o-fr", "FR"))).thenAccepted();
        }

        @Test
        void the_requesting_member_state_does_not_offer_to_itself() {
            given(filed(), matched(), by(DE_NCA, assistanceAsked("ma-all"))).when(by(DE_CSIRT, offer("ma-all", "o-de", "DE")))
                    .thenRejected(RejectionReason.NOT_ASKED, "offers-from-asked-member-states")
                    .contains("DE is the requesting member state");
        }

        @Test
        void the_requesting_member_state_accepts_or_declines_an_offer() {
            IncidentEvent[] offered = with(askedAustriaAndFrance(), by(AT_CSIRT, offer("ma-1", "o-at", "AT")));
            given(offered).when(by(DE_NCA, decision("o-at", OfferDecision.ACCEPTED))).thenAccepted();
            given(offered).when(by(DE_NCA, decision("o-at", OfferDecision.DECLINED))).thenAccepted();
        }

        @Test
        void the_offering_member_state_reports_an_accepted_offer_fulfilled_in_as_many_parts_as_it_takes() {
            IncidentEvent[] accepted = with(askedAustriaAndFrance(), by(AT_CSIRT, offer("ma-1", "o-at", "AT")),
                    by(DE_NCA, decision("o-at", OfferDecision.ACCEPTED)));
            given(accepted).when(by(AT_CSIRT, fulfilment("o-at"))).thenAccepted();
            given(with(accepted, by(AT_CSIRT, fulfilment("o-at")))).when(by(AT_CSIRT, fulfilment("o-at"))).thenAccepted();
        }

        @Test
        void a_declined_offer_is_not_fulfilled() {
            given(with(askedAustriaAndFrance(), by(AT_CSIRT, offer("ma-1", "o-at", "AT")), by(DE_NCA, decision("o-at", OfferDecision.DECLINED))))
                    .when(by(AT_CSIRT, fulfilment("o-at")))
                    .thenRejected(RejectionReason.OFFER_NOT_ACCEPTED, "only-accepted-offers-fulfilled")
                    .contains("was DECLINED");
        }

        @Test
        void an_offer_is_looked_up_before_its_producer_is_judged() {
            IncidentEvent[] offered = with(askedAustriaAndFrance(), by(AT_CSIRT, offer("ma-1", "o-at", "AT")));
            given(offered).when(by(FR_NCA, fulfilment("o-at")))
                    .thenRejected(RejectionReason.OFFER_NOT_ACCEPTED, "only-accepted-offers-fulfilled");
            given(offered).when(by(MSSP, decision("o-9", OfferDecision.ACCEPTED)))
                    .thenRejected(RejectionReason.UNKNOWN_OFFER, "offer-must-exist");
        }

        @Test
        void the_offer_keeps_what_became_of_it() {
            IncidentState state = given(with(askedAustriaAndFrance(), by(AT_CSIRT, offer("ma-1", "o-at", "AT")),
                    by(DE_NCA, decision("o-at", OfferDecision.ACCEPTED)), by(AT_CSIRT, fulfilment("o-at")))).state();
            assertThat(state.offers()).containsEntry("o-at", new IncidentState.Offer("ma-1", "AT", OfferDecision.ACCEPTED, true));
            assertThat(state.assistanceRequests()).containsEntry("ma-1", new IncidentState.AssistanceRequest(List.of("AT", "FR")));
        }

        @Test
        void providers_and_affected_entities_are_not_member_state_authorities() {
            given(filed(), matched(), by(Envelopes.DE_HOSPITAL, joining(Envelopes.DE_HOSPITAL, ParticipantRole.AFFECTED_ENTITY)))
                    .when(by(Envelopes.DE_HOSPITAL, assistanceAsked("ma-1")))
                    .thenRejected(RejectionReason.ROLE_NOT_PERMITTED, "mutual-assistance-between-authorities")
                    .contains("de-klinikum-nord is AFFECTED_ENTITY");
            given(filed(), matched(), by(DE_NCA, assistanceAsked("ma-1"))).when(by(MSSP, offer("ma-1", "o-nl", "NL")))
                    .thenRejected(RejectionReason.ROLE_NOT_PERMITTED, "mutual-assistance-between-authorities");
        }
    }

    @Nested
    class Reclassification {

        @Test
        void the_requesting_authority_or_enisa_reclassifies() {
            given(filed()).when(by(DE_NCA, reclassification(Classification.LARGE_SCALE))).thenAccepted();
            given(filed()).when(by(ENISA, reclassification(Classification.LARGE_SCALE))).thenAccepted();
        }

        @Test
        void a_large_scale_incident_may_become_significant_again() {
            given(filed(), by(ENISA, reclassification(Classification.LARGE_SCALE)))
                    .when(by(DE_NCA, reclassification(Classification.SIGNIFICANT))).thenAccepted();
        }
    }

    @Nested
    class WithdrawalAndClosure {

        @Test
        void the_requesting_authority_withdraws_even_after_the_match() {
            given(filedAndMatched()).when(by(DE_NCA, withdrawal())).thenAccepted();
        }

        @Test
        void a_withdrawn_incident_takes_nothing_more_not_even_a_request_or_review() {
            Scenario withdrawn = given(filed(), by(DE_NCA, withdrawal()));
            for (IncidentEvent event : List.of(by(DE_NCA, request(DE_NCA)), by(ENISA, match("mssp-nordwind", ConflictOfInterestResult.PASSED)),
                    by(DE_NCA, report("r-1")), by(DE_NCA, closure()), by(ENISA, review()), by(DE_NCA, withdrawal()))) {
                withdrawn.when(event).thenRejected(RejectionReason.INCIDENT_WITHDRAWN, "withdrawn-incident-is-final").contains("de-bsi withdrew");
            }
        }

        @Test
        void the_requesting_authority_or_enisa_closes() {
            given(filedAndMatched()).when(by(DE_NCA, closure())).thenAccepted();
            given(filedAndMatched()).when(by(ENISA, closure())).thenAccepted();
        }

        @Test
        void a_closed_incident_takes_only_the_review() {
            Scenario closed = given(filed(), matched(), by(MSSP, remote("dep-1")), by(DE_NCA, closure()));
            for (IncidentEvent event : List.of(by(MSSP, ended("dep-1")), by(MSSP, report("r-1")), by(DE_NCA, withdrawal()),
                    by(ENISA, closure()), by(DE_NCA, reclassification(Classification.LARGE_SCALE)))) {
                closed.when(event).thenRejected(RejectionReason.INCIDENT_CLOSED, "closed-incident-takes-only-review");
            }
            closed.when(by(ENISA, review())).thenAccepted();
        }

        @Test
        void after_the_review_the_incident_is_done() {
            Scenario reviewed = given(filed(), matched(), by(DE_NCA, closure()), by(ENISA, review()));
            reviewed.when(by(ENISA, review())).thenRejected(RejectionReason.REVIEW_ALREADY_FILED, "review-comes-once");
            reviewed.when(by(MSSP, report("r-late"))).thenRejected(RejectionReason.INCIDENT_CLOSED, "closed-incident-takes-only-review");
        }
    }

    @Nested
    class UnknownPayloads {

        @Test
        void the_rules_refuse_a_payload_they_do_not_know_rather_than_accept_it_unjudged() {
            IncidentEvent strange = new IncidentEvent(filed().getEventId(), Envelopes.INCIDENT, Envelopes.START, DE_NCA, Tlp.AMBER, Pap.AMBER,
                    Integer.valueOf(42));
            Decision decision = LifecycleRules.decide(given(filed()).state(), strange);
            assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class, rejected -> {
                assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_FIELD);
                assertThat(rejected.rule()).isEqualTo(Rule.WELL_FORMED_SUBMISSION);
                assertThat(rejected.message()).endsWith("got java.lang.Integer");
            });
            assertThat(LifecycleRules.decide(IncidentState.none(), strange)).isInstanceOf(Decision.Rejected.class)
                    .extracting(d -> ((Decision.Rejected) d).rule()).isEqualTo(Rule.WELL_FORMED_SUBMISSION);
        }

        @Test
        void the_state_does_not_fold_a_payload_it_does_not_know() {
            IncidentEvent strange = new IncidentEvent(filed().getEventId(), Envelopes.INCIDENT, Envelopes.START, DE_NCA, Tlp.AMBER, Pap.AMBER,
                    "no payload");
            assertThatThrownBy(() -> IncidentState.none().apply(strange))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Envelopes.INCIDENT).hasMessageContaining("got java.lang.String");
        }
    }

    @Test
    void a_rejection_carries_reason_rule_and_message() {
        assertThatThrownBy(() -> new Decision.Rejected(null, Rule.REQUEST_COMES_FIRST, "m")).isInstanceOf(NullPointerException.class);
        assertThat(Rule.REQUEST_COMES_FIRST.refuse("why")).isEqualTo(
                new Decision.Rejected(RejectionReason.INCIDENT_NOT_REQUESTED, Rule.REQUEST_COMES_FIRST, "why"));
        assertThat(Decision.accept()).isEqualTo(new Decision.Accepted());
    }

    @Test
    void deciding_has_no_side_effect_on_the_state() {
        IncidentState before = given(filedAndMatched()).state();
        LifecycleRules.decide(before, by(MSSP, remote("dep-1")));
        assertThat(before).isEqualTo(given(filedAndMatched()).state());
        assertThat(before.runningDeployments()).isEmpty();
    }

    private static IncidentEvent[] with(IncidentEvent[] first, IncidentEvent... more) {
        List<IncidentEvent> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray(IncidentEvent[]::new);
    }
}
