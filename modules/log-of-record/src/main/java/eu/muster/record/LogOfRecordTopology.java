package eu.muster.record;

import eu.muster.codec.SingleObjectCodec;
import eu.muster.contract.Rejection;
import eu.muster.contract.Submission;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.JsonSerde;
import eu.muster.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The log of record, as a story: submissions arrive on every organisation's topic; the intake reads
 * them and refuses unreadable bytes; readable ones are grouped by incident; the decider applies the
 * rules; accepted events go to the log of record, refusals to the rejections, and every eventId's
 * outcome to the outcome topic, which is also kept as a queryable table.
 *
 * <p>Every processor, store and internal topic is named here; renaming one is a migration.
 */
public final class LogOfRecordTopology {

    /** Source: every {@code submissions.<organisationId>} topic, present and future. */
    public static final String SUBMISSIONS_SOURCE = "submissions";
    /** Decodes submissions and takes the organisation from the topic. */
    public static final String INTAKE = "submission-intake";
    /** Prefix of the intake's branches. */
    public static final String INTAKE_BRANCH = "intake-";
    /** Internal topic grouping submissions by incident: {@code <application.id>-submissions-by-incident-repartition}. */
    public static final String SUBMISSIONS_BY_INCIDENT = "submissions-by-incident";
    /** The incident aggregate. */
    public static final String DECIDE = "decide";
    /** Prefix of the decider's branches. */
    public static final String DECIDED_BRANCH = "decided-";
    /** Per incident: the domain state and the end of the hash chain. */
    public static final String INCIDENT_STORE = "incident-chain-heads";
    /** Per eventId: its outcome, local to the incident's task; how resubmissions are recognised. */
    public static final String OUTCOME_STORE = "decided-event-ids";
    /** Global: organisation id to its registered role and member state. */
    public static final String ORGANISATION_DIRECTORY_STORE = "organisation-directory";
    /** Per eventId: its outcome, partitioned by eventId, for lookups by any submitter. */
    public static final String OUTCOME_QUERY_STORE = "submission-outcomes";

    private LogOfRecordTopology() {
    }

    /** Adds the log of record to {@code builder}. */
    public static void build(StreamsBuilder builder, Topics topics, LogOfRecordSettings settings) {
        build(builder, topics, settings, Decisions.NONE);
    }

    /** Adds the log of record to {@code builder}; {@code decisions} hears of each acceptance and rejection. */
    public static void build(StreamsBuilder builder, Topics topics, LogOfRecordSettings settings, Decisions decisions) {
        addStores(builder, topics);

        Map<String, KStream<byte[], Intake>> intake = builder
                .stream(Topics.submissionTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SUBMISSIONS_SOURCE))
                .processValues(() -> new SubmissionIntake(SingleObjectCodec.forIncidentEvents()), Named.as(INTAKE))
                .split(Named.as(INTAKE_BRANCH))
                .branch((key, value) -> value instanceof Intake.Unreadable, Branched.as("unreadable"))
                .defaultBranch(Branched.as("readable"));

        intake.get(INTAKE_BRANCH + "unreadable")
                .map((key, value) -> {
                    Rejection rejection = ((Intake.Unreadable) value).rejection();
                    return KeyValue.pair(SubmissionIntake.positionKey(rejection), rejection);
                }, Named.as("unreadable-keyed-by-position"))
                .peek((key, rejection) -> decisions.rejected(rejection.getReason()), Named.as("count-unreadable"))
                .to(Topics.INCIDENT_REJECTIONS, Produced.with(topics.idSerde(), topics.rejectionSerde()).withName("unreadable-rejections"));

        Map<String, KStream<String, Decided>> decided = intake.get(INTAKE_BRANCH + "readable")
                .map((key, value) -> {
                    Submission submission = ((Intake.Readable) value).submission();
                    return KeyValue.pair(submission.getEvent().getIncidentId(), submission);
                }, Named.as("keyed-by-incident"))
                .repartition(Repartitioned.with(topics.incidentIdSerde(), topics.submissionSerde())
                        .withName(SUBMISSIONS_BY_INCIDENT)
                        .withNumberOfPartitions(settings.partitions()))
                .process(() -> new IncidentDecider(settings), Named.as(DECIDE), INCIDENT_STORE, OUTCOME_STORE)
                .split(Named.as(DECIDED_BRANCH))
                .branch((key, value) -> value instanceof Decided.Recorded, Branched.as("recorded"))
                .branch((key, value) -> value instanceof Decided.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("outcome"));

        decided.get(DECIDED_BRANCH + "recorded")
                .mapValues(value -> ((Decided.Recorded) value).event(), Named.as("recorded-events"))
                .peek((key, event) -> decisions.accepted(), Named.as("count-recorded"))
                .to(Topics.INCIDENT_EVENTS, Produced.with(topics.incidentIdSerde(), topics.recordedEventSerde()).withName("log-of-record"));
        decided.get(DECIDED_BRANCH + "refused")
                .mapValues(value -> ((Decided.Refused) value).rejection(), Named.as("refusals"))
                .peek((key, rejection) -> decisions.rejected(rejection.getReason()), Named.as("count-refusals"))
                .to(Topics.INCIDENT_REJECTIONS, Produced.with(topics.incidentIdSerde(), topics.rejectionSerde()).withName("rejections"));
        decided.get(DECIDED_BRANCH + "outcome")
                .mapValues(value -> ((Decided.Outcome) value).outcome(), Named.as("outcomes"))
                .to(Topics.SUBMISSION_OUTCOMES, Produced.with(topics.idSerde(), topics.outcomeSerde()).withName("outcome-sink"));

        builder.table(Topics.SUBMISSION_OUTCOMES, Consumed.with(topics.idSerde(), topics.outcomeSerde()).withName("outcome-source"),
                Materialized.<String, SubmissionOutcome, KeyValueStore<Bytes, byte[]>>as(OUTCOME_QUERY_STORE)
                        .withKeySerde(topics.idSerde())
                        .withValueSerde(topics.outcomeSerde()));
    }

    private static void addStores(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENT_STORE),
                topics.incidentIdSerde(), new JsonSerde<>(ChainHead.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTCOME_STORE),
                topics.idSerde(), topics.outcomeSerde()));
        // A global store is restored from its topic directly, so it needs no changelog of its own.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANISATION_DIRECTORY_STORE),
                        topics.idSerde(), topics.organisationSerde()).withLoggingDisabled(),
                Topics.ORGANISATIONS,
                Consumed.with(topics.idSerde(), topics.organisationSerde()).withName("organisation-directory-source"),
                DirectoryUpdate::new);
    }

}
