package eu.muster.topics;

import eu.muster.codec.EventSerde;
import eu.muster.codec.SingleObjectCodec;
import eu.muster.contract.ContractSchemas;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateView;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.Organisation;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaView;
import eu.muster.contract.Submission;
import eu.muster.contract.SubmissionOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place that names muster's topics and says how their records are serialised. No other
 * code spells a topic name or builds a serde.
 */
public final class Topics {

    /** The log of record: every accepted event, keyed by incident id, kept forever. */
    public static final String INCIDENT_EVENTS = "incident.events";
    /** Refused submissions with their reasons, keyed by incident id, kept forever. */
    public static final String INCIDENT_REJECTIONS = "incident.rejections";
    /** The contract's schemas, keyed by fingerprint (hex, header byte order), value the schema's JSON. Compacted. */
    public static final String SCHEMAS = "muster.schemas";
    /** Compacted view of each incident's SLA clocks. */
    public static final String VIEW_SLA = "view.sla";
    /** Changes of SLA clocks worth paging someone for, keyed by incident id, kept forever. */
    public static final String ALERT_SLA = "alert.sla";
    /** Compacted view of each incident's cross-border coordination status. */
    public static final String VIEW_COORDINATION = "view.coordination";
    /** Compacted view of each incident's review under the incident review mechanism. */
    public static final String VIEW_REVIEW = "view.review";
    /** Compacted view of each member state's incidents, keyed by member state code. */
    public static final String VIEW_MEMBER_STATE = "view.member-state";
    /** Compacted view of lessons learned, keyed by {@code taxonomy:<class>} or {@code sector:<sector>}. */
    public static final String VIEW_LESSONS = "view.lessons";
    /** Compacted view of each provider's scorecard, keyed by MSSP id. */
    public static final String VIEW_MSSP_SCORECARD = "view.mssp-scorecard";
    /** The outcome of every eventId, keyed by eventId, compacted: what submitters wait for. */
    public static final String SUBMISSION_OUTCOMES = "submission.outcomes";
    /** The organisation directory: organisation id to its role and member state, compacted. */
    public static final String ORGANISATIONS = "muster.organisations";
    /** Prefix of the per-organisation submission topics: {@code submissions.<organisationId>}. */
    public static final String SUBMISSIONS_PREFIX = "submissions.";

    private final List<TopicSpec> owned;
    private final TopicSettings settings;
    private final Serde<IncidentEvent> incidentEventSerde = serde(IncidentEvent.class, IncidentEvent.getClassSchema());
    private final Serde<RecordedEvent> recordedEventSerde = serde(RecordedEvent.class, RecordedEvent.getClassSchema());
    private final Serde<Rejection> rejectionSerde = serde(Rejection.class, Rejection.getClassSchema());
    private final Serde<SubmissionOutcome> outcomeSerde = serde(SubmissionOutcome.class, SubmissionOutcome.getClassSchema());
    private final Serde<Submission> submissionSerde = serde(Submission.class, Submission.getClassSchema());
    private final Serde<Organisation> organisationSerde = serde(Organisation.class, Organisation.getClassSchema());
    private final Serde<SlaView> slaViewSerde = serde(SlaView.class, SlaView.getClassSchema());
    private final Serde<SlaAlert> slaAlertSerde = serde(SlaAlert.class, SlaAlert.getClassSchema());
    private final Serde<SlaBreach> slaBreachSerde = serde(SlaBreach.class, SlaBreach.getClassSchema());
    private final Serde<CoordinationView> coordinationViewSerde = serde(CoordinationView.class, CoordinationView.getClassSchema());
    private final Serde<ReviewView> reviewViewSerde = serde(ReviewView.class, ReviewView.getClassSchema());
    private final Serde<MemberStateView> memberStateViewSerde = serde(MemberStateView.class, MemberStateView.getClassSchema());
    private final Serde<LessonsView> lessonsViewSerde = serde(LessonsView.class, LessonsView.getClassSchema());
    private final Serde<MsspScorecard> scorecardSerde = serde(MsspScorecard.class, MsspScorecard.getClassSchema());
    private final Serde<GroupEntry> groupEntrySerde = serde(GroupEntry.class, GroupEntry.getClassSchema());

    /**
     * The segment size of muster's compacted topics, and of Kafka Streams' changelogs (64 MiB). Kafka
     * compacts closed segments only; with its 1 GiB default a view partition keeps every version of
     * every view until a gigabyte has piled up, so the disk grows with the events rather than with the
     * incidents. Kafka's own compacted {@code __consumer_offsets} uses 100 MiB segments for the same reason.
     */
    public static final int COMPACTED_SEGMENT_BYTES = 64 * 1024 * 1024;

