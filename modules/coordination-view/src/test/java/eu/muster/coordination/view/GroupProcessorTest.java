package eu.muster.coordination.view;

import static eu.muster.coordination.view.CoordinationTopologyTest.POLICY;
import static eu.muster.coordination.view.CoordinationTopologyTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.EngagementRecord;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.Sector;
import eu.muster.contract.TaxonomyClass;
import eu.muster.coordination.GroupViews;
import eu.muster.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group processors fold one entry at a time; whatever the order of joins, changes and leaves, each
 * group's view must equal {@link GroupViews} over the group's entries as they stand, which is what the
 * auditor's replay computes. Entries go straight onto each grouping's repartition topic.
 */
class GroupProcessorTest {

    private static final String[] INCIDENTS = new String[80];

    static {
        for (int i = 0; i < INCIDENTS.length; i++) {
            INCIDENTS[i] = String.format("%08x-0000-4000-8000-000000000000", i * 2654435761L & 0xffffffffL);
        }
    }

    @TempDir
    Path stateDir;
    private CoordinationDriver coordination;

    @BeforeEach
    void start() {
        coordination = new CoordinationDriver(stateDir, POLICY, T0);
    }

    @AfterEach
    void stop() {
        coordination.close();
    }

    @Test
    void scorecardsFollowEveryJoinChangeAndLeaveExactlyAsAWholeFold() {
        Random random = new Random(7);
        checkRandomChanges(Grouping.MSSP, List.of("mssp-a", "mssp-b"), 2_000, random, incident -> engagement(random, incident),
                (group, entries) -> GroupViews.scorecard(group, entries.values().stream().map(EngagementRecord.class::cast).toList()));
    }

    @Test
    void lessonsFollowEveryJoinChangeAndLeaveExactlyAsAWholeFold() {
        Random random = new Random(11);
        checkRandomChanges(Grouping.LESSONS, List.of("taxonomy:INTRUSIONS", "sector:HEALTH"), 2_000, random, incident -> lesson(random, incident),
                (group, entries) -> GroupViews.lessons(group, entries.values().stream().map(LessonRecord.class::cast).toList()));
    }

    @Test
    void memberStateOverviewsFollowEveryJoinChangeAndLeaveExactlyAsAWholeFold() {
        Random random = new Random(13);
        checkRandomChanges(Grouping.MEMBER_STATE, List.of("DE", "FR"), 2_000, random, incident -> memberStateIncident(random, incident),
                (group, entries) -> GroupViews.memberState(group, entries.values().stream().map(MemberStateIncident.class::cast).toList()));
    }

    @Test
    void aViewListsOnlyTheNewestFiftyButCountsAndSummarisesEveryEntry() {
        TestInputTopic<String, GroupEntry> entries = entries(Grouping.LESSONS);
        List<LessonRecord> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            LessonRecord lesson = LessonRecord.newBuilder().setIncidentId(String.format("incident-%03d", i)).setTaxonomyClass(TaxonomyClass.FRAUD)
                    .setSectors(List.of()).setLessonsLearned(List.of()).setRecommendations(List.of())
                    .setFiledAt(T0.plusSeconds(i)).setClosureToReviewMillis(1_000L * i).build();
            all.add(lesson);
            entries.pipeInput("taxonomy:FRAUD", entry("taxonomy:FRAUD", lesson.getIncidentId(), lesson));
        }

