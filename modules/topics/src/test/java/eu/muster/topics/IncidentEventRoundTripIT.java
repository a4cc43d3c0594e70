package eu.muster.topics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One envelope of every payload type through a real broker on the log of record, compared field by field. */
@ExtendWith(SharedBroker.class)
class IncidentEventRoundTripIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void everyPayloadTypeIsReadBackFromTheLogOfRecordFieldForField() throws Exception {
        Topics topics = new Topics(new TopicSettings(3, (short) 1, 1));
        try (Admin admin = Admin.create(client())) {
            new TopicProvisioner(admin, TIMEOUT).provision(topics.owned());
        }
        List<IncidentEvent> sent = SampleEvents.everyPayloadType();
        Set<Integer> partitions = new HashSet<>();
        Map<String, Object> producerConfig = new LinkedHashMap<>(client());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, IncidentEvent> producer = new KafkaProducer<>(producerConfig,
                topics.incidentIdSerde().serializer(), topics.incidentEventSerde().serializer())) {
            for (IncidentEvent event : sent) {
                RecordMetadata written = producer.send(new ProducerRecord<>(Topics.INCIDENT_EVENTS, event.getIncidentId(), event)).get();
                partitions.add(written.partition());
            }
        }

        List<ConsumerRecord<String, IncidentEvent>> read = readAll(topics, sent.size());

        assertThat(partitions).as("one incident, one partition").hasSize(1);
        assertThat(read).allSatisfy(r -> assertThat(r.key()).isEqualTo(SampleEvents.INCIDENT_ID));
        List<IncidentEvent> received = read.stream().map(ConsumerRecord::value).toList();
        assertThat(received).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(sent);
    }

    private static List<ConsumerRecord<String, IncidentEvent>> readAll(Topics topics, int expected) {
        Map<String, Object> consumerConfig = new LinkedHashMap<>(client());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, IncidentEvent>> read = new ArrayList<>();
        try (KafkaConsumer<String, IncidentEvent> consumer = new KafkaConsumer<>(consumerConfig,
                topics.incidentIdSerde().deserializer(), topics.incidentEventSerde().deserializer())) {
            List<TopicPartition> all = consumer.partitionsFor(Topics.INCIDENT_EVENTS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (read.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).as("records read back before the deadline").hasSize(expected);
        return read;
    }

    private static Map<String, Object> client() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    }
}
