package eu.muster.coordination;

import static eu.muster.coordination.IncidentHistory.POLICY;
import static eu.muster.coordination.IncidentHistory.at;
import static eu.muster.coordination.IncidentHistory.payload;
import static eu.muster.coordination.IncidentHistory.requestAffecting;
import static eu.muster.coordination.IncidentHistory.sampleIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.muster.contract.Acknowledgement;
import eu.muster.contract.AssistanceOffer;
import eu.muster.contract.AssistanceRequest;
import eu.muster.contract.AssistanceState;
import eu.muster.contract.Classification;
import eu.muster.contract.ClassificationChange;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.MutualAssistanceOfferDecided;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.OfferDecision;
import eu.muster.contract.OfferState;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.Participant;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Phase;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SituationReportStatus;
import eu.muster.contract.SituationReported;
import eu.muster.contract.Tlp;
import eu.muster.sla.SlaPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinationViewsTest {

    private static final String INCIDENT = SampleEvents.INCIDENT_ID;

    @Test
    void theStatusMovesFromRequestedToActiveToClosedAndAWithdrawalOverridesIt() {
        IncidentHistory history = sampleIncident().samples(0, 1).sample(14, at(14));

        assertThat(history.coordination(at(0).minusMillis(1)).getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
        assertThat(history.coordination(at(0)).getStatus()).isEqualTo(IncidentStatus.REQUESTED);
        assertThat(history.coordination(at(1)).getStatus()).isEqualTo(IncidentStatus.ACTIVE);
        assertThat(history.coordination(at(14)).getStatus()).isEqualTo(IncidentStatus.CLOSED);

        IncidentHistory withdrawn = sampleIncident().samples(0, 1).sample(16, at(2));
        CoordinationView view = withdrawn.coordination(at(2));
        assertThat(view.getStatus()).isEqualTo(IncidentStatus.WITHDRAWN);
        assertThat(view.getOpenItems()).as("nothing waits on a withdrawn request").isEmpty();
    }

    @Test
    void theMarkingIsTheMostRestrictiveTlpOfTheEventsOccurredByTheInstant() {
        IncidentHistory history = sampleIncident().sample(0, at(0));
        assertThat(history.coordination(at(0)).getTlp()).as("the helper's events are AMBER").isEqualTo(Tlp.AMBER);

        List<IncidentEvent> events = new java.util.ArrayList<>(history.events());
        events.set(0, IncidentEvent.newBuilder(events.get(0)).setTlp(Tlp.GREEN).build());
        IncidentEvent redReport = IncidentEvent.newBuilder(SlaPayloads.event(SampleEvents.INCIDENT_ID, at(4), SlaPayloads.report()))
                .setTlp(Tlp.RED).build();
        IncidentEvent clearReport = IncidentEvent.newBuilder(SlaPayloads.event(SampleEvents.INCIDENT_ID, at(5), SlaPayloads.report()))
                .setTlp(Tlp.CLEAR).build();

        assertThat(view(events).getTlp()).isEqualTo(Tlp.GREEN);
        events.add(redReport);
        assertThat(view(events).getTlp()).as("one RED report marks the whole incident RED").isEqualTo(Tlp.RED);
        events.add(clearReport);
        assertThat(view(events).getTlp()).as("a later, wider marking does not loosen it").isEqualTo(Tlp.RED);
        assertThat(CoordinationViews.coordination(SampleEvents.INCIDENT_ID, IncidentHistory.fold(events), 3, at(4).minusMillis(1), POLICY)
                .getTlp()).as("before the RED report occurred the view shows none of it, and is marked by what it shows").isEqualTo(Tlp.GREEN);
        assertThat(CoordinationViews.coordination(SampleEvents.INCIDENT_ID, IncidentFacts.empty(), 0, at(0), POLICY).getTlp())
                .as("no events: nothing may be shared").isEqualTo(Tlp.RED);
    }

    private static CoordinationView view(List<IncidentEvent> events) {
        return CoordinationViews.coordination(SampleEvents.INCIDENT_ID, IncidentHistory.fold(events), events.size(), at(5), POLICY);
    }

    @Test
    void aReclassificationFromSignificantToLargeScaleKeepsTheHistory() {
        IncidentHistory history = sampleIncident().sample(0, at(0)).sample(11, at(11));

        CoordinationView before = history.coordination(at(11).minusMillis(1));
        assertThat(before.getClassification()).isEqualTo(Classification.SIGNIFICANT);
        assertThat(before.getClassificationHistory()).hasSize(1);

        CoordinationView after = history.coordination(at(11));
        assertThat(after.getClassification()).isEqualTo(Classification.LARGE_SCALE);
        assertThat(after.getClassificationHistory())
                .extracting(ClassificationChange::getClassification, ClassificationChange::getAt, ClassificationChange::getReason)
                .containsExactly(tuple(Classification.SIGNIFICANT, at(0), null),
                        tuple(Classification.LARGE_SCALE, at(11), "Spread to a second member state."));
        assertThat(after.getTitle()).isEqualTo("Ransomware at regional hospitals");
        assertThat(after.getRequestingMemberState()).isEqualTo("DE");
        assertThat(after.getAffectedMemberStates()).containsExactly("AT", "DE");
    }

    @Test
    void simultaneousReclassificationsReadSignificantBeforeLargeScaleWhateverTheirOrder() {
        Instant same = at(3);
        IncidentReclassified up = IncidentReclassified.newBuilder().setClassification(Classification.LARGE_SCALE).setReason("escalated").build();
        IncidentReclassified down = IncidentReclassified.newBuilder().setClassification(Classification.SIGNIFICANT).setReason("scaled down").build();

        for (List<IncidentReclassified> order : List.of(List.of(up, down), List.of(down, up))) {
            IncidentHistory history = sampleIncident().sample(0, at(0)).add(11, same, order.get(0)).add(11, same, order.get(1));
            CoordinationView view = history.coordination(same);
            assertThat(view.getClassificationHistory()).extracting(ClassificationChange::getReason).containsExactly(null, "scaled down", "escalated");
            assertThat(view.getClassification()).isEqualTo(Classification.LARGE_SCALE);
        }
    }

    @Test
    void thePhaseIsNullBeforeTheMatchInitialResponseFromItThenTheLatestChange() {
        Instant changed = at(5);
        IncidentHistory history = sampleIncident().samples(0, 1)
                .add(10, changed, SlaPayloads.phase(Phase.INVESTIGATION))
                .add(10, changed, SlaPayloads.phase(Phase.CONTAINMENT_RECOVERY))
                .add(10, changed.plus(Duration.ofHours(1)), SlaPayloads.phase(Phase.INVESTIGATION)) // the allowed step back
                .add(10, changed.plus(Duration.ofHours(2)), SlaPayloads.phase(Phase.INVESTIGATION))
                .add(10, changed.plus(Duration.ofHours(2)), SlaPayloads.phase(Phase.INITIAL_RESPONSE));

        assertThat(history.coordination(at(0)).getPhase()).isNull();
        assertThat(history.coordination(at(1)).getPhase()).isEqualTo(Phase.INITIAL_RESPONSE);
        assertThat(history.coordination(changed).getPhase()).as("a tie reads the later phase").isEqualTo(Phase.CONTAINMENT_RECOVERY);
        assertThat(history.coordination(changed.plus(Duration.ofHours(1))).getPhase()).isEqualTo(Phase.INVESTIGATION);
        assertThat(history.coordination(changed.plus(Duration.ofHours(2))).getPhase()).isEqualTo(Phase.INVESTIGATION);
        assertThat(history.coordination(at(1)).getMsspId()).isEqualTo("mssp-nordwind");
        assertThat(history.coordination(at(0)).getMsspId()).isNull();
    }

    @Test
    void participantsAreTheAuthorityEnisaTheProviderAndWhoeverJoinedEachOnceAtItsEarliest() {
        ParticipantJoined authorityAgain = ParticipantJoined.newBuilder()
                .setParticipant(Organisation.newBuilder().setId("de-bsi").setRole(OrganisationRole.CSIRT).setMemberState("DE").build())
                .setRole(ParticipantRole.CSIRT).setContactPoint(null).build();
        IncidentHistory history = sampleIncident().samples(0, 3).add(0, at(6), authorityAgain);

        assertThat(history.coordination(at(6)).getParticipants())
                .extracting(Participant::getOrganisationId, Participant::getRole, Participant::getMemberState, Participant::getJoinedAt)
                .containsExactly(
                        tuple("de-bsi", ParticipantRole.NCA, "DE", at(0)),
                        tuple("enisa", ParticipantRole.ENISA, null, at(1)),
                        tuple("mssp-nordwind", ParticipantRole.MSSP, null, at(1)),
                        tuple("at-certat", ParticipantRole.ASSISTING_MEMBER_STATE, "AT", at(3)));
    }

    @Test
    void theRequestingAuthorityPlaysTheRoleOfItsOrganisationAndAnyOtherFilerCountsAsTheNca() {
        IncidentHistory byCsirt = sampleIncident().add(7, at(0), payload(0)); // filed by AT's CSIRT
        IncidentHistory byEnisa = sampleIncident().add(1, at(0), payload(0));

        assertThat(byCsirt.coordination(at(0)).getParticipants()).extracting(Participant::getRole).containsExactly(ParticipantRole.CSIRT);
        assertThat(byEnisa.coordination(at(0)).getParticipants()).extracting(Participant::getRole).containsExactly(ParticipantRole.NCA);
    }

    @Test
    void mutualAssistanceMovesFromOpenToFulfilledWithItsOpenItemsAndMakesTheIncidentCrossBorder() {
        IncidentHistory history = sampleIncident().add(0, at(0), requestAffecting("DE")).sample(1, at(1)).samples(6, 9);

        CoordinationView asked = history.coordination(at(6));
        assertThat(assistance(asked).getState()).isEqualTo(AssistanceState.OPEN);
        assertThat(assistance(asked).getRequestedBy()).isEqualTo("de-bsi");
        assertThat(itemsAbout(asked, "ma-1")).extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.ASSISTANCE_AWAITING_OFFERS, "member-state:AT", at(6)),
                        tuple(OpenItemKind.ASSISTANCE_AWAITING_OFFERS, "member-state:FR", at(6)));
        assertThat(asked.getAssistingMemberStates()).isEmpty();
        assertThat(asked.getCrossBorder()).isFalse();

        CoordinationView offered = history.coordination(at(7));
        assertThat(assistance(offered).getState()).isEqualTo(AssistanceState.OFFERED);
        assertThat(itemsAbout(offered, "ma-1")).isEmpty();
        assertThat(itemsAbout(offered, "offer-at-1")).extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.OFFER_AWAITING_DECISION, "member-state:DE", at(7)));
        assertThat(offered.getCrossBorder()).as("an offer not yet accepted does not assist").isFalse();

        CoordinationView accepted = history.coordination(at(8));
        assertThat(assistance(accepted).getState()).isEqualTo(AssistanceState.ACCEPTED);
        assertThat(assistance(accepted).getOffers()).extracting(AssistanceOffer::getState, AssistanceOffer::getDecidedAt)
                .containsExactly(tuple(OfferState.ACCEPTED, at(8)));
        assertThat(itemsAbout(accepted, "offer-at-1")).extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.OFFER_AWAITING_FULFILMENT, "member-state:AT", at(8)));
        assertThat(accepted.getAssistingMemberStates()).containsExactly("AT");
        assertThat(accepted.getCrossBorder()).isTrue();

        CoordinationView fulfilled = history.coordination(at(9));
        assertThat(assistance(fulfilled).getState()).isEqualTo(AssistanceState.FULFILLED);
        assertThat(assistance(fulfilled).getOffers()).extracting(AssistanceOffer::getState, AssistanceOffer::getFulfilledAt)
                .containsExactly(tuple(OfferState.FULFILLED, at(9)));
        assertThat(itemsAbout(fulfilled, "offer-at-1")).isEmpty();
        assertThat(fulfilled.getAssistingMemberStates()).containsExactly("AT");
        assertThat(CoordinationViews.memberStates(fulfilled).get("AT").getRelations()).containsExactly(MemberStateRelation.ASSISTING);
    }

    @Test
    void aRequestToEveryMemberStateAwaitsAnyAndADeclinedOfferLeavesItOpenWithoutAssisting() {
        MutualAssistanceRequested toAll = MutualAssistanceRequested.newBuilder(IncidentHistory.<MutualAssistanceRequested>payload(6))
                .setRequestedFrom(List.of()).build();
        MutualAssistanceOfferDecided declined = MutualAssistanceOfferDecided.newBuilder(IncidentHistory.<MutualAssistanceOfferDecided>payload(8))
                .setDecision(OfferDecision.DECLINED).build();
        IncidentHistory history = sampleIncident().add(0, at(0), requestAffecting("DE")).sample(1, at(1))
                .add(6, at(6), toAll).sample(7, at(7)).add(8, at(8), declined);

        assertThat(itemsAbout(history.coordination(at(6)), "ma-1")).extracting(OpenItem::getOwner).containsExactly("member-state:*");
        CoordinationView afterDecline = history.coordination(at(8));
        assertThat(assistance(afterDecline).getState()).isEqualTo(AssistanceState.OPEN);
        assertThat(assistance(afterDecline).getOffers()).extracting(AssistanceOffer::getState).containsExactly(OfferState.DECLINED);
        assertThat(itemsAbout(afterDecline, "ma-1")).extracting(OpenItem::getKind).containsExactly(OpenItemKind.ASSISTANCE_AWAITING_OFFERS);
        assertThat(itemsAbout(afterDecline, "offer-at-1")).isEmpty();
        assertThat(afterDecline.getAssistingMemberStates()).isEmpty();
    }

    @Test
    void anAcknowledgementBecomesOverdueExactlyAtAcknowledgeByAndNextChangeNamesThatInstant() {
        IncidentHistory history = sampleIncident().samples(0, 5); // the provider reports; DE acknowledges; ENISA and AT do not
        Instant acknowledgeBy = at(4).plus(POLICY.acknowledgementWindow());

        SituationReportStatus justBefore = history.coordination(acknowledgeBy.minusMillis(1)).getLatestSituationReport();
        assertThat(justBefore.getReportId()).isEqualTo("sitrep-1");
        assertThat(justBefore.getReportedBy()).isEqualTo("mssp-nordwind");
        assertThat(justBefore.getAcknowledgeBy()).isEqualTo(acknowledgeBy);
        assertThat(justBefore.getAcknowledgedBy()).extracting(Acknowledgement::getOrganisationId, Acknowledgement::getAt)
                .containsExactly(tuple("de-bsi", at(5)));
        assertThat(justBefore.getAwaitingAcknowledgement()).containsExactly("at-certat", "enisa");
        assertThat(justBefore.getOverdue()).isEmpty();
        assertThat(history.coordination(acknowledgeBy.minusMillis(1)).getOpenItems())
                .noneMatch(item -> item.getKind() == OpenItemKind.ACKNOWLEDGEMENT_OVERDUE);

        CoordinationView due = history.coordination(acknowledgeBy);
        assertThat(due.getLatestSituationReport().getOverdue()).containsExactly("at-certat", "enisa");
        assertThat(due.getOpenItems()).filteredOn(item -> item.getKind() == OpenItemKind.ACKNOWLEDGEMENT_OVERDUE)
                .extracting(OpenItem::getOwner, OpenItem::getSubject, OpenItem::getSince)
                .containsExactly(tuple("at-certat", "sitrep-1", acknowledgeBy), tuple("enisa", "sitrep-1", acknowledgeBy));

        assertThat(CoordinationViews.nextChange(history.facts(), at(5), POLICY)).contains(acknowledgeBy);
        assertThat(CoordinationViews.nextChange(history.facts(), acknowledgeBy, POLICY)).get().matches(next -> next.isAfter(acknowledgeBy));
    }

    @Test
    void theLatestReportIsTheOneWithTheLatestTimeAndATieGoesToTheLargerId() {
        IncidentHistory history = sampleIncident().samples(0, 1)
                .add(4, at(4), reportWithId("b"))
                .add(4, at(4), reportWithId("a"))
                .add(4, at(3), reportWithId("z"));

        assertThat(history.coordination(at(4)).getLatestSituationReport().getReportId()).isEqualTo("b");
        assertThat(history.coordination(at(3)).getLatestSituationReport().getReportId()).isEqualTo("z");
        assertThat(history.coordination(at(2)).getLatestSituationReport()).isNull();
    }

    @Test
    void theEngagementWaitsForAMatchThenForRemoteAndOnSiteSupportUntilDeployed() {
        IncidentHistory history = sampleIncident().samples(0, 2).sample(12, at(12));

        assertThat(history.coordination(at(0)).getOpenItems()).extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSubject, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.AWAITING_MATCH, "role:ENISA", INCIDENT, at(0)));
        assertThat(history.coordination(at(1)).getOpenItems()).extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.AWAITING_REMOTE_SUPPORT, "mssp-nordwind", at(1)),
                        tuple(OpenItemKind.AWAITING_ON_SITE, "mssp-nordwind", at(1)));
        assertThat(history.coordination(at(2)).getOpenItems()).extracting(OpenItem::getKind).containsExactly(OpenItemKind.AWAITING_ON_SITE);
        assertThat(history.coordination(at(12)).getOpenItems()).isEmpty();

        IncidentHistory remoteOnly = sampleIncident().add(0, at(0), SlaPayloads.request(false)).sample(1, at(1));
        assertThat(remoteOnly.coordination(at(1)).getOpenItems()).extracting(OpenItem::getKind)
                .containsExactly(OpenItemKind.AWAITING_REMOTE_SUPPORT);
    }

    @Test
    void eachMemberStateInvolvedGetsTheIncidentWithItsRelationsAndOpenItems() {
        IncidentHistory history = sampleIncident().samples(0, 3);
        CoordinationView view = history.coordination(at(3));

        Map<String, MemberStateIncident> entries = CoordinationViews.memberStates(view);

        assertThat(entries).containsOnlyKeys("AT", "DE");
        assertThat(entries.get("DE").getRelations()).containsExactly(MemberStateRelation.REQUESTING, MemberStateRelation.AFFECTED);
        assertThat(entries.get("AT").getRelations()).containsExactly(MemberStateRelation.AFFECTED, MemberStateRelation.ASSISTING);
        assertThat(entries.get("AT").getStatus()).isEqualTo(IncidentStatus.ACTIVE);
        assertThat(entries.get("AT").getTitle()).isEqualTo(view.getTitle());
        assertThat(entries.get("AT").getOpenItems().toString()).isEqualTo(view.getOpenItems().toString());
        assertThat(entries.get("AT").getOpenItems()).isNotEmpty();
        assertThat(CoordinationViews.memberStates(sampleIncident().coordination(at(0)))).as("no request, no member state").isEmpty();
    }

    private static SituationReported reportWithId(String reportId) {
        return SituationReported.newBuilder(SlaPayloads.report()).setReportId(reportId).build();
    }

    private static AssistanceRequest assistance(CoordinationView view) {
        assertThat(view.getAssistance()).hasSize(1);
        return view.getAssistance().get(0);
    }

    private static List<OpenItem> itemsAbout(CoordinationView view, String subject) {
        return view.getOpenItems().stream().filter(item -> item.getSubject().equals(subject)).toList();
    }
}