        LessonsView view = (LessonsView) coordination.driver.getKeyValueStore(CoordinationTopology.LESSONS_STORE).get("taxonomy:FRAUD");
        assertThat(view.getReviewCount()).isEqualTo(120);
        assertThat(view.getReviews()).hasSize(GroupViews.LISTED);
        assertThat(view.getReviews().get(0).getIncidentId()).as("newest first").isEqualTo("incident-119");
        assertThat(view.getReviews().get(GroupViews.LISTED - 1).getIncidentId()).isEqualTo("incident-070");
        assertThat(view.getMedianClosureToReviewMillis()).as("the lower median of 0..119 s").isEqualTo(59_000);
        assertThat(view.getWorstClosureToReviewMillis()).isEqualTo(119_000);
        assertThat(String.valueOf(view)).isEqualTo(String.valueOf(GroupViews.lessons("taxonomy:FRAUD", all)));
    }

    @Test
    void theLastEntryToLeaveRemovesTheGroupAndItsIndexes() {
        TestInputTopic<String, GroupEntry> entries = entries(Grouping.MSSP);
        EngagementRecord engagement = engagement(new Random(3), INCIDENTS[0]);
        entries.pipeInput("mssp-a", entry("mssp-a", INCIDENTS[0], engagement));
        entries.pipeInput("mssp-a", entry("mssp-a", INCIDENTS[0], null));

        assertThat(coordination.shown(CoordinationTopology.SCORECARD_STORE)).isEmpty();
        assertThat(coordination.shown(Grouping.MSSP.entryStore())).isEmpty();
        assertThat(coordination.shown(Grouping.MSSP.newestStore())).isEmpty();
        assertThat(coordination.shown(Grouping.MSSP.durationStore())).isEmpty();
    }

    @Test
    void aViewWrittenBeforeContractVersionSixIsRebuiltFromItsEntriesOnItsNextChange() {
        Random random = new Random(5);
        KeyValueStore<String, Object> entryStore = coordination.driver.getKeyValueStore(Grouping.MSSP.entryStore());
        KeyValueStore<String, Object> views = coordination.driver.getKeyValueStore(CoordinationTopology.SCORECARD_STORE);
        Map<String, Object> model = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            EngagementRecord engagement = engagement(random, INCIDENTS[i]);
            model.put(INCIDENTS[i], engagement);
            entryStore.put("mssp-a/" + INCIDENTS[i], entry("mssp-a", INCIDENTS[i], engagement));
        }
        // What version 5 stored: the same counts and summaries, every engagement listed by incident id, and no index behind them.
        List<EngagementRecord> all = model.values().stream().map(EngagementRecord.class::cast).toList();
        views.put("mssp-a", MsspScorecard.newBuilder(GroupViews.scorecard("mssp-a", all)).setEngagementRecords(all).build());

        EngagementRecord changed = engagement(random, INCIDENTS[3]);
        model.put(INCIDENTS[3], changed);
        entries(Grouping.MSSP).pipeInput("mssp-a", entry("mssp-a", INCIDENTS[3], changed));

        assertThat(String.valueOf(views.get("mssp-a")))
                .isEqualTo(String.valueOf(GroupViews.scorecard("mssp-a", model.values().stream().map(EngagementRecord.class::cast).toList())));
        assertThat(((MsspScorecard) views.get("mssp-a")).getEngagements()).isEqualTo(10);
    }

    @Test
    void anOverviewWrittenBeforeContractVersionSixCountsNothingAndIsRebuiltFromItsEntries() {
        Random random = new Random(9);
        KeyValueStore<String, Object> entryStore = coordination.driver.getKeyValueStore(Grouping.MEMBER_STATE.entryStore());
        KeyValueStore<String, Object> views = coordination.driver.getKeyValueStore(CoordinationTopology.MEMBER_STATE_STORE);
        Map<String, MemberStateIncident> model = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            MemberStateIncident incident = memberStateIncident(random, INCIDENTS[i]);
            model.put(INCIDENTS[i], incident);
            entryStore.put("DE/" + INCIDENTS[i], entry("DE", INCIDENTS[i], incident));
        }
        // Version 5 listed every incident and had no counts: they read as 0.
        views.put("DE", MemberStateView.newBuilder().setMemberState("DE").setIncidents(List.copyOf(model.values())).build());

        entries(Grouping.MEMBER_STATE).pipeInput("DE", entry("DE", INCIDENTS[0], null));
        model.remove(INCIDENTS[0]);

        MemberStateView rebuilt = (MemberStateView) views.get("DE");
        assertThat(rebuilt.getIncidentCount()).isEqualTo(59);
        assertThat(rebuilt.getIncidents()).hasSize(GroupViews.LISTED);
        assertThat(String.valueOf(rebuilt)).isEqualTo(String.valueOf(GroupViews.memberState("DE", model.values())));
    }

    @Test
    void withAGroupIntervalEachChangedGroupIsWrittenOncePerIntervalAsTheWholeFoldOfItsEntries() {
        Duration interval = Duration.ofMillis(100);
        try (CoordinationDriver batched = new CoordinationDriver(stateDir.resolve("batched"), POLICY, T0, interval)) {
            TestInputTopic<String, GroupEntry> entries = batched.driver.createInputTopic("coordination-test-" + Grouping.MEMBER_STATE.entries()
                    + "-repartition", batched.topics.groupSerde().serializer(), batched.topics.groupEntrySerde().serializer());
            TestOutputTopic<String, MemberStateView> written = batched.driver.createOutputTopic(Topics.VIEW_MEMBER_STATE,
                    batched.topics.groupSerde().deserializer(), batched.topics.memberStateViewSerde().deserializer());
            KeyValueStore<String, Object> views = batched.driver.getKeyValueStore(CoordinationTopology.MEMBER_STATE_STORE);
            Random random = new Random(17);
            List<String> groups = List.of("DE", "FR", "IT");
            Map<String, Map<String, MemberStateIncident>> model = new TreeMap<>();
            groups.forEach(group -> model.put(group, new TreeMap<>()));
            Instant at = T0;
            for (int batch = 0; batch < 60; batch++) {
                Map<String, Instant> latest = new TreeMap<>();
                int changes = 1 + random.nextInt(40);
                for (int i = 0; i < changes; i++) {
                    String group = groups.get(random.nextInt(groups.size()));
                    String incident = INCIDENTS[random.nextInt(INCIDENTS.length)];
                    MemberStateIncident entry = random.nextInt(4) == 0 ? null : memberStateIncident(random, incident);
                    if (entry == null) {
                        model.get(group).remove(incident);
                    } else {
                        model.get(group).put(incident, entry);
                    }
                    at = at.plusMillis(1 + random.nextInt(500));
                    entries.pipeInput(group, entry(group, incident, entry), at);
                    latest.put(group, at);
                }
                assertThat(written.isEmpty()).as("nothing is written before the interval ends (batch %d)", batch).isTrue();

                batched.wallClockAt(batched.wallClock().plus(interval));

                List<TestRecord<String, MemberStateView>> records = written.readRecordsToList();
                assertThat(records).as("one record per group changed in batch %d", batch).extracting(TestRecord::key)
                        .containsExactlyInAnyOrderElementsOf(latest.keySet());
                for (TestRecord<String, MemberStateView> record : records) {
                    Map<String, MemberStateIncident> standing = model.get(record.key());
                    String expected = String.valueOf(standing.isEmpty() ? null : GroupViews.memberState(record.key(), standing.values()));
                    assertThat(String.valueOf(record.value())).as("%s after batch %d", record.key(), batch).isEqualTo(expected);
                    assertThat(String.valueOf(views.get(record.key()))).isEqualTo(expected);
                    assertThat(record.getRecordTime()).as("the latest change's time").isEqualTo(latest.get(record.key()));
                }
            }
        }
    }

    private void checkRandomChanges(Grouping grouping, List<String> groups, int changes, Random random, Function<String, Object> entryOf,
            java.util.function.BiFunction<String, Map<String, Object>, Object> whole) {
        TestInputTopic<String, GroupEntry> entries = entries(grouping);
        KeyValueStore<String, Object> views = coordination.driver.getKeyValueStore(grouping.viewStore());
        Map<String, Map<String, Object>> model = new TreeMap<>();
        groups.forEach(group -> model.put(group, new TreeMap<>()));
        for (int i = 0; i < changes; i++) {
            String group = groups.get(random.nextInt(groups.size()));
            String incident = INCIDENTS[random.nextInt(INCIDENTS.length)];
            Object entry = random.nextInt(5) == 0 ? null : entryOf.apply(incident);
            if (entry == null) {
                model.get(group).remove(incident);
            } else {
                model.get(group).put(incident, entry);
            }
            entries.pipeInput(group, entry(group, incident, entry));

            Object expected = model.get(group).isEmpty() ? null : whole.apply(group, model.get(group));
            assertThat(String.valueOf(views.get(group))).as("%s after change %d", group, i).isEqualTo(String.valueOf(expected));
        }
    }

    private TestInputTopic<String, GroupEntry> entries(Grouping grouping) {
        return coordination.driver.createInputTopic("coordination-test-" + grouping.entries() + "-repartition",
                coordination.topics.groupSerde().serializer(), coordination.topics.groupEntrySerde().serializer(), T0, Duration.ofSeconds(1));
    }

    private static GroupEntry entry(String group, String incidentId, Object entry) {
        return GroupEntry.newBuilder().setGroup(group).setIncidentId(incidentId).setEntry(entry).build();
    }

    /** Small ranges, so that equal values, equal instants and missing values are common. */
    private static EngagementRecord engagement(Random random, String incidentId) {
        return EngagementRecord.newBuilder().setIncidentId(incidentId)
                .setDeployments(random.nextInt(3)).setClocksDecided(random.nextInt(4)).setClocksMet(random.nextInt(2))
                .setTimeToRemoteSupportMillis(random.nextInt(4) == 0 ? null : (long) random.nextInt(6) * 60_000)
                .setTimeToOnSiteMillis(random.nextInt(2) == 0 ? null : (long) random.nextInt(10) * 3_600_000)
                .setCitedInReview(random.nextBoolean())
                .setMatchedAt(random.nextInt(6) == 0 ? null : T0.plusSeconds(random.nextInt(30)))
                .build();
    }

    private static LessonRecord lesson(Random random, String incidentId) {
        return LessonRecord.newBuilder().setIncidentId(incidentId).setTaxonomyClass(TaxonomyClass.INTRUSIONS)
                .setSectors(List.of(Sector.HEALTH)).setLessonsLearned(List.of("patch")).setRecommendations(List.of())
                .setFiledAt(T0.plusSeconds(random.nextInt(20))).setClosureToReviewMillis((long) random.nextInt(8) * 86_400_000).build();
    }

    private static MemberStateIncident memberStateIncident(Random random, String incidentId) {
        List<MemberStateRelation> relations = new ArrayList<>();
        for (MemberStateRelation relation : List.of(MemberStateRelation.REQUESTING, MemberStateRelation.AFFECTED, MemberStateRelation.ASSISTING)) {
            if (random.nextBoolean()) {
                relations.add(relation);
            }
        }
        List<OpenItem> items = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            items.add(OpenItem.newBuilder().setKind(OpenItemKind.values()[1]).setOwner("de-bsi").setSubject("s" + i).setSince(T0).build());
        }
        IncidentStatus[] statuses = {IncidentStatus.REQUESTED, IncidentStatus.ACTIVE, IncidentStatus.CLOSED, IncidentStatus.WITHDRAWN};
        Instant requestedAt = random.nextInt(8) == 0 ? null : T0.plusSeconds(random.nextInt(30));
        return MemberStateIncident.newBuilder().setIncidentId(incidentId).setRelations(relations).setTitle("t")
                .setStatus(statuses[random.nextInt(statuses.length)]).setOpenItems(items).setRequestedAt(requestedAt).build();
    }
}
