package eu.muster.topics;

import eu.muster.codec.EventSerde;
import eu.muster.codec.SingleObjectCodec;
import eu.muster.contract.IncidentEvent;
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
    /** Compacted view of each incident's cross-border coordination status. */
    public static final String VIEW_COORDINATION = "view.coordination";
    /** Compacted view of each incident's review under the incident review mechanism. */
    public static final String VIEW_REVIEW = "view.review";
    /** Prefix of the per-organisation submission topics: {@code submissions.<organisationId>}. */
    public static final String SUBMISSIONS_PREFIX = "submissions.";

    private final List<TopicSpec> owned;
    private final Serde<IncidentEvent> incidentEventSerde = new EventSerde<>(SingleObjectCodec.forIncidentEvents());

    /** The topics muster owns, sized by {@code settings}. */
    public Topics(TopicSettings settings) {
        Map<String, String> forever = configs(settings, TopicConfig.CLEANUP_POLICY_DELETE, "-1", "-1");
        Map<String, String> compacted = configs(settings, TopicConfig.CLEANUP_POLICY_COMPACT, null, null);
        this.owned = List.of(
                new TopicSpec(INCIDENT_EVENTS, "the log of record: accepted incident events, kept forever",
                        settings.partitions(), settings.replicationFactor(), forever),
                new TopicSpec(INCIDENT_REJECTIONS, "refused submissions with their reasons, kept forever",
                        settings.partitions(), settings.replicationFactor(), forever),
                new TopicSpec(SCHEMAS, "the contract's schemas by fingerprint, for consumers without this codebase",
                        1, settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_SLA, "SLA clocks per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_COORDINATION, "cross-border coordination status per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted),
                new TopicSpec(VIEW_REVIEW, "incident review status per incident (compacted view)",
                        settings.partitions(), settings.replicationFactor(), compacted));
    }

    /** Every topic muster creates and checks, in provisioning order. */
    public List<TopicSpec> owned() {
        return owned;
    }

    /** Every schema muster writes, current and released, by fingerprint hex: the content of {@link #SCHEMAS}. */
    public Map<String, Schema> contractSchemas() {
        return SingleObjectCodec.forIncidentEvents().knownWriterSchemas();
    }

    /** Incident ids: plain UTF-8 strings. */
    public Serde<String> incidentIdSerde() {
        return Serdes.String();
    }

    /** The envelope, in Avro single-object encoding. */
    public Serde<IncidentEvent> incidentEventSerde() {
        return incidentEventSerde;
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
