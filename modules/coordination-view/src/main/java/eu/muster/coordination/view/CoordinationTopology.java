package eu.muster.coordination.view;

import eu.muster.contract.EngagementRecord;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.MemberStateIncident;
import eu.muster.coordination.GroupFold;
import eu.muster.coordination.GroupViews;
import eu.muster.coordination.IncidentFacts;
import eu.muster.topics.JsonSerde;
import eu.muster.topics.Topics;
import eu.muster.view.clock.Track;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The coordination and review views, as a story: every event on the log of record, and time
 * passing, move its incident's coordination status and review; each move writes both views, and
 * the incident's entries in the cross-incident views, which travel to their group (a member state,
 * a provider, a lesson group) and are folded there into the member-state overview, the provider's
 * scorecard and the lessons learned. Every view is a compacted topic and a queryable store.
 *
 * <p>Every processor, store and internal topic is named here; renaming one is a migration.
 */
public final class CoordinationTopology {

    /** Source: the log of record. */
    public static final String SOURCE = "coordination-log-of-record";
    /** Moves each incident's views on events and on time. */
    public static final String INCIDENT_VIEWS = "incident-views";
    /** Prefix of the incident processor's branches. */
    public static final String BRANCH = "incident-views-";
    /** Per incident: its facts, the instant last read and when it next comes due (internal). */
    public static final String TRACK_STORE = "coordination-tracks";
    /** Due index of the incident processor (internal). */
    public static final String DUE_STORE = "coordination-due";
    /** Per incident: its coordination status ({@code CoordinationView}). */
    public static final String COORDINATION_STORE = "coordination-views";
    /** Per incident: its review ({@code ReviewView}). */
    public static final String REVIEW_STORE = "review-views";
    /** Per member state: its incidents ({@code MemberStateView}). */
    public static final String MEMBER_STATE_STORE = Grouping.MEMBER_STATE.viewStore();
    /** Per provider: its scorecard ({@code MsspScorecard}). */
    public static final String SCORECARD_STORE = Grouping.MSSP.viewStore();
    /** Per lesson group ({@code taxonomy:<class>}, {@code sector:<sector>}): its lessons ({@code LessonsView}). */
    public static final String LESSONS_STORE = Grouping.LESSONS.viewStore();
    /** Per member state: each incident's entry ({@code GroupEntry}), keyed {@code <member state>/<incidentId>}, in the member state's partition. */
    public static final String MEMBER_STATE_ENTRY_STORE = Grouping.MEMBER_STATE.entryStore();
    /** Per provider: each engagement's entry ({@code GroupEntry}), keyed {@code <msspId>/<incidentId>}, in the provider's partition. */
    public static final String SCORECARD_ENTRY_STORE = Grouping.MSSP.entryStore();
    /** Per lesson group: each review's entry ({@code GroupEntry}), keyed {@code <group>/<incidentId>}, in the group's partition. */
    public static final String LESSONS_ENTRY_STORE = Grouping.LESSONS.entryStore();
    /** Group keys and incident ids hold no '/': {@code <group>/} prefixes exactly one group's keys in the entry stores. */
    public static final String GROUP_SEPARATOR = GroupProcessor.SEPARATOR;

    private CoordinationTopology() {
    }

