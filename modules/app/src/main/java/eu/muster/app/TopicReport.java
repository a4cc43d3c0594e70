package eu.muster.app;

import eu.muster.topics.TopicMismatch;
import eu.muster.topics.TopicProvisioner;
import eu.muster.topics.TopicProvisioningException;
import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * An operator's view of the topics of one backbone: every topic muster owns, every organisation's
 * submission topic, and the internal topics of muster's stream processors, each with its size, the
 * processors' lag on it and its health. Reads only; changes nothing on the cluster.
 */
public final class TopicReport {

    /** What an operator has to know about a topic's state, worst first. */
    public enum Health {
        /** An owned topic that does not exist: {@code ./muster up} creates it. */
        MISSING,
        /** Some partition has no leader: nothing can be written to or read from it. */
        OFFLINE,
        /** Some partition has fewer in-sync replicas than replicas: a broker is down or behind. */
        UNDER_REPLICATED,
        /** The topic exists with settings muster cannot work with (partition count, cleanup policy, retention). */
        MISCONFIGURED,
        /** Nothing to do. */
        OK;

        /** Whether an operator has to act. */
        public boolean needsAttention() {
            return this != OK;
        }
    }

    /**
     * One topic as the cluster sees it.
     *
     * @param name              the topic's name
     * @param partitions        its partition count, or null when it is missing
     * @param replicationFactor the most replicas any of its partitions has, or null when it is missing
     * @param records           the sum of its partitions' end offsets: every record ever appended, or null when it is missing
     * @param lag               records the stream processors have yet to consume, or null when they do not read the topic
     * @param health            what, if anything, is wrong with it
     * @param problems          what is wrong in words an operator can act on; empty when healthy or missing
     */
    public record TopicState(String name, Integer partitions, Integer replicationFactor, Long records, Long lag,
                             Health health, List<String> problems) {

        public TopicState {
            problems = List.copyOf(problems);
        }
    }

    /** The cluster did not answer, or refused, a question the report depends on. */
    public static final class ClusterUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ClusterUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MusterConfig config;
    private final Duration timeout;

    public TopicReport(MusterConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /**
     * Asks the cluster about every topic the report covers: the owned topics in provisioning order,
     * then the submission topics, then the processors' internal topics.
     *
     * @throws ClusterUnavailableException when the cluster does not answer within the timeout
     */
    public List<TopicState> run() {
        Map<String, Object> properties = new HashMap<>(config.clientProperties());
        // Without these the client retries for its defaults (a minute and more) before a single call gives up.
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(properties)) {
            return report(admin);
        }
    }

    private List<TopicState> report(Admin admin) {
        Topics topics = new Topics(config.topicSettings());
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<TopicSpec> owned = topics.owned();
        List<String> submissionTopics = existing.stream().filter(name -> name.startsWith(Topics.SUBMISSIONS_PREFIX)).sorted().toList();
        String internalPrefix = config.applicationId() + "-";
        List<String> internalTopics = existing.stream().filter(name -> name.startsWith(internalPrefix)).sorted().toList();

        List<String> reported = new ArrayList<>(owned.stream().map(TopicSpec::name).toList());
        reported.addAll(submissionTopics);
        reported.addAll(internalTopics);
        List<String> present = reported.stream().filter(existing::contains).toList();

        // Submission topics are provisioned by muster too (see Backbone), so they are held to their spec like the owned ones.
        List<TopicSpec> checked = new ArrayList<>(owned);
        submissionTopics.forEach(name -> checked.add(topics.submissionTopic(Topics.organisationOf(name), config.submissionRetention())));
        Map<String, List<String>> mismatches = mismatches(admin, checked);

        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                : await(admin.describeTopics(present).allTopicNames(), "describe topics");
        Map<TopicPartition, Long> endOffsets = offsets(admin, partitions(descriptions.values()), OffsetSpec.latest());
        Map<TopicPartition, Long> consumed = consumedOffsets(admin, descriptions, submissionTopics);

        List<TopicState> states = new ArrayList<>();
        for (String name : reported) {
            TopicDescription description = descriptions.get(name);
            if (description == null) {
                // The health says it all; the check's "existence is missing" would only repeat it.
                states.add(new TopicState(name, null, null, null, null, Health.MISSING, List.of()));
                continue;
            }
            List<String> problems = mismatches.getOrDefault(name, List.of());
            List<TopicPartitionInfo> partitions = description.partitions();
            states.add(new TopicState(name, partitions.size(),
                    partitions.stream().mapToInt(p -> p.replicas().size()).max().orElse(0),
                    records(name, partitions, endOffsets),
                    lag(name, partitions, endOffsets, consumed),
                    health(partitions, problems), problems));
        }
        return states;
    }

