package eu.muster.broker;

/**
 * A port the broker needs is already taken on its host, so no broker process was launched.
 * The message names the setting ({@code brokerPort} or {@code controllerPort}) and the port.
 */
public class BrokerPortInUseException extends BrokerStartException {

    private static final long serialVersionUID = 1L;

    /** brokerPort or controllerPort. */
    private final String setting;
    /** The host the port was probed on. */
    private final String host;
    /** The taken port. */
    private final int port;

    /**
     * @param setting the {@link BrokerSettings} component naming the port
     * @param host the host the port was probed on
     * @param port the port that is taken
     * @param cause the failed bind
     */
    public BrokerPortInUseException(String setting, String host, int port, Throwable cause) {
        super(setting + " " + port + " is already in use on " + host + " (" + cause.getMessage() + "): another"
                + " broker or program listens there. Stop it or choose another " + setting
                + " (BrokerSettings.withFreePorts() picks free ones).", null, cause);
        this.setting = setting;
        this.host = host;
        this.port = port;
    }

    /** The {@link BrokerSettings} component naming the port: {@code brokerPort} or {@code controllerPort}. */
    public String setting() {
        return setting;
    }

    /** The host the port was probed on. */
    public String host() {
        return host;
    }

    /** The port that is taken. */
    public int port() {
        return port;
    }
}
