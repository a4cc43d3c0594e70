package eu.muster.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Publishes the contract's schemas to the compacted schema topic, keyed by fingerprint (hex, in the
 * byte order of the single-object header) with the schema's JSON as value, so that a consumer in
 * any language can decode the log without this codebase. Idempotent: a schema already on the topic
 * is not written again.
 */
public final class SchemaPublisher {

    private final CompactedTopic<String, String> topic;

    /**
     * @param clientProperties bootstrap servers and client security settings
     * @param topic            the schema topic
     * @param timeout          how long to wait for the cluster
     */
    public SchemaPublisher(Map<String, Object> clientProperties, String topic, Duration timeout) {
        this.topic = new CompactedTopic<>(clientProperties, topic, Serdes.String(), Serdes.String(), timeout);
    }

    /**
     * Writes every schema the topic lacks.
     *
     * @param schemas schemas by fingerprint hex
     * @return which fingerprints were written and which were already there
     */
    public SchemaPublication publish(Map<String, Schema> schemas) {
        Map<String, String> present = read();
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> alreadyPresent = new ArrayList<>();
        schemas.forEach((fingerprint, schema) -> {
            if (present.containsKey(fingerprint)) {
                alreadyPresent.add(fingerprint);
            } else {
                missing.put(fingerprint, schema.toString());
            }
        });
        topic.write(missing);
        return new SchemaPublication(List.copyOf(missing.keySet()), List.copyOf(alreadyPresent));
    }

    /** The schema topic's current content: fingerprint hex to schema JSON, the latest value per key. */
    public Map<String, String> read() {
        return topic.read();
    }
}
