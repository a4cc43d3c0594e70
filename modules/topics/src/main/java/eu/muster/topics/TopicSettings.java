package eu.muster.topics;

/**
 * How large the topics muster creates are, from the application's configuration.
 *
 * @param partitions        partitions of every incident-keyed topic (the log of record, rejections, views)
 * @param replicationFactor replication factor of every topic muster creates
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic muster creates; with {@code acks=all}
 *                          this is how many copies a write must reach
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas) {

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor " + replicationFactor
                    + ", got " + minInsyncReplicas);
        }
    }
}