    /** The problems {@link TopicProvisioner#check} finds, by topic. */
    private Map<String, List<String>> mismatches(Admin admin, List<TopicSpec> specs) {
        try {
            return new TopicProvisioner(admin, timeout).check(specs).stream().collect(
                    Collectors.groupingBy(TopicMismatch::topic, LinkedHashMap::new, Collectors.mapping(TopicMismatch::describe, Collectors.toList())));
        } catch (TopicProvisioningException e) {
            // A timeout's cause has no message of its own; any other cause's message is already in e's.
            throw unavailable(e.getMessage(), e.getCause() instanceof TimeoutException ? null : e.getCause());
        }
    }

    private static Health health(List<TopicPartitionInfo> partitions, List<String> problems) {
        if (partitions.stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            return Health.OFFLINE;
        }
        if (partitions.stream().anyMatch(p -> p.isr().size() < p.replicas().size())) {
            return Health.UNDER_REPLICATED;
        }
        return problems.isEmpty() ? Health.OK : Health.MISCONFIGURED;
    }

    /**
     * Where the stream processors' consumer group stands on each partition it reads. A partition the group
     * has not committed on yet counts from its beginning offset: everything still there is unread. The
     * submission topics are read by pattern, so they are inputs even before the group's first commit.
     */
    private Map<TopicPartition, Long> consumedOffsets(Admin admin, Map<String, TopicDescription> descriptions, List<String> submissionTopics) {
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata(),
                "list the offsets of consumer group " + config.applicationId());
        Map<TopicPartition, Long> consumed = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null && descriptions.containsKey(partition.topic())) {
                consumed.put(partition, offset.offset());
            }
        });
        Set<String> inputs = consumed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        submissionTopics.stream().filter(descriptions::containsKey).forEach(inputs::add);
        List<TopicPartition> uncommitted = partitions(inputs.stream().map(descriptions::get).toList()).stream()
                .filter(partition -> !consumed.containsKey(partition))
                .toList();
        consumed.putAll(offsets(admin, uncommitted, OffsetSpec.earliest()));
        return consumed;
    }

    /** Every record ever appended to one topic, or null when a partition without a leader cannot say. */
    private static Long records(String topic, List<TopicPartitionInfo> partitions, Map<TopicPartition, Long> endOffsets) {
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return endOffsets.keySet().containsAll(all) ? all.stream().mapToLong(endOffsets::get).sum() : null;
    }

    /** The group's lag on one topic, or null when the group does not read it or a partition without a leader cannot say. */
    private static Long lag(String topic, List<TopicPartitionInfo> partitions, Map<TopicPartition, Long> endOffsets,
                            Map<TopicPartition, Long> consumed) {
        List<TopicPartition> read = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).filter(consumed::containsKey).toList();
        if (read.isEmpty() || !endOffsets.keySet().containsAll(read)) {
            return null;
        }
        // A committed offset can lie past a partition's end offset only while a transaction is being written; never negative.
        return read.stream().mapToLong(p -> Math.max(0, endOffsets.get(p) - consumed.get(p))).sum();
    }

    private Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec which) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> answer = await(
                admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> which))).all(), "list offsets");
        return answer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The partitions that can answer for their offsets: a partition without a leader would fail the whole request. */
    private static List<TopicPartition> partitions(Collection<TopicDescription> descriptions) {
        return descriptions.stream()
                .flatMap(d -> d.partitions().stream()
                        .filter(p -> p.leader() != null && !p.leader().isEmpty())
                        .map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }

    private <T> T await(Future<T> answer, String what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw unavailable("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // Its cause has no message: the sentence says everything there is to know.
            throw unavailable("cannot " + what + ": no answer within " + timeout, null);
        }
    }

    private ClusterUnavailableException unavailable(String problem, Throwable cause) {
        return new ClusterUnavailableException("cannot report on the topics of the Kafka cluster at " + config.bootstrapServers() + ": " + problem, cause);
    }
}
