package eu.muster.topics;

import java.util.Map;
import java.util.Objects;

/**
 * A topic muster owns, with the settings it must have. Only the settings named in {@link #configs()}
 * are enforced on an existing topic, together with the partition count.
 *
 * @param name              the topic's name
 * @param purpose           what the topic is for, for operators
 * @param partitions        the partition count; keyed topics are co-partitioned by incident, so it must match exactly
 * @param replicationFactor the replication factor used when muster creates the topic
 * @param configs           topic-level settings, e.g. {@code cleanup.policy}
 */
public record TopicSpec(String name, String purpose, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be at least 1, got " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }
}
