package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import eu.muster.contract.Tlp;
import eu.muster.coordination.GroupViews;
import eu.muster.coordination.view.CoordinationQueries;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * its review; FR's incident (also affecting BE) is active with an overdue acknowledgement. Then more
 * of DE's incidents than a group view lists, matched to one provider, read back through the query
 * API: counts over all of them, the newest listed, every one a page at a time, each reader seeing
 * only what it may read.
 */
class CoordinationViewsIT {

    private static final Organisation FR_NCA = Organisation.newBuilder().setId("fr-anssi").setRole(OrganisationRole.NCA).setMemberState("FR").build();
    private static final Organisation ENISA = Organisation.newBuilder().setId("enisa").setRole(OrganisationRole.ENISA).setMemberState(null).build();
    private static final Organisation BALTIC = Organisation.newBuilder().setId("mssp-baltic").setRole(OrganisationRole.MSSP).setMemberState("EE").build();
    /** The Commission, added to the development directory: it reads every scorecard, and the engagements of incidents it may read. */
    private static final String COMMISSION = "ec-dg-cnect";
    /** DE's incidents beyond the first: more than a group view lists. The older half GREEN, the newer half RED. */
    private static final int MORE = GroupViews.LISTED + 2;

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void twoInterleavedCrossBorderIncidentsAreReadBackThroughEveryView(@TempDir Path dir) throws IOException {
        ContractTrust.trustContractClasses();
        Path pki = dir.resolve("pki");
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-coordination-views");
        Files.writeString(config, "muster.coordination.acknowledgement-window=PT5S\nmuster.views.check-interval=PT0.2S\n"
                + "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n", StandardOpenOption.APPEND);
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

        try (Backbone backbone = Backbone.start(MusterConfig.load(config, System.getenv(), withCommission(dir)));
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

            Readers readers = new Readers(backbone.gateway().orElseThrow().baseUri(), credentials);
            List<String> more = moreOfDe(submissions, base.plus(Duration.ofHours(2)));
            List<String> green = more.subList(0, MORE / 2);
            assertGroupViewsCountAllAndListTheNewest(readers, a, more, green);
            assertEveryEntryIsPaged(readers, a, b, more, green);
        }
    }

    /**
     * The views list the newest {@link GroupViews#LISTED} and count all; a reader that may not read every incident gets both
     * over what it may read, picked from every incident (the stored list would hold only 24 of FR's 26 GREEN ones).
     */
    private static void assertGroupViewsCountAllAndListTheNewest(Readers readers, String a, List<String> more, List<String> green) {
        List<String> newestFirst = reversed(more);
        JsonNode de = readers.await("eu-audit", "/v1/member-states/DE", view -> view.get("incidentCount").asInt() == MORE + 1);
        assertThat(de.get("requesting").asInt()).isEqualTo(MORE + 1);
        assertThat(de.get("open").asInt()).as("all but the closed one").isEqualTo(MORE);
        assertThat(de.get("incidents").findValuesAsText("incidentId")).as("the newest listed, newest first")
                .containsExactlyElementsOf(newestFirst.subList(0, GroupViews.LISTED));
        assertThat(de.get("incidents").get(0).get("tlp").asText()).isEqualTo("RED");
        JsonNode auditorsRow = row(readers.json("eu-audit", "/v1/member-states"), "DE");
        assertThat(auditorsRow.get("incidents").asInt()).isEqualTo(MORE + 1);
        assertThat(auditorsRow.get("open").asInt()).isEqualTo(MORE);

        JsonNode seenByFrance = readers.json("fr-anssi", "/v1/member-states/DE");
        assertThat(seenByFrance.get("incidentCount").asInt()).as("only the GREEN ones").isEqualTo(green.size());
        assertThat(seenByFrance.get("incidents").findValuesAsText("incidentId")).containsExactlyElementsOf(reversed(green));
        assertThat(row(readers.json("fr-anssi", "/v1/member-states"), "DE").get("incidents").asInt()).isEqualTo(green.size());

        JsonNode card = readers.await("mssp-baltic", "/v1/scorecards/mssp-baltic", view -> view.get("engagements").asInt() == MORE + 1);
        assertThat(card.get("engagementRecords").findValuesAsText("incidentId")).containsExactlyElementsOf(newestFirst.subList(0, GroupViews.LISTED));
        JsonNode commissions = readers.json(COMMISSION, "/v1/scorecards/mssp-baltic");
        assertThat(commissions.get("engagements").asInt()).as("the counts stay whole").isEqualTo(MORE + 1);
        assertThat(commissions.get("engagementRecords").findValuesAsText("incidentId")).as("the engagements of incidents it may read")
                .containsExactlyElementsOf(reversed(green));
        assertThat(readers.json(COMMISSION, "/v1/scorecards").get("items").findValuesAsText("msspId")).contains("mssp-baltic", "mssp-nordwind");

        JsonNode lessons = readers.await("eu-audit", "/v1/lessons/taxonomy:INTRUSIONS", view -> view.get("reviewCount").asInt() == 1);
        assertThat(lessons.get("reviews").findValuesAsText("incidentId")).containsExactly(a);
        assertThat(readers.json("de-bsi", "/v1/lessons/taxonomy:INTRUSIONS").get("reviewCount").asInt()).isEqualTo(1);
        assertThat(readers.get("fr-anssi", "/v1/lessons/taxonomy:INTRUSIONS").statusCode()).as("AMBER+STRICT, not FR's").isEqualTo(404);
    }

