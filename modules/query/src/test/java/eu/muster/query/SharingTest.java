package eu.muster.query;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.Participant;
import eu.muster.contract.ParticipantRole;
import eu.muster.contract.Tlp;
import eu.muster.gateway.Caller;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharingTest {

    static {
        ContractTrust.trustContractClasses(); // the tests copy generated records
    }

    private static final Caller DE_NCA = caller("de-bsi", OrganisationRole.NCA, "DE");
    private static final Caller DE_CSIRT = caller("de-certbund", OrganisationRole.CSIRT, "DE");
    private static final Caller DE_ENTITY = caller("de-hospital", OrganisationRole.AFFECTED_ENTITY, "DE");
    private static final Caller FR_NCA = caller("fr-anssi", OrganisationRole.NCA, "FR");
    private static final Caller AT_CSIRT = caller("at-certat", OrganisationRole.CSIRT, "AT");
    private static final Caller ENISA = caller("enisa", OrganisationRole.ENISA, null);
    private static final Caller NORDWIND = caller("mssp-nordwind", OrganisationRole.MSSP, "NL");
    private static final Caller BALTIC = caller("mssp-baltic", OrganisationRole.MSSP, "EE");
    private static final Caller COMMISSION = caller("ec", OrganisationRole.COMMISSION, null);
    private static final Caller AUDITOR = Caller.auditor("eu-audit");

    @Test
    void redAndAmberStrictReachOnlyTheParties() {
        for (Tlp tlp : List.of(Tlp.RED, Tlp.AMBER_STRICT)) {
            CoordinationView view = incident(tlp);
            assertThat(readers(view)).as("%s", tlp).containsExactlyInAnyOrder(DE_NCA, AT_CSIRT, ENISA, NORDWIND, AUDITOR);
        }
    }

    @Test
    void amberAlsoReachesTheAuthoritiesOfTheParticipantsMemberStatesButNotTheirOtherOrganisations() {
        assertThat(readers(incident(Tlp.AMBER))).containsExactlyInAnyOrder(DE_NCA, DE_CSIRT, AT_CSIRT, ENISA, NORDWIND, AUDITOR);
    }

    @Test
    void greenAndClearReachEveryOrganisation() {
        for (Tlp tlp : List.of(Tlp.GREEN, Tlp.CLEAR)) {
            assertThat(readers(incident(tlp))).as("%s", tlp).hasSize(everyone().size());
        }
    }

    @Test
    void enisaReadsARequestBeforeItIsAParticipantBecauseTheRequestIsAddressedToIt() {
        CoordinationView requested = CoordinationView.newBuilder(incident(Tlp.RED)).setParticipants(List.of(participant("de-bsi", "DE"))).build();
        assertThat(readers(requested)).containsExactlyInAnyOrder(DE_NCA, ENISA, AUDITOR);
    }

    @Test
    void aScorecardIsReadByItsProviderEnisaTheCommissionAndAuditors() {
        assertThat(everyone().stream().filter(c -> Sharing.mayReadScorecard(c, "mssp-nordwind")).toList())
                .containsExactlyInAnyOrder(NORDWIND, ENISA, COMMISSION, AUDITOR);
    }

    @Test
    void everyEngagementRecordIsSeenByTheProviderEnisaAndAuditorsTheCommissionSeesThoseOfIncidentsItMayRead() {
        assertThat(everyone().stream().filter(c -> Sharing.mayReadScorecard(c, "mssp-nordwind"))
                .filter(c -> Sharing.seesEveryEngagement(c, "mssp-nordwind")).toList()).containsExactlyInAnyOrder(NORDWIND, ENISA, AUDITOR);
    }

    private static List<Caller> readers(CoordinationView view) {
        return everyone().stream().filter(caller -> Sharing.mayRead(caller, view)).toList();
    }

    private static List<Caller> everyone() {
        return List.of(DE_NCA, DE_CSIRT, DE_ENTITY, FR_NCA, AT_CSIRT, ENISA, NORDWIND, BALTIC, COMMISSION, AUDITOR);
    }

    /** DE's incident: requested by de-bsi, matched by ENISA to mssp-nordwind, AT's CSIRT assisting. */
    private static CoordinationView incident(Tlp tlp) {
        return CoordinationView.newBuilder().setIncidentId("i-1").setThroughSequence(4).setStatus(IncidentStatus.ACTIVE)
                .setClassificationHistory(List.of()).setAffectedMemberStates(List.of("DE")).setAssistingMemberStates(List.of("AT"))
                .setCrossBorder(true).setAssistance(List.of()).setOpenItems(List.of()).setTlp(tlp)
                .setParticipants(List.of(participant("de-bsi", "DE"), participant("enisa", null), participant("mssp-nordwind", null),
                        participant("at-certat", "AT")))
                .build();
    }

    private static Participant participant(String id, String memberState) {
        return Participant.newBuilder().setOrganisationId(id).setRole(ParticipantRole.NCA).setMemberState(memberState)
                .setJoinedAt(Instant.parse("2026-11-24T10:00:00Z")).build();
    }

    private static Caller caller(String id, OrganisationRole role, String memberState) {
        return Caller.of(Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build());
    }
}
