package eu.muster.broker;

import java.nio.file.Path;

/**
 * A parent JVM that starts a broker and then dies abruptly, closing nothing and running no
 * shutdown hook, as a crashed or {@code kill -9}ed application would. Used by {@link ParentDeathIT}.
 *
 * <p>Arguments: the broker's data directory. Prints {@code broker-pid <pid>} once the broker is ready.
 */
public final class AbandoningParent {

    static final String PID_LINE = "broker-pid ";
    static final int HALT_STATUS = 137;

    private AbandoningParent() {
    }

    public static void main(String[] args) {
        EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.of(Path.of(args[0])).withFreePorts()).start();
        System.out.println(PID_LINE + broker.process().orElseThrow().pid());
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
