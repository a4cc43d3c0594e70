package eu.muster.app;

import eu.muster.topics.SchemaPublisher;
import eu.muster.topics.TopicMismatch;
import eu.muster.topics.TopicProvisioner;
import eu.muster.topics.TopicProvisioningException;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Checks whether the backbone a configuration points at is up: the broker is reachable, the topics
 * are provisioned with compatible settings, and the contract's schemas are published. Changes nothing.
 */
public final class StatusCheck {

    /** One thing checked. */
    public record Result(String name, boolean ok, String detail) {
    }

    private final MusterConfig config;
    private final Duration timeout;

    public StatusCheck(MusterConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** Runs every check; a check that depends on a failed one is reported as not checked. */
    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        Map<String, Object> properties = new HashMap<>(config.clientProperties());
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(properties)) {
            Result broker = broker(admin);
            results.add(broker);
            if (!broker.ok()) {
                results.add(new Result("topics", false, "not checked: the broker is unreachable"));
                results.add(new Result("schemas", false, "not checked: the broker is unreachable"));
                return results;
            }
            Topics topics = new Topics(config.topicSettings());
            List<TopicMismatch> mismatches;
            try {
                mismatches = new TopicProvisioner(admin, timeout).check(topics.owned());
            } catch (TopicProvisioningException e) {
                results.add(new Result("topics", false, e.getMessage()));
                results.add(new Result("schemas", false, "not checked: the topics could not be described"));
                return results;
            }
            results.add(mismatches.isEmpty()
                    ? new Result("topics", true, topics.owned().size() + " topics provisioned with compatible settings")
                    : new Result("topics", false, String.join("; ", mismatches.stream().map(TopicMismatch::describe).toList())));
            if (mismatches.stream().anyMatch(m -> m.topic().equals(Topics.SCHEMAS) && m.setting().equals("existence"))) {
                results.add(new Result("schemas", false, "not checked: the schema topic is missing"));
            } else {
                results.add(schemas(topics));
            }
            results.add(processors(admin));
        }
        return results;
    }

    /** The stream processors run when their consumer group (the application id) is stable with members. */
    private Result processors(Admin admin) {
        String group = config.applicationId();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int members = description.members().size();
            boolean running = description.groupState() == GroupState.STABLE && members > 0;
            return new Result("processors", running, "consumer group " + group + " is " + description.groupState() + " with "
                    + members + " member(s)" + (running ? "" : "; is './muster up' running against this cluster?"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new Result("processors", false, "no processor has joined consumer group " + group
                        + "; is './muster up' running against this cluster?");
            }
            return new Result("processors", false, "cannot describe consumer group " + group + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new Result("processors", false, "no answer about consumer group " + group + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("processors", false, "interrupted while describing consumer group " + group);
        }
    }

    private Result broker(Admin admin) {
        String where = config.bootstrapServers();
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result("broker", !nodes.isEmpty(), "reachable at " + where + ": cluster " + id + ", " + nodes.size() + " node(s)");
        } catch (ExecutionException e) {
            return new Result("broker", false, "unreachable at " + where + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new Result("broker", false, "unreachable at " + where + ": no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("broker", false, "interrupted while reaching " + where);
        }
    }

    private Result schemas(Topics topics) {
        Set<String> wanted = topics.contractSchemas().keySet();
        Set<String> present;
        try {
            present = new SchemaPublisher(config.clientProperties(), Topics.SCHEMAS, timeout).read().keySet();
        } catch (TopicProvisioningException e) {
            return new Result("schemas", false, e.getMessage());
        }
        List<String> missing = wanted.stream().filter(f -> !present.contains(f)).sorted().toList();
        return missing.isEmpty()
                ? new Result("schemas", true, wanted.size() + " contract schema(s) published on " + Topics.SCHEMAS)
                : new Result("schemas", false, "missing on " + Topics.SCHEMAS + ": " + String.join(", ", missing));
    }
}
