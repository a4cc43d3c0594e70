package eu.muster.domain;

import static eu.muster.domain.Envelopes.AT_CSIRT;
import static eu.muster.domain.Envelopes.DE_NCA;
import static eu.muster.domain.Envelopes.ENISA;
import static eu.muster.domain.Envelopes.FR_NCA;
import static eu.muster.domain.Envelopes.MSSP;
import static eu.muster.domain.Envelopes.at;
import static eu.muster.domain.Envelopes.by;
import static eu.muster.domain.Envelopes.filed;
import static eu.muster.domain.Envelopes.filedAndMatched;
import static eu.muster.domain.Envelopes.joining;
import static eu.muster.domain.Envelopes.organisation;
import static eu.muster.domain.Envelopes.report;
import static eu.muster.domain.Envelopes.request;
import static eu.muster.domain.Scenario.NOW;
import static eu.muster.domain.Scenario.SKEW;
import static eu.muster.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentLocation;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.MutualAssistanceOffered;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.Pap;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.Sector;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.Tlp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks that need no incident state: identity, well-formedness, the clock. */
class SubmissionCheckTest {

    @Test
    void an_honest_submission_goes_on_to_the_lifecycle_rules() {
        IncidentEvent event = filed();
        assertThat(SubmissionCheck.check(event, "de-bsi", Optional.of(DE_NCA), NOW, SKEW)).isEmpty();
    }

    @Nested
    class Identity {

        @Test
        void a_topic_owner_missing_from_the_directory_is_refused() {
            given().when(filed()).onTopicOfUnknown("de-bsi")
                    .thenRejected(RejectionReason.UNKNOWN_ORGANISATION, "producer-must-be-registered")
                    .contains("'de-bsi'", "organisation directory");
        }