    /** The topics muster owns, sized by {@code settings}. */
    public Topics(TopicSettings settings) {
        this.settings = settings;
        Map<String, String> forever = configs(settings, TopicConfig.CLEANUP_POLICY_DELETE, "-1", "-1");
        Map<String, String> compacted = new LinkedHashMap<>(configs(settings, TopicConfig.CLEANUP_POLICY_COMPACT, null, null));
        compacted.put(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(COMPACTED_SEGMENT_BYTES));
        this.owned = List.of(
                new TopicSpec(INCIDENT_EVENTS, "the log of record: accepted incident events, kept forever",
                        settings.partitions(), settings.replicationFactor(), forever),
                new TopicSpec(INCIDENT_REJECTIONS, "refused submissions with their reasons, kept forever",
                        settings.partitions(), settings.replicationFactor(), forever),
                new TopicSpec(SUBMISSION_OUTCOMES, "the outcome of every eventId (compacted)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(SCHEMAS, "the contract's schemas by fingerprint, for consumers without this codebase",
                        1, settings.replicationFactor(), compacted),
                new TopicSpec(ORGANISATIONS, "the organisation directory: who may submit, in which role and member state",
                        1, settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_SLA, "SLA clocks per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(ALERT_SLA, "SLA alerts for paging systems: at risk, breached, met late, breach resolved",
                        settings.partitions(), settings.replicationFactor(), forever),
                new TopicSpec(VIEW_COORDINATION, "cross-border coordination status per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_REVIEW, "incident review status per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_MEMBER_STATE, "each member state's incidents (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_LESSONS, "lessons learned by taxonomy class and by sector (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_MSSP_SCORECARD, "each provider's scorecard (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted));
    }

    /** Every topic muster creates and checks, in provisioning order. */
    public List<TopicSpec> owned() {
        return owned;
    }

    /**
     * The submission topic of one organisation: {@code submissions.<organisationId>}, partitioned like
     * the log of record and kept for {@code retention} so that nothing submitted is lost while muster is down.
     */
    public TopicSpec submissionTopic(String organisationId, java.time.Duration retention) {
        return new TopicSpec(SUBMISSIONS_PREFIX + organisationId, "submissions of " + organisationId,
                settings.partitions(), settings.replicationFactor(),
                configs(settings, TopicConfig.CLEANUP_POLICY_DELETE, Long.toString(retention.toMillis()), "-1"));
    }

    /** The pattern the log-of-record processor subscribes to: every organisation's submission topic. */
    public static java.util.regex.Pattern submissionTopics() {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(SUBMISSIONS_PREFIX) + "[a-z0-9][a-z0-9-]*");
    }

    /** The organisation a submission topic belongs to. */
    public static String organisationOf(String submissionTopic) {
        if (!submissionTopic.startsWith(SUBMISSIONS_PREFIX)) {
            throw new IllegalArgumentException(submissionTopic + " is not a submission topic (" + SUBMISSIONS_PREFIX + "<organisationId>)");
        }
        return submissionTopic.substring(SUBMISSIONS_PREFIX.length());
    }

    /** Every schema muster writes, current and released, by fingerprint hex: the content of {@link #SCHEMAS}. */
    public Map<String, Schema> contractSchemas() {
        Map<String, Schema> all = new LinkedHashMap<>();
        for (Schema schema : ContractSchemas.current()) {
            all.putAll(SingleObjectCodec.of(org.apache.avro.specific.SpecificRecord.class, schema).knownWriterSchemas());
        }
        return all;
    }

    /** Incident ids: plain UTF-8 strings. */
    public Serde<String> incidentIdSerde() {
        return Serdes.String();
    }

    /** The envelope, in Avro single-object encoding. */
    public Serde<IncidentEvent> incidentEventSerde() {
        return incidentEventSerde;
    }

    /** The log of record's values. */
    public Serde<RecordedEvent> recordedEventSerde() {
        return recordedEventSerde;
    }

    /** Rejections' values. */
    public Serde<Rejection> rejectionSerde() {
        return rejectionSerde;
    }

    /** Outcomes' values. */
    public Serde<SubmissionOutcome> outcomeSerde() {
        return outcomeSerde;
    }

    /** Submissions on their way to the decider (internal repartition topic). */
    public Serde<Submission> submissionSerde() {
        return submissionSerde;
    }

    /** Organisation directory entries. */
    public Serde<Organisation> organisationSerde() {
        return organisationSerde;
    }

    /** The SLA view's values. */
    public Serde<SlaView> slaViewSerde() {
        return slaViewSerde;
    }

    /** The SLA alerts' values. */
    public Serde<SlaAlert> slaAlertSerde() {
        return slaAlertSerde;
    }

    /** Entries of the SLA breach indexes (state stores). */
    public Serde<SlaBreach> slaBreachSerde() {
        return slaBreachSerde;
    }

    /** The coordination view's values. */
    public Serde<CoordinationView> coordinationViewSerde() {
        return coordinationViewSerde;
    }

    /** The review view's values. */
    public Serde<ReviewView> reviewViewSerde() {
        return reviewViewSerde;
    }

    /** The member-state view's values. */
    public Serde<MemberStateView> memberStateViewSerde() {
        return memberStateViewSerde;
    }

    /** The lessons view's values. */
    public Serde<LessonsView> lessonsViewSerde() {
        return lessonsViewSerde;
    }

    /** The scorecard view's values. */
    public Serde<MsspScorecard> scorecardSerde() {
        return scorecardSerde;
    }

    /** An incident's entry in a cross-incident view (internal repartition topics and stores). */
    public Serde<GroupEntry> groupEntrySerde() {
        return groupEntrySerde;
    }

    /** Group keys of cross-incident views (member state codes, MSSP ids, lesson groups): plain UTF-8 strings. */
    public Serde<String> groupSerde() {
        return Serdes.String();
    }

    /** Event ids and organisation ids: plain UTF-8 strings. */
    public Serde<String> idSerde() {
        return Serdes.String();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> Serde<T> serde(Class<T> type, Schema schema) {
        return new EventSerde<>(SingleObjectCodec.of(type, schema));
    }

    private static Map<String, String> configs(TopicSettings settings, String cleanupPolicy, String retentionMs, String retentionBytes) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        if (retentionMs != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs);
        }
        if (retentionBytes != null) {
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, retentionBytes);
        }
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        return configs;
    }
}
