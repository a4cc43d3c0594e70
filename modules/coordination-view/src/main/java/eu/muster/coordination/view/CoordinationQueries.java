package eu.muster.coordination.view;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.ReviewView;
import eu.muster.contract.Sector;
import eu.muster.contract.TaxonomyClass;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the coordination and review views' stores, each in one lookup: one incident's coordination
 * status or review, one member state's incidents, one provider's scorecard, one lesson group.
 * Answers from the stores this instance holds; the query API (issue 7) finds the owner of a key.
 */
public final class CoordinationQueries {

    /** Lesson groups by taxonomy class are keyed {@code taxonomy:<class>}. */
    public static final String TAXONOMY_GROUP = "taxonomy:";
    /** Lesson groups by sector are keyed {@code sector:<sector>}. */
    public static final String SECTOR_GROUP = "sector:";

    private final Function<String, ReadOnlyKeyValueStore<String, ?>> stores;

    /** Queries over the stores {@code stores} returns by name. */
    public CoordinationQueries(Function<String, ReadOnlyKeyValueStore<String, ?>> stores) {
        this.stores = stores;
    }

    /** Queries over a running Streams client's local stores. */
    public static CoordinationQueries of(KafkaStreams streams) {
        return new CoordinationQueries(name -> streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Object>keyValueStore())));
    }

    /** One incident's cross-border coordination status. */
    public Optional<CoordinationView> coordination(String incidentId) {
        return get(CoordinationTopology.COORDINATION_STORE, incidentId, CoordinationView.class);
    }

    /** One incident's review under the incident review mechanism. */
    public Optional<ReviewView> review(String incidentId) {
        return get(CoordinationTopology.REVIEW_STORE, incidentId, ReviewView.class);
    }

    /** Every incident a member state requests, is affected by, or assists in. */
    public Optional<MemberStateView> memberState(String memberState) {
        return get(CoordinationTopology.MEMBER_STATE_STORE, memberState, MemberStateView.class);
    }

    /** One provider's scorecard. */
    public Optional<MsspScorecard> scorecard(String msspId) {
        return get(CoordinationTopology.SCORECARD_STORE, msspId, MsspScorecard.class);
    }

    /** Lessons learned from incidents of one taxonomy class. */
    public Optional<LessonsView> lessons(TaxonomyClass taxonomyClass) {
        return get(CoordinationTopology.LESSONS_STORE, TAXONOMY_GROUP + taxonomyClass, LessonsView.class);
    }

    /** Lessons learned from incidents affecting one sector. */
    public Optional<LessonsView> lessons(Sector sector) {
        return get(CoordinationTopology.LESSONS_STORE, SECTOR_GROUP + sector, LessonsView.class);
    }

    private <T> Optional<T> get(String store, String key, Class<T> type) {
        return Optional.ofNullable(stores.apply(store).get(key)).map(type::cast);
    }
}