    /** Every entry of a group, a page at a time, newest first unless sorted otherwise; what the reader may not see is not there. */
    private static void assertEveryEntryIsPaged(Readers readers, String a, String b, List<String> more, List<String> green) {
        List<String> everyDe = new ArrayList<>(reversed(more));
        everyDe.add(a);
        JsonNode first = readers.json("eu-audit", "/v1/member-states/DE/incidents?limit=20");
        assertThat(first.get("total").asInt()).isEqualTo(MORE + 1);
        assertThat(first.get("items")).hasSize(20).allSatisfy(item -> assertThat(item.has("tlp")).isTrue());
        assertThat(allPages(readers, "eu-audit", first)).as("every incident, newest first").containsExactlyElementsOf(everyDe);
        assertThat(readers.json("eu-audit", "/v1/member-states/DE/incidents?status=CLOSED").get("items").findValuesAsText("incidentId"))
                .containsExactly(a);
        JsonNode frPage = readers.json("fr-anssi", "/v1/member-states/DE/incidents?sort=incidentId&limit=500");
        assertThat(frPage.get("items").findValuesAsText("incidentId")).containsExactlyElementsOf(green.stream().sorted().toList());
        assertThat(readers.get("eu-audit", "/v1/member-states/DE/incidents?sort=size").statusCode()).isEqualTo(400);
        assertThat(readers.get("eu-audit", "/v1/member-states/de/incidents").statusCode()).isEqualTo(400);

        List<String> everyEngagement = new ArrayList<>(reversed(more));
        everyEngagement.add(b);
        JsonNode engagements = readers.json("mssp-baltic", "/v1/scorecards/mssp-baltic/engagements?limit=500");
        assertThat(engagements.get("total").asInt()).isEqualTo(MORE + 1);
        assertThat(engagements.get("items").findValuesAsText("incidentId")).containsExactlyElementsOf(everyEngagement);
        assertThat(readers.json(COMMISSION, "/v1/scorecards/mssp-baltic/engagements").get("items").findValuesAsText("incidentId"))
                .containsExactlyElementsOf(reversed(green));
        assertThat(readers.get("mssp-nordwind", "/v1/scorecards/mssp-baltic/engagements").statusCode()).as("another provider's").isEqualTo(404);

        JsonNode reviews = readers.json("de-bsi", "/v1/lessons/taxonomy:INTRUSIONS/reviews");
        assertThat(reviews.get("total").asInt()).isEqualTo(1);
        assertThat(reviews.get("items").findValuesAsText("incidentId")).containsExactly(a);
        assertThat(readers.get("fr-anssi", "/v1/lessons/taxonomy:INTRUSIONS/reviews").statusCode()).isEqualTo(404);
    }

