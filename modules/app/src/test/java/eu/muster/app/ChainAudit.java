package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.audit.ChainCheck;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Checks the log of record as the auditor's {@code muster audit verify} does ({@link ChainCheck}), and counts its events. */
final class ChainAudit {

    private ChainAudit() {
    }

    /** @return events per incident, once every link has held */
    static Map<String, Integer> verify(String bootstrapServers) {
        ChainCheck check = new ChainCheck(new Topics(new TopicSettings(1, (short) 1, 1)).contractSchemas());
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(bootstrapServers, Topics.INCIDENT_EVENTS)) {
            check.accept(record);
            assertThat(check.firstBreak()).as("the chain holds through %s/%d@%d", record.topic(), record.partition(), record.offset()).isEmpty();
            counts.merge(record.key(), 1, Integer::sum);
        }
        return counts;
    }
}
