package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestCheck;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.Phase;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.ReviewState;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.contract.TaxonomyClass;
import eu.muster.coordination.view.CoordinationQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two interleaved cross-border incidents through the real backbone on a real broker, every view
 * read back through interactive queries: DE's incident (also affecting AT, assisted by AT) runs to
 * its review; FR's incident (also affecting BE) is active with an overdue acknowledgement.
 */
class CoordinationViewsIT {

    private static final Organisation FR_NCA = Organisation.newBuilder().setId("fr-anssi").setRole(OrganisationRole.NCA).setMemberState("FR").build();
    private static final Organisation ENISA = Organisation.newBuilder().setId("enisa").setRole(OrganisationRole.ENISA).setMemberState(null).build();
    private static final Organisation BALTIC = Organisation.newBuilder().setId("mssp-baltic").setRole(OrganisationRole.MSSP).setMemberState("EE").build();

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void twoInterleavedCrossBorderIncidentsAreReadBackThroughEveryView(@TempDir Path dir) throws IOException {
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-coordination-views");
        Files.writeString(config, "muster.coordination.acknowledgement-window=PT5S\nmuster.views.check-interval=PT0.2S\n", StandardOpenOption.APPEND);
        Instant base = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MILLIS);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<IncidentEvent> de = germanIncident(a, base);
        List<IncidentEvent> fr = frenchIncident(b, base.plus(Duration.ofMinutes(5)));
        List<IncidentEvent> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(de.size(), fr.size()); i++) {
            if (i < de.size()) {
                interleaved.add(de.get(i));
            }
            if (i < fr.size()) {
                interleaved.add(fr.get(i));
            }
        }

        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            interleaved.forEach(submissions::submit);
            Set<String> ids = interleaved.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(ids, Duration.ofSeconds(60));
            assertThat(ids).allSatisfy(id -> assertThat(Submissions.accepted(outcomes.get(id))).as("%s", outcomes.get(id)).isTrue());
            CoordinationQueries views = CoordinationQueries.of(backbone.streams());

            CoordinationView german = await(() -> views.coordination(a).filter(v -> v.getThroughSequence() == de.size()).orElse(null));
            assertThat(german.getStatus()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(german.getClassification()).isEqualTo(Classification.LARGE_SCALE);
            assertThat(german.getAssistingMemberStates()).containsExactly("AT");
            assertThat(german.getCrossBorder()).isTrue();

            CoordinationView french = await(() -> views.coordination(b).filter(v -> v.getThroughSequence() == fr.size()).orElse(null));
            assertThat(french.getStatus()).isEqualTo(IncidentStatus.ACTIVE);
            assertThat(french.getPhase()).isEqualTo(Phase.INVESTIGATION);
            assertThat(french.getAffectedMemberStates()).containsExactly("BE", "FR");
            assertThat(french.getLatestSituationReport().getOverdue()).containsExactly("enisa");
            assertThat(french.getOpenItems()).extracting(OpenItem::getKind, OpenItem::getOwner)
                    .contains(org.assertj.core.groups.Tuple.tuple(OpenItemKind.ACKNOWLEDGEMENT_OVERDUE, "enisa"));

            assertThat(await(() -> views.review(a).filter(r -> r.getState() == ReviewState.FILED).orElse(null)).getFindings().getTaxonomyClass())
                    .isEqualTo(TaxonomyClass.INTRUSIONS);
            assertThat(views.review(b).orElseThrow().getState()).isEqualTo(ReviewState.NOT_DUE);

            assertThat(await(() -> views.memberState("AT").orElse(null)).getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(a);
            assertThat(await(() -> views.memberState("BE").orElse(null)).getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(b);
            assertThat(views.memberState("FR").orElseThrow().getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(b);
            assertThat(await(() -> views.scorecard("mssp-nordwind").filter(s -> s.getReviewsCiting() == 1).orElse(null)).getEngagements()).isEqualTo(1);
            assertThat(await(() -> views.scorecard("mssp-baltic").orElse(null)).getDeployments()).isEqualTo(1);
            assertThat(await(() -> views.lessons(TaxonomyClass.INTRUSIONS).orElse(null)).getReviews()).singleElement()
                    .satisfies(review -> assertThat(review.getIncidentId()).isEqualTo(a));
            assertThat(await(() -> views.lessons(Sector.HEALTH).orElse(null)).getReviews()).hasSize(1);
        }
    }

    /** The contract's sample lifecycle, with a containment phase, as incident {@code id} starting at {@code base}. */
    private static List<IncidentEvent> germanIncident(String id, Instant base) {
        ContractTrust.trustContractClasses(); // copies below happen before any codec exists in this JVM
        List<IncidentEvent> events = new ArrayList<>();
        int n = 0;
        for (IncidentEvent sample : SampleEvents.everyPayloadType()) {
            if (sample.getPayload() instanceof RequestWithdrawn) {
                continue;
            }
            events.add(IncidentEvent.newBuilder(sample).setEventId(UUID.randomUUID().toString()).setIncidentId(id)
                    .setOccurredAt(base.plus(Duration.ofMinutes(10L * n++))).build());
            if (sample.getPayload() instanceof PhaseChanged) {
                events.add(IncidentEvent.newBuilder(sample).setEventId(UUID.randomUUID().toString()).setIncidentId(id)
                        .setOccurredAt(base.plus(Duration.ofMinutes(10L * n++)))
                        .setPayload(PhaseChanged.newBuilder().setPhase(Phase.CONTAINMENT_RECOVERY).setReason("Root cause found.").build())
                        .build());
            }
        }
        return events;
    }

    /** FR's incident, also affecting BE: requested, matched to mssp-baltic, remote support, investigation, a report FR acknowledges and ENISA does not. */
    private static List<IncidentEvent> frenchIncident(String id, Instant base) {
        IncidentEvent sampleRequest = SampleEvents.everyPayloadType().get(0);
        RequestFiled request = RequestFiled.newBuilder((RequestFiled) sampleRequest.getPayload())
                .setRequestingAuthority("fr-anssi").setRequestingMemberState("FR").setTitle("Wiper at a grid operator")
                .setAffectedEntities(List.of(AffectedEntity.newBuilder().setName("Réseau Sud").setSector(Sector.ENERGY).setMemberState("FR").build()))
                .setAffectedMemberStates(List.of("FR", "BE")).setOnSiteSupportRequested(false).build();
        MsspMatched match = MsspMatched.newBuilder().setMsspId("mssp-baltic").setMatchingCriteria(List.of("language:fr"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder().setResult(ConflictOfInterestResult.PASSED)
                        .setCheckedBy("enisa").setCheckedAt(base).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder().setFrameworkContractId(null).setRemoteSupportWithinMinutes(null)
                        .setOnSiteWithinMinutes(null).setSituationReportIntervalMinutes(null).build())
                .build();
        DeploymentStarted remote = DeploymentStarted.newBuilder((DeploymentStarted) SampleEvents.everyPayloadType().get(2).getPayload())
                .setDeploymentId("baltic-remote-1").setMsspId("mssp-baltic").build();
        return List.of(
                event(id, base, FR_NCA, request),
                event(id, base.plus(Duration.ofMinutes(20)), ENISA, match),
                event(id, base.plus(Duration.ofMinutes(40)), BALTIC, remote),
                event(id, base.plus(Duration.ofMinutes(60)), BALTIC, PhaseChanged.newBuilder().setPhase(Phase.INVESTIGATION).setReason("Scoped.").build()),
                event(id, base.plus(Duration.ofMinutes(80)), BALTIC, SituationReported.newBuilder().setReportId("fr-sitrep-1")
                        .setSummary("Wiper contained to two substations.").setImpactAssessment(null).setActionsTaken(List.of("Isolated OT network"))
                        .setNextSteps(List.of()).build()),
                event(id, base.plus(Duration.ofMinutes(90)), FR_NCA, SituationReportAcknowledged.newBuilder().setReportId("fr-sitrep-1").build()));
    }

    private static IncidentEvent event(String incidentId, Instant occurredAt, Organisation producer, Object payload) {
        IncidentEvent sample = SampleEvents.everyPayloadType().get(0);
        return IncidentEvent.newBuilder(sample).setEventId(UUID.randomUUID().toString()).setIncidentId(incidentId)
                .setOccurredAt(occurredAt).setProducer(producer).setPayload(payload).build();
    }

    /** Polls an interactive query until it answers, within a minute; a store being restored or rebalanced answers later. */
    private static <T> T await(Supplier<T> query) {
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            try {
                T answer = query.get();
                if (answer != null) {
                    return answer;
                }
            } catch (InvalidStateStoreException retryable) {
                // the store is not queryable yet (rebalance or restoration): ask again
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("no answer within 60 s");
    }
}
