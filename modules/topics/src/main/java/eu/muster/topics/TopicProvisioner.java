package eu.muster.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics muster owns when they are missing and checks that existing ones have
 * compatible settings: the partition count, the cleanup policy and retention. Safe to run on every
 * start and from several instances at once.
 */
public final class TopicProvisioner {

    /** The settings an existing topic must share with its spec; others (min.insync.replicas, say) are the operator's. */
    static final Set<String> ENFORCED = Set.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG,
            TopicConfig.RETENTION_BYTES_CONFIG);

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    /** How long to wait before listing again while created topics are not yet listed. */
    private static final Duration LISTING_RETRY = Duration.ofMillis(50);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates what is missing, then checks everything.
     *
     * @return the names of the topics this call created
     * @throws TopicMismatchException when an existing topic's settings are incompatible
     */
    public List<String> provision(List<TopicSpec> specs) {
        Set<String> existing = ClusterAnswer.await(admin.listTopics().names(), timeout, "list topics");
        List<NewTopic> missing = specs.stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()))
                .toList();
        List<String> created = new ArrayList<>();
        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    ClusterAnswer.await(result.getValue(), timeout, "create topic " + result.getKey());
                    created.add(result.getKey());
                    LOG.info("created topic {}", result.getKey());
                } catch (TopicProvisioningException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Another instance created it between our listing and our request; the check below judges it.
                }
            }
        }
        // Whoever created them, topics just created may not be listed yet: a concurrent instance's, too.
        awaitListed(missing.stream().map(NewTopic::name).toList());
        List<TopicMismatch> mismatches = check(specs);
        if (!mismatches.isEmpty()) {
            throw new TopicMismatchException(mismatches);
        }
        return List.copyOf(created);
    }

    /**
     * A created topic reaches the brokers' metadata a moment after the controller confirms it, to this instance or to
     * another that created it at the same time: until every topic in {@code names} is listed, or the timeout passes
     * (the check then reports what is still missing), look again.
     */
    private void awaitListed(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!names.isEmpty()) {
            Set<String> listed = ClusterAnswer.await(admin.listTopics().names(), timeout, "list topics");
            if (listed.containsAll(names) || System.nanoTime() - deadline > 0) {
                return;
            }
            try {
                Thread.sleep(LISTING_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("interrupted while waiting for the created topics to be listed: " + names, e);
            }
        }
    }

    /** Every way the cluster's topics differ from {@code specs}, a missing topic included; changes nothing. */
    public List<TopicMismatch> check(List<TopicSpec> specs) {
        Set<String> existing = ClusterAnswer.await(admin.listTopics().names(), timeout, "list topics");
        List<TopicMismatch> mismatches = new ArrayList<>();
        List<TopicSpec> present = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (existing.contains(spec.name())) {
                present.add(spec);
            } else {
                mismatches.add(new TopicMismatch(spec.name(), "existence", "present", "missing"));
            }
        }
        if (present.isEmpty()) {
            return mismatches;
        }
        Collection<String> names = present.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = ClusterAnswer.await(admin.describeTopics(names).allTopicNames(), timeout,
                "describe topics " + names);
        Map<ConfigResource, Config> configs = ClusterAnswer.await(admin.describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all(), timeout, "describe configs of " + names);
        for (TopicSpec spec : present) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                mismatches.add(new TopicMismatch(spec.name(), "partitions", Integer.toString(spec.partitions()), Integer.toString(partitions)));
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
                if (!ENFORCED.contains(wanted.getKey())) {
                    continue;
                }
                ConfigEntry entry = actual.get(wanted.getKey());
                String value = entry == null ? null : entry.value();
                if (!wanted.getValue().equals(value)) {
                    mismatches.add(new TopicMismatch(spec.name(), wanted.getKey(), wanted.getValue(), value));
                }
            }
        }
        return mismatches;
    }

    /** Formats mismatches one per line, for messages and the status command. */
    static String describe(List<TopicMismatch> mismatches) {
        return mismatches.stream().map(TopicMismatch::describe).collect(Collectors.joining("\n  ", "  ", ""));
    }
}
