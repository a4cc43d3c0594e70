package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.HashChain;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Checks the log of record as the auditor will: per incident, sequences 1..n without gaps or repeats, every link holding. */
final class ChainAudit {

    private ChainAudit() {
    }

    /** @return events per incident */
    static Map<String, Integer> verify(String bootstrapServers) {
        Map<String, Schema> writers = new Topics(new TopicSettings(1, (short) 1, 1)).contractSchemas();
        Map<String, HashChain.Link> last = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> log = TopicContents.read(bootstrapServers, Topics.INCIDENT_EVENTS);
        for (ConsumerRecord<String, byte[]> record : log) {
            HashChain.Link link = HashChain.verify(record.value(), writers);
            String where = Topics.INCIDENT_EVENTS + "/" + record.partition() + "@" + record.offset() + " incident " + link.incidentId();
            assertThat(record.key()).as(where).isEqualTo(link.incidentId());
            assertThat(link.holds()).as("hash holds at %s", where).isTrue();
            HashChain.Link previous = last.get(link.incidentId());
            long expectedSequence = previous == null ? 1 : previous.sequence() + 1;
            assertThat(link.sequence()).as("sequence at %s", where).isEqualTo(expectedSequence);
            byte[] expectedPrevious = previous == null ? HashChain.genesis() : previous.hash();
            assertThat(Arrays.equals(link.previousHash(), expectedPrevious)).as("previous hash at %s", where).isTrue();
            last.put(link.incidentId(), link);
            counts.merge(link.incidentId(), 1, Integer::sum);
        }
        return counts;
    }
}
