package eu.muster.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = new Topics(new TopicSettings(6, (short) 1, 1));

    @Test
    void compactedTopicsCloseSegmentsSmallEnoughForTheCleanerToCompactThem() {
        List<TopicSpec> compacted = topics.owned().stream()
                .filter(spec -> TopicConfig.CLEANUP_POLICY_COMPACT.equals(spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG))).toList();
        assertThat(compacted).extracting(TopicSpec::name).contains(Topics.VIEW_SLA, Topics.VIEW_COORDINATION, Topics.VIEW_MEMBER_STATE);
        assertThat(compacted).allSatisfy(spec -> assertThat(spec.configs())
                .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024)));
    }

    @Test
    void theLogOfRecordKeepsKafkasSegmentSize() {
        // Kept forever and never compacted: nothing to gain from smaller segments but more files.
        TopicSpec events = topics.owned().stream().filter(spec -> spec.name().equals(Topics.INCIDENT_EVENTS)).findFirst().orElseThrow();
        assertThat(events.configs()).doesNotContainKey(TopicConfig.SEGMENT_BYTES_CONFIG).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }
}
