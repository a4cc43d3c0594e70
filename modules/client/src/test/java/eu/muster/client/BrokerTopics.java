package eu.muster.client;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.topics.TopicProvisioner;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * muster's topics on the shared broker, as muster itself creates them: three partitions each, so
 * that partition choice matters. Every test class of this module uses these same sizes, because
 * {@code submission.outcomes} is one topic for all of them.
 */
final class BrokerTopics {

    static final Topics TOPICS = new Topics(new TopicSettings(3, (short) 1, 1));
    static final int PARTITIONS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BrokerTopics() {
    }

    /** An organisation with an id no other test uses, so that its submission topic is its own. */
    static Organisation uniqueOrganisation(OrganisationRole role, String memberState) {
        String id = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }

    /** Creates muster's own topics (submission.outcomes among them) and the organisations' submission topics. */
    static void provision(Organisation... organisations) {
        List<TopicSpec> specs = new ArrayList<>(TOPICS.owned());
        for (Organisation organisation : organisations) {
            specs.add(TOPICS.submissionTopic(organisation.getId(), Duration.ofDays(7)));
        }
        try (Admin admin = Admin.create(connection())) {
            new TopicProvisioner(admin, TIMEOUT).provision(specs);
        }
    }

    /** The client settings of {@code organisation} on the shared broker. */
    static MusterClientSettings settings(Organisation organisation) {
        return MusterClientSettings.of(organisation, SharedBroker.bootstrapServers());
    }

    static Map<String, Object> connection() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    }
}