    /**
     * {@link #MORE} requests of DE, a minute apart from {@code from}, each matched to mssp-baltic half a minute later: the
     * older half GREEN, the newer half RED. Returns their incident ids, oldest first.
     */
    private static List<String> moreOfDe(Submissions submissions, Instant from) {
        List<IncidentEvent> requests = new ArrayList<>();
        List<IncidentEvent> matches = new ArrayList<>();
        for (int i = 0; i < MORE; i++) {
            String id = UUID.randomUUID().toString();
            Tlp tlp = i < MORE / 2 ? Tlp.GREEN : Tlp.RED;
            Instant requestedAt = from.plus(Duration.ofMinutes(i));
            requests.add(DashboardsIT.request(id, DashboardsIT.DE_NCA, "DE incident " + i, tlp, requestedAt));
            matches.add(DashboardsIT.event(id, ENISA, tlp, requestedAt.plusSeconds(30), match("mssp-baltic", requestedAt)));
        }
        // The matches only once the requests are decided: they come on another organisation's topic.
        for (List<IncidentEvent> events : List.of(requests, matches)) {
            events.forEach(submissions::submit);
            Set<String> ids = events.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(ids, Duration.ofSeconds(60));
            assertThat(ids).allSatisfy(id -> assertThat(Submissions.accepted(outcomes.get(id))).as("%s", outcomes.get(id)).isTrue());
        }
        return requests.stream().map(IncidentEvent::getIncidentId).toList();
    }

    /** The incident ids of every page from {@code first} on, following {@code next}. */
    private static List<String> allPages(Readers readers, String organisationId, JsonNode first) {
        List<String> ids = new ArrayList<>();
        for (JsonNode page = first; ; page = readers.json(organisationId, page.get("next").asText())) {
            ids.addAll(page.get("items").findValuesAsText("incidentId"));
            if (page.get("next").isNull()) {
                return ids;
            }
        }
    }

    private static JsonNode row(JsonNode page, String memberState) {
        for (JsonNode row : page.get("items")) {
            if (row.get("memberState").asText().equals(memberState)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + memberState + " in " + page);
    }

    private static List<String> reversed(List<String> ids) {
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** The system properties, with the development directory plus the Commission as the organisation directory. */
    private static Properties withCommission(Path dir) throws IOException {
        Path directory = dir.resolve("organisations.properties");
        String development = Files.readString(Path.of(System.getProperty("muster.organisations.file")));
        Files.writeString(directory, development + "\n" + COMMISSION + " = COMMISSION\n");
        Properties system = new Properties();
        system.putAll(System.getProperties());
        system.setProperty("muster.organisations.file", directory.toString());
        return system;
    }

    private static MsspMatched match(String msspId, Instant checkedAt) {
        return MsspMatched.newBuilder().setMsspId(msspId).setMatchingCriteria(List.of("language:de"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder().setResult(ConflictOfInterestResult.PASSED)
                        .setCheckedBy("enisa").setCheckedAt(checkedAt).setRemarks(null).build())
                .setSlaTerms(SlaTerms.newBuilder().setFrameworkContractId(null).setRemoteSupportWithinMinutes(null)
                        .setOnSiteWithinMinutes(null).setSituationReportIntervalMinutes(null).build())
                .build();
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
        MsspMatched match = MsspMatched.newBuilder(match("mssp-baltic", base)).setMatchingCriteria(List.of("language:fr")).build();
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
