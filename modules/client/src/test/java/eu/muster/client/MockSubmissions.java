package eu.muster.client;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** A client on a {@link MockProducer}, for tests that need no broker; the submission topic has three partitions. */
final class MockSubmissions {

    static final Organisation DE_BSI = Organisation.newBuilder().setId("de-bsi").setRole(OrganisationRole.NCA).setMemberState("DE").build();
    /** Reaches nothing; the unit tests never connect. */
    static final String NOWHERE = "127.0.0.1:1";

    private MockSubmissions() {
    }

    static MusterClientSettings settings(Clock clock) {
        return MusterClientSettings.of(DE_BSI, NOWHERE).withClock(clock);
    }

    static MockProducer<String, IncidentEvent> producer(MusterClientSettings settings, boolean autoComplete) {
        Node broker = new Node(0, "127.0.0.1", 1);
        Node[] replicas = {broker};
        List<PartitionInfo> partitions = IntStream.range(0, 3)
                .mapToObj(p -> new PartitionInfo(settings.submissionTopic(), p, broker, replicas, replicas))
                .toList();
        Cluster cluster = new Cluster("test-cluster", List.of(broker), partitions, Set.of(), Set.of());
        return new MockProducer<>(cluster, autoComplete, null, ContractSerdes.TOPICS.incidentIdSerde().serializer(),
                ContractSerdes.TOPICS.incidentEventSerde().serializer());
    }

    static MusterClient client(MusterClientSettings settings, MockProducer<String, IncidentEvent> producer) {
        return new MusterClient(settings, producer);
    }
}