        @Test
        void a_producer_claiming_another_organisation_is_refused_naming_both() {
            given().when(by(DE_NCA, request(DE_NCA))).onTopicOf(FR_NCA)
                    .thenRejected(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner")
                    .contains("claims to be 'de-bsi'", "belongs to 'fr-anssi'", "member state claimed DE, registered FR");
        }

        @Test
        void a_producer_claiming_another_role_is_refused_naming_both() {
            IncidentEvent claimingSpoc = by(organisation("de-bsi", OrganisationRole.SINGLE_POINT_OF_CONTACT, "DE"), request(DE_NCA));
            given().when(claimingSpoc)
                    .thenRejected(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner")
                    .contains("role claimed SINGLE_POINT_OF_CONTACT, registered NCA");
        }

        @Test
        void a_producer_claiming_another_member_state_is_refused_naming_both() {
            IncidentEvent claimingFrance = by(organisation("de-bsi", OrganisationRole.NCA, "FR"), request("de-bsi", "FR"));
            given().when(claimingFrance)
                    .thenRejected(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner")
                    .contains("member state claimed FR, registered DE");
        }

        @Test
        void an_eu_body_claiming_a_member_state_is_refused() {
            IncidentEvent enisaInGreece = by(organisation("enisa", OrganisationRole.ENISA, "GR"), Envelopes.closure());
            given(filed()).when(enisaInGreece)
                    .thenRejected(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner")
                    .contains("member state claimed GR, registered no member state");
        }

        @Test
        void identity_is_checked_before_well_formedness() {
            IncidentEvent malformedAndForeign = by(DE_NCA, RequestFiled.newBuilder(request(DE_NCA)).setTitle(" ").build());
            given().when(malformedAndForeign).onTopicOf(FR_NCA)
                    .thenRejected(RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner");
        }
    }

    @Nested
    class WellFormed {

        @ParameterizedTest
        @ValueSource(strings = {"not-a-uuid", "6F1C2B9E-3D4A-4C8E-9F10-2A7B5C6D8E01", "{6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01}",
                "6f1c2b9e3d4a4c8e9f102a7b5c6d8e01", ""})
        void an_event_id_not_a_canonical_lower_case_uuid_is_refused(String eventId) {
            IncidentEvent event = IncidentEvent.newBuilder(filed()).setEventId(eventId).build();
            given().when(event)
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("eventId: expected a UUID in canonical lower-case form");
        }

        @Test
        void an_incident_id_not_a_uuid_is_refused() {
            IncidentEvent event = IncidentEvent.newBuilder(filed()).setIncidentId("INC-2026-17").build();
            given().when(event)
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("incidentId: expected a UUID in canonical lower-case form (8-4-4-4-12 hexadecimal digits), got 'INC-2026-17'");
        }

        @Test
        void an_affected_entity_outside_the_eu_is_refused_with_the_field_path() {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setAffectedEntities(List.of(
                    AffectedEntity.newBuilder().setName("Klinikum Nord").setSector(Sector.HEALTH).setMemberState("XX").build())).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.affectedEntities[0].memberState: expected an EU member state code (ISO 3166-1 alpha-2), got 'XX'");
        }

        @Test
        void greece_is_gr_and_el_is_refused_with_a_hint() {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setAffectedMemberStates(List.of("DE", "EL")).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.affectedMemberStates[1]: expected an EU member state code (ISO 3166-1 alpha-2), got 'EL'"
                            + " (Greece is 'GR' in ISO 3166-1, not 'EL')");
            RequestFiled withGreece = RequestFiled.newBuilder(request(DE_NCA)).setAffectedMemberStates(List.of("DE", "GR")).build();
            given().when(by(DE_NCA, withGreece)).thenAccepted();
        }

        @ParameterizedTest
        @ValueSource(strings = {"NO", "IS", "LI"})
        void eea_states_are_not_member_states(String eea) {
            given(filedAndMatched()).when(by(DE_NCA, Envelopes.assistanceAsked("ma-1", "AT", eea)))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.requestedFrom[1]: expected an EU member state code (ISO 3166-1 alpha-2), got '" + eea
                            + "' (EEA states are not EU member states)");
        }

        @Test
        void member_state_codes_are_upper_case() {
            given().when(by(DE_NCA, request("de-bsi", "de")))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.requestingMemberState: expected an EU member state code (ISO 3166-1 alpha-2), got 'de'"
                            + " (codes are upper case)");
        }

        @Test
        void all_27_member_states_are_accepted() {
            assertThat(MemberStates.count()).isEqualTo(27);
            for (String code : List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")) {
                given(filedAndMatched()).when(by(DE_NCA, Envelopes.assistanceAsked("ma-" + code, code))).thenAccepted();
            }
        }

        @Test
        void a_participant_from_outside_the_eu_is_refused() {
            given(filedAndMatched()).when(by(ENISA, joining(organisation("no-ncsc", OrganisationRole.CSIRT, "NO"), ParticipantRole.CSIRT)))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("payload.participant.memberState: expected an EU member state code");
        }

        @Test
        void an_eu_body_joins_without_a_member_state() {
            given(filedAndMatched()).when(by(DE_NCA, joining(Envelopes.COMMISSION, ParticipantRole.COMMISSION))).thenAccepted();
        }

        @Test
        void an_offer_from_outside_the_eu_is_refused() {
            MutualAssistanceOffered offer = MutualAssistanceOffered.newBuilder(Envelopes.offer("ma-1", "o-1", "AT"))
                    .setOfferingMemberState("CH").build();
            given(filedAndMatched()).when(by(AT_CSIRT, offer))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("payload.offeringMemberState: expected an EU member state code");
        }

        @Test
        void an_on_site_location_outside_the_eu_is_refused() {
            DeploymentStarted deployment = DeploymentStarted.newBuilder(Envelopes.onSite("dep-1"))
                    .setLocation(DeploymentLocation.newBuilder().setMemberState("UK").setSite("London").build()).build();
            given(filedAndMatched()).when(by(MSSP, deployment))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("payload.location.memberState: expected an EU member state code");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EN", "eng", "e", "d3"})
        void languages_are_two_lower_case_letters(String language) {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setLanguages(List.of("de", language)).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.languages[1]: expected an ISO 639-1 language code of two lower-case letters, got '" + language + "'");
        }

        @Test
        void a_team_of_nobody_is_refused() {
            DeploymentStarted deployment = DeploymentStarted.newBuilder(Envelopes.remote("dep-1")).setTeam(Envelopes.team(0)).build();
            given(filedAndMatched()).when(by(MSSP, deployment))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.team.size: expected at least 1 person, got 0");
        }

        @Test
        void an_on_site_deployment_without_location_is_refused() {
            DeploymentStarted deployment = DeploymentStarted.newBuilder(Envelopes.onSite("dep-1")).setLocation(null).build();
            given(filedAndMatched()).when(by(MSSP, deployment))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.location: expected where the team works for an ON_SITE deployment, got nothing");
        }

        @Test
        void a_remote_deployment_with_a_location_is_refused() {
            DeploymentStarted deployment = DeploymentStarted.newBuilder(Envelopes.onSite("dep-1")).setMode(DeploymentMode.REMOTE).build();
            given(filedAndMatched()).when(by(MSSP, deployment))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.location: expected nothing for a REMOTE deployment, got a location in 'DE'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void a_blank_title_is_refused(String blank) {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setTitle(blank).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("payload.title: expected non-blank text, got '");
        }

        @Test
        void a_blank_reason_summary_or_list_entry_is_refused() {
            given(filed()).when(by(DE_NCA, IncidentClosed.newBuilder(Envelopes.closure()).setSummary("").build()))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission").startsWith("payload.summary:");
            given(filed()).when(by(DE_NCA, RequestWithdrawn.newBuilder(Envelopes.withdrawal()).setReason(" ").build()))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission").startsWith("payload.reason:");
            SituationReported report = SituationReported.newBuilder(report("r-1")).setNextSteps(List.of("restore", "")).build();
            given(filedAndMatched()).when(by(MSSP, report))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission").startsWith("payload.nextSteps[1]:");
        }

        @Test
        void the_requesting_member_state_is_among_the_affected() {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setAffectedMemberStates(List.of("AT")).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.affectedMemberStates: expected to include the requesting member state 'DE', got [AT]");
        }

        @Test
        void an_sla_window_of_no_time_is_refused() {
            MsspMatched passed = Envelopes.match("mssp-nordwind", ConflictOfInterestResult.PASSED);
            MsspMatched match = MsspMatched.newBuilder(passed)
                    .setSlaTerms(SlaTerms.newBuilder(passed.getSlaTerms()).setOnSiteWithinMinutes(0L).build()).build();
            given(filed()).when(by(ENISA, match))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.slaTerms.onSiteWithinMinutes: expected a positive number of minutes or nothing, got 0");
        }

        @Test
        void a_payload_of_an_unknown_type_is_refused_not_accepted() {
            IncidentEvent strange = new IncidentEvent(Envelopes.filed().getEventId(), Envelopes.INCIDENT, Envelopes.START, DE_NCA,
                    Tlp.AMBER, Pap.AMBER, "a string is no payload");
            given().when(strange)
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .startsWith("payload: expected one of the contract's payload types (RequestFiled, MsspMatched,")
                    .endsWith("got java.lang.String");
        }

        @Test
        void missing_required_values_are_reported_not_thrown() {
            MutualAssistanceRequested request = new MutualAssistanceRequested("ma-1", null, List.of(), "Two analysts.");
            given(filedAndMatched()).when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission")
                    .isEqualTo("payload.requestedFrom: expected a value, got nothing");
        }

        @Test
        void the_first_problem_in_field_order_is_reported() {
            RequestFiled request = RequestFiled.newBuilder(request(DE_NCA)).setTitle("").setLanguages(List.of("EN")).build();
            given().when(by(DE_NCA, request))
                    .thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission").startsWith("payload.title:");
        }
    }

    @Nested
    class Clock {

        @Test
        void an_event_from_beyond_the_clock_skew_is_refused() {
            IncidentEvent fromTheFuture = at(NOW.plus(SKEW).plusMillis(1), filed());
            given().when(fromTheFuture)
                    .thenRejected(RejectionReason.FUTURE_TIMESTAMP, "no-events-from-the-future")
                    .isEqualTo("occurredAt " + NOW.plus(SKEW).plusMillis(1) + " lies 5m 1ms ahead of muster's clock (" + NOW
                            + "), more than the 5m of clock skew tolerated; check the producer's clock");
        }

        @Test
        void an_event_just_within_the_clock_skew_is_accepted() {
            given().when(at(NOW.plus(SKEW), filed())).thenAccepted();
        }

        @Test
        void no_skew_means_not_even_a_millisecond_ahead() {
            IncidentEvent event = at(NOW.plusMillis(1), filed());
            assertThat(SubmissionCheck.check(event, "de-bsi", Optional.of(DE_NCA), NOW, Duration.ZERO)).get()
                    .extracting(Decision.Rejected::reason).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
            assertThat(SubmissionCheck.check(at(NOW, filed()), "de-bsi", Optional.of(DE_NCA), NOW, Duration.ZERO)).isEmpty();
        }

        @Test
        void a_late_event_is_accepted_and_judged_like_any_other() {
            IncidentEvent request = at(NOW.minus(Duration.ofHours(2)), filed());
            IncidentEvent match = at(NOW.minus(Duration.ofHours(1)), Envelopes.matched());
            IncidentEvent reportOfYesterday = at(NOW.minus(Duration.ofDays(1)), by(MSSP, report("r-yesterday")));
            given(request, match).when(reportOfYesterday).thenAccepted();
        }

        @Test
        void a_negative_skew_is_a_programming_error() {
            assertThatThrownBy(() -> SubmissionCheck.check(filed(), "de-bsi", Optional.of(DE_NCA), NOW, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxClockSkew");
        }

        @Test
        void durations_read_as_a_duty_officer_reads_them() {
            assertThat(SubmissionCheck.readable(Duration.ofMinutes(125).plusSeconds(3))).isEqualTo("2h 5m 3s");
            assertThat(SubmissionCheck.readable(Duration.ofMillis(450))).isEqualTo("450ms");
            assertThat(SubmissionCheck.readable(Duration.ofDays(2))).isEqualTo("48h");
            assertThat(SubmissionCheck.readable(Duration.ZERO)).isEqualTo("0s");
        }

        @Test
        void well_formedness_is_checked_before_the_clock() {
            IncidentEvent both = at(NOW.plus(Duration.ofDays(1)), by(DE_NCA, RequestFiled.newBuilder(request(DE_NCA)).setTitle("").build()));
            given().when(both).thenRejected(RejectionReason.INVALID_FIELD, "well-formed-submission");
        }
    }
}
