package eu.muster.topics;

/**
 * One setting of one topic that differs from what muster needs.
 *
 * @param topic    the topic
 * @param setting  the setting, e.g. {@code partitions} or {@code cleanup.policy}
 * @param expected what muster needs
 * @param actual   what the cluster has
 */
public record TopicMismatch(String topic, String setting, String expected, String actual) {

    /** One line an operator can act on. */
    public String describe() {
        return "topic " + topic + ": " + setting + " is " + actual + ", muster needs " + expected;
    }
}