    /** Adds the coordination and review views to {@code builder}. */
    public static void build(StreamsBuilder builder, Topics topics, CoordinationSettings settings) {
        addStores(builder, topics);

        Map<String, KStream<String, CoordinationOutput>> outputs = builder
                .stream(Topics.INCIDENT_EVENTS, Consumed.with(topics.incidentIdSerde(), topics.recordedEventSerde()).withName(SOURCE))
                .process(() -> new IncidentViewsProcessor(settings), Named.as(INCIDENT_VIEWS), TRACK_STORE, DUE_STORE, COORDINATION_STORE, REVIEW_STORE)
                .split(Named.as(BRANCH))
                .branch((key, value) -> value instanceof CoordinationOutput.Coordination, Branched.as("coordination"))
                .branch((key, value) -> value instanceof CoordinationOutput.Review, Branched.as("review"))
                .defaultBranch(Branched.as("entries"));

        outputs.get(BRANCH + "coordination")
                .mapValues(value -> ((CoordinationOutput.Coordination) value).view(), Named.as("coordination-records"))
                .to(Topics.VIEW_COORDINATION, Produced.with(topics.incidentIdSerde(), topics.coordinationViewSerde()).withName("coordination-sink"));
        outputs.get(BRANCH + "review")
                .mapValues(value -> ((CoordinationOutput.Review) value).view(), Named.as("review-records"))
                .to(Topics.VIEW_REVIEW, Produced.with(topics.incidentIdSerde(), topics.reviewViewSerde()).withName("review-sink"));

        KStream<String, CoordinationOutput> entries = outputs.get(BRANCH + "entries");
        group(entries, topics, settings, Grouping.MEMBER_STATE, Topics.VIEW_MEMBER_STATE, topics.memberStateViewSerde(),
                GroupViews.MEMBER_STATE, MemberStateIncident.class);
        group(entries, topics, settings, Grouping.MSSP, Topics.VIEW_MSSP_SCORECARD, topics.scorecardSerde(), GroupViews.SCORECARD, EngagementRecord.class);
        group(entries, topics, settings, Grouping.LESSONS, Topics.VIEW_LESSONS, topics.lessonsViewSerde(), GroupViews.LESSONS, LessonRecord.class);
    }

    /** One grouping: its entries, by group, through their own internal topic to the group processor and on to the view topic. */
    private static <E, V> void group(KStream<String, CoordinationOutput> entries, Topics topics, CoordinationSettings settings,
            Grouping grouping, String viewTopic, Serde<V> viewSerde, GroupFold<E, V> fold, Class<E> entryType) {
        String[] stores = fold.durations().isEmpty()
                ? new String[] {grouping.entryStore(), grouping.newestStore(), grouping.countStore(), grouping.pendingStore(), grouping.viewStore()}
                : new String[] {grouping.entryStore(), grouping.newestStore(), grouping.durationStore(), grouping.countStore(),
                        grouping.pendingStore(), grouping.viewStore()};
        entries.filter((group, value) -> ((CoordinationOutput.Entry) value).grouping() == grouping, Named.as(grouping.node() + "-only"))
                .mapValues(value -> ((CoordinationOutput.Entry) value).entry(), Named.as(grouping.node() + "-entry-records"))
                .repartition(Repartitioned.with(topics.groupSerde(), topics.groupEntrySerde())
                        .withName(grouping.entries())
                        .withNumberOfPartitions(settings.partitions()))
                .process(() -> new GroupProcessor<>(grouping, fold, entryType, settings.groupInterval()), Named.as(grouping.processor()), stores)
                .to(viewTopic, Produced.with(topics.groupSerde(), viewSerde).withName(grouping.node() + "-sink"));
    }

    private static void addStores(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRACK_STORE),
                topics.incidentIdSerde(), JsonSerde.parametric(Track.class, IncidentFacts.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE),
                topics.idSerde(), topics.incidentIdSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COORDINATION_STORE),
                topics.incidentIdSerde(), topics.coordinationViewSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REVIEW_STORE),
                topics.incidentIdSerde(), topics.reviewViewSerde()));
        addGroupStores(builder, topics, Grouping.MEMBER_STATE, topics.memberStateViewSerde(), !GroupViews.MEMBER_STATE.durations().isEmpty());
        addGroupStores(builder, topics, Grouping.MSSP, topics.scorecardSerde(), !GroupViews.SCORECARD.durations().isEmpty());
        addGroupStores(builder, topics, Grouping.LESSONS, topics.lessonsViewSerde(), !GroupViews.LESSONS.durations().isEmpty());
    }

    private static <V> void addGroupStores(StreamsBuilder builder, Topics topics, Grouping grouping, Serde<V> viewSerde, boolean durations) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.entryStore()),
                topics.groupSerde(), topics.groupEntrySerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.newestStore()),
                topics.groupSerde(), topics.groupEntrySerde()));
        if (durations) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.durationStore()),
                    topics.groupSerde(), Serdes.String()));
        }
        // A busy group's counts change with every event of its incidents; the cache keeps only the last version of each
        // commit interval for the changelog and RocksDB (docs/benchmarks.md has the figures). So for the groups waiting.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.countStore()),
                topics.groupSerde(), viewSerde).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.pendingStore()),
                topics.groupSerde(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(grouping.viewStore()),
                topics.groupSerde(), viewSerde).withCachingEnabled());
    }
}
