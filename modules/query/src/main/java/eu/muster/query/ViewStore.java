package eu.muster.query;

import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.record.LogOfRecordTopology;
import eu.muster.sla.view.SlaTopology;
import eu.muster.topics.Topics;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state stores the query API reads, each with how its keys are partitioned and how its values
 * travel between instances (the same single-object encoding as on the view topics, so an instance
 * one contract version ahead still understands its peers).
 */
public enum ViewStore {

    /** SLA clocks per incident. */
    SLA(SlaTopology.VIEW_STORE, Keys.INCIDENT),
    /** Open breaches, keyed {@code incidentId/KIND/cycle}, in the partition of their incident: read by partition only. */
    OPEN_BREACHES(SlaTopology.OPEN_BREACHES_STORE, Keys.INCIDENT),
    /** Coordination status per incident; its {@code tlp} and participants decide who may read the incident. */
    COORDINATION(CoordinationTopology.COORDINATION_STORE, Keys.INCIDENT),
    /** The review per incident. */
    REVIEW(CoordinationTopology.REVIEW_STORE, Keys.INCIDENT),
    /** Incidents per member state. */
    MEMBER_STATE(CoordinationTopology.MEMBER_STATE_STORE, Keys.GROUP),
    /** Scorecards per provider. */
    SCORECARD(CoordinationTopology.SCORECARD_STORE, Keys.GROUP),
    /** Lessons per taxonomy class and per sector. */
    LESSONS(CoordinationTopology.LESSONS_STORE, Keys.GROUP),
    /** Every incident of every member state, keyed {@code <member state>/<incidentId>}, in the member state's partition: read by group only. */
    MEMBER_STATE_ENTRIES(CoordinationTopology.MEMBER_STATE_ENTRY_STORE, Keys.GROUP),
    /** Every engagement of every provider, keyed {@code <msspId>/<incidentId>}, in the provider's partition: read by group only. */
    SCORECARD_ENTRIES(CoordinationTopology.SCORECARD_ENTRY_STORE, Keys.GROUP),
    /** Every review of every lessons group, keyed {@code <group>/<incidentId>}, in the group's partition: read by group only. */
    LESSONS_ENTRIES(CoordinationTopology.LESSONS_ENTRY_STORE, Keys.GROUP),
    /** Submission outcomes per eventId, for the gateway's outcome lookup. */
    OUTCOMES(LogOfRecordTopology.OUTCOME_QUERY_STORE, Keys.ID);

    /** How a store's keys map to partitions: incident ids as on the log of record, groups as on the repartition topics, event ids as on submission.outcomes. */
    enum Keys { INCIDENT, GROUP, ID }

    private final String storeName;
    private final Keys keys;

    ViewStore(String storeName, Keys keys) {
        this.storeName = storeName;
        this.keys = keys;
    }

    /** The Kafka Streams store name. */
    public String storeName() {
        return storeName;
    }

    /** The store named {@code storeName}, if the query API reads it. */
    public static Optional<ViewStore> byStoreName(String storeName) {
        return Arrays.stream(values()).filter(store -> store.storeName.equals(storeName)).findFirst();
    }

    /** The serializer that partitions this store's keys as the topology does. */
    Serializer<String> keySerializer(Topics topics) {
        return switch (keys) {
            case INCIDENT -> topics.incidentIdSerde().serializer();
            case GROUP -> topics.groupSerde().serializer();
            case ID -> topics.idSerde().serializer();
        };
    }

    /** The serde of this store's values. */
    @SuppressWarnings("unchecked")
    <V extends SpecificRecord> Serde<V> valueSerde(Topics topics) {
        Serde<?> serde = switch (this) {
            case SLA -> topics.slaViewSerde();
            case OPEN_BREACHES -> topics.slaBreachSerde();
            case COORDINATION -> topics.coordinationViewSerde();
            case REVIEW -> topics.reviewViewSerde();
            case MEMBER_STATE -> topics.memberStateViewSerde();
            case SCORECARD -> topics.scorecardSerde();
            case LESSONS -> topics.lessonsViewSerde();
            case MEMBER_STATE_ENTRIES, SCORECARD_ENTRIES, LESSONS_ENTRIES -> topics.groupEntrySerde();
            case OUTCOMES -> topics.outcomeSerde();
        };
        return (Serde<V>) serde;
    }
}
