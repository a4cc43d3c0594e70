package eu.muster.topics;

import eu.muster.contract.Organisation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organisation directory on its compacted topic: which organisations may submit, in which role
 * and for which member state. The log-of-record processor reads it as a global table, so an
 * organisation added here is recognised without a restart.
 */
public final class OrganisationDirectory {

    private final CompactedTopic<String, Organisation> topic;

    public OrganisationDirectory(Map<String, Object> clientProperties, Topics topics, Duration timeout) {
        this.topic = new CompactedTopic<>(clientProperties, Topics.ORGANISATIONS, topics.idSerde(), topics.organisationSerde(), timeout);
    }

    /**
     * Writes the organisations whose entry is missing or differs.
     *
     * @return the ids written
     */
    public List<String> register(List<Organisation> organisations) {
        Map<String, Organisation> present = topic.read();
        Map<String, Organisation> changed = new LinkedHashMap<>();
        for (Organisation organisation : organisations) {
            if (!organisation.equals(present.get(organisation.getId()))) {
                changed.put(organisation.getId(), organisation);
            }
        }
        topic.write(changed);
        return List.copyOf(changed.keySet());
    }

    /** Every registered organisation by id. */
    public Map<String, Organisation> read() {
        return topic.read();
    }
}
