package eu.muster.sla.view;

import eu.muster.sla.IncidentTimeline;
import eu.muster.topics.JsonSerde;
import eu.muster.topics.Topics;
import eu.muster.view.clock.Track;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The SLA view, as a story: every event on the log of record moves its incident's clocks; time
 * moves them too, when a deadline or an at-risk point passes; each move writes the incident's view
 * to {@code view.sla}, and each change worth paging for an alert to {@code alert.sla}. The stores
 * answer per incident and across incidents (open breaches, per provider, per member state).
 *
 * <p>Every processor, store and internal topic is named here; renaming one is a migration.
 */
public final class SlaTopology {

    /** Source: the log of record. */
    public static final String SOURCE = "sla-log-of-record";
    /** Moves each incident's clocks on events and on time. */
    public static final String CLOCKS = "sla-clocks";
    /** Prefix of the clocks' branches. */
    public static final String CLOCKS_BRANCH = "sla-";
    /** Per incident: its timeline, the instant last read and when it next comes due (internal). */
    public static final String TRACK_STORE = "sla-tracks";
    /** Per incident: its current view ({@code SlaView}), for interactive queries. */
    public static final String VIEW_STORE = "sla-views";
    /** Due index: {@code <instant, zero-padded>/<incidentId>} to the incident id (internal; see {@code DueIndex}). */
    public static final String DUE_STORE = "sla-due";
    /** Open breaches: {@code <incidentId>/<clock>/<cycle>} to the breach. */
    public static final String OPEN_BREACHES_STORE = "sla-open-breaches";
    /** Every clock that passed its deadline, per provider: {@code <msspId>/<incidentId>/<clock>/<cycle>}. */
    public static final String BREACHES_BY_MSSP_STORE = "sla-breaches-by-mssp";
    /** Every clock that passed its deadline, per requesting member state: {@code <memberState>/<incidentId>/<clock>/<cycle>}. */
    public static final String BREACHES_BY_MEMBER_STATE_STORE = "sla-breaches-by-member-state";

    private SlaTopology() {
    }

    /** Adds the SLA view to {@code builder}. */
    public static void build(StreamsBuilder builder, Topics topics, SlaSettings settings) {
        addStores(builder, topics);

        Map<String, KStream<String, SlaOutput>> outputs = builder
                .stream(Topics.INCIDENT_EVENTS, Consumed.with(topics.incidentIdSerde(), topics.recordedEventSerde()).withName(SOURCE))
                .process(() -> new SlaProcessor(settings), Named.as(CLOCKS), TRACK_STORE, VIEW_STORE, DUE_STORE,
                        OPEN_BREACHES_STORE, BREACHES_BY_MSSP_STORE, BREACHES_BY_MEMBER_STATE_STORE)
                .split(Named.as(CLOCKS_BRANCH))
                .branch((key, value) -> value instanceof SlaOutput.View, Branched.as("view"))
                .defaultBranch(Branched.as("alert"));

        outputs.get(CLOCKS_BRANCH + "view")
                .mapValues(value -> ((SlaOutput.View) value).view(), Named.as("sla-view-records"))
                .to(Topics.VIEW_SLA, Produced.with(topics.incidentIdSerde(), topics.slaViewSerde()).withName("sla-view-sink"));
        outputs.get(CLOCKS_BRANCH + "alert")
                .mapValues(value -> ((SlaOutput.Alert) value).alert(), Named.as("sla-alert-records"))
                .to(Topics.ALERT_SLA, Produced.with(topics.incidentIdSerde(), topics.slaAlertSerde()).withName("sla-alert-sink"));
    }

    private static void addStores(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRACK_STORE),
                topics.incidentIdSerde(), JsonSerde.parametric(Track.class, IncidentTimeline.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIEW_STORE),
                topics.incidentIdSerde(), topics.slaViewSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE),
                topics.idSerde(), topics.incidentIdSerde()));
        for (String index : new String[] {OPEN_BREACHES_STORE, BREACHES_BY_MSSP_STORE, BREACHES_BY_MEMBER_STATE_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(index),
                    topics.idSerde(), topics.slaBreachSerde()));
        }
    }
}
