package eu.muster.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker running in a child JVM that this object launches, watches and
 * stops.
 *
 * <p>{@link #start()} writes {@code server.properties} into the data directory, launches
 * {@code java} from {@code java.home} with the broker runtime's classpath (standard output and
 * error go to {@link #logFile()}), and returns once the broker answers a cluster description that
 * lists it. The child's standard input stays connected to this object: closing it is how
 * {@link #close()} asks for a controlled shutdown, and because the operating system closes it when
 * this JVM ends for any reason, the broker never outlives its parent.
 *
 * <p>Data directory layout: {@code server.properties}, {@code broker.log} (this run),
 * {@code broker.previous.log} (the run before), {@code embedded-broker.lock} (held while a broker
 * runs on the directory, so that only one does), {@code kafka-logs/} (Kafka's data and KRaft
 * metadata; formatted on first start only). The data directory survives {@link #close()}; a new
 * {@code EmbeddedBroker} on the same settings finds the earlier records.
 *
 * <p>An instance starts at most once. Nothing global is registered unless asked for with
 * {@link #closeOnShutdown()}. Typical use:
 * <pre>{@code
 * try (EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.of(dataDirectory)).start()) {
 *     ... broker.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** How long {@link #close()} waits for the controlled shutdown before destroying the process. */
    public static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(30);

    /** util-linux's setsid, which starts a program in a session of its own (absent on some systems; then not used). */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    static final String SERVER_PROPERTIES = "server.properties";
    static final String LOG_FILE = "broker.log";
    static final String PREVIOUS_LOG_FILE = "broker.previous.log";
    static final String LOCK_FILE = "embedded-broker.lock";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Between readiness probes; every wait is bounded by the start deadline as well. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** Upper bound of one readiness call, so a hanging call cannot eat the whole start timeout. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** After a failed start the broker gets this long to stop by itself; it has no data worth waiting for. */
    private static final Duration FAILED_START_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long destroy() and destroyForcibly() each get to take effect. */
    private static final Duration DESTROY_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerSettings settings;
    private final Object lock = new Object();

    // Guarded by lock.
    private boolean startCalled;
    private Thread shutdownHook;
    private FileLock dataDirectoryLock;

    private volatile boolean closed;
    private volatile Process process;
    private volatile Duration startDuration;
    private volatile Duration stopDuration;

    /**
     * A broker that will run with {@code settings}; nothing happens until {@link #start()}.
     *
     * @throws IllegalArgumentException when settings is null
     */
    public EmbeddedBroker(BrokerSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.settings = settings;
    }

    /**
     * Launches the broker and waits, at most {@link BrokerSettings#startTimeout()}, until it is ready:
     * its client listener accepts connections and a cluster description lists it.
     *
     * @return this broker, running
     * @throws BrokerPortInUseException when brokerPort or controllerPort is taken; nothing was launched
     * @throws BrokerStartException when the runtime is incomplete, the data directory is in use or
     *         cannot be prepared, the broker process exits during start-up, or it is not ready in
     *         time; the message includes the tail of the broker log, and no broker process is left
     * @throws IllegalStateException when start() was called before or the broker is closed
     */
    public EmbeddedBroker start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this EmbeddedBroker is closed; create a new one to start a broker again");
            }
            if (startCalled) {
                throw new IllegalStateException("start() was called before; an EmbeddedBroker starts once");
            }
            startCalled = true;
        }
        long began = System.nanoTime();
        String classpath = BrokerRuntime.classpath(settings.runtimeLocation());
        InetAddress address = localAddress();
        lockDataDirectory();
        Process launched;
        try {
            requireFree("brokerPort", address, settings.brokerPort());
            requireFree("controllerPort", address, settings.controllerPort());
            launched = launch(classpath);
        } catch (RuntimeException e) {
            releaseDataDirectory();
            throw e;
        }

        boolean closedMeanwhile;
        synchronized (lock) {
            // close() may have run while launching; it could not see this process, so stop it here.
            closedMeanwhile = closed;
            process = launched;
        }
        if (closedMeanwhile) {
            stopAfterFailedStart(launched);
            throw new BrokerStartException("the broker was closed while it was starting", logFile(), null);
        }
        LOG.info("Launched broker pid {} for {} with data in {}; waiting up to {} ms for it to be ready",
                launched.pid(), settings.bootstrapServers(), settings.dataDirectory(), settings.startTimeout().toMillis());

        try {
            awaitReady(launched, began);
        } catch (NotReady e) {
            stopAfterFailedStart(launched);
            throw new BrokerStartException(e.getMessage() + " " + LogTail.describe(logFile(), LogTail.LINES), logFile(), e.getCause());
        } catch (RuntimeException e) {
            // E.g. the readiness Admin client could not be created: still no broker may be left behind.
            stopAfterFailedStart(launched);
            throw new BrokerStartException("waiting for the broker (pid " + launched.pid() + ") to become ready failed: " + e
                    + ". The broker process was stopped. " + LogTail.describe(logFile(), LogTail.LINES), logFile(), e);
        } catch (InterruptedException e) {
            launched.destroyForcibly();
            releaseDataDirectory();
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the broker (pid " + launched.pid()
                    + ") to become ready; it was killed. " + LogTail.describe(logFile(), LogTail.LINES), logFile(), e);
        }
        startDuration = Duration.ofNanos(System.nanoTime() - began);
        LOG.info("Broker pid {} ready at {} after {} ms (log: {})",
                launched.pid(), settings.bootstrapServers(), startDuration.toMillis(), logFile());
        return this;
    }

    /**
     * Stops the broker: closes its standard input, which makes it shut down in a controlled way,
     * waits up to {@link #GRACEFUL_STOP_TIMEOUT}, then destroys the process, forcibly as a last
     * resort. Logs which of these it took. Does nothing when called again, or when the broker was
     * never started; keeps the data directory.
     *
     * @throws IllegalStateException when the process survives even a forcible destroy
     */
    @Override
    public void close() {
        Process stopping;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = process;
            unregisterShutdownHook();
        }
        if (stopping == null) {
            return;
        }
        long began = System.nanoTime();
        try {
            stop(stopping, GRACEFUL_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping broker pid {}; killed it forcibly", stopping.pid());
        } finally {
            stopDuration = Duration.ofNanos(System.nanoTime() - began);
            releaseDataDirectory();
        }
    }

    /**
     * Registers a JVM shutdown hook that calls {@link #close()}, for callers without a shutdown
     * hook of their own; {@link #close()} removes it again. Without it, the broker still stops when
     * this JVM ends, but without the chance to wait for it.
     *
     * @return this broker
     * @throws IllegalStateException when the broker is closed
     */
    public EmbeddedBroker closeOnShutdown() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this EmbeddedBroker is closed");
            }
            if (shutdownHook == null) {
                shutdownHook = new Thread(this::close, "muster-embedded-broker-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
        return this;
    }

    /** The settings this broker runs with. */
    public BrokerSettings settings() {
        return settings;
    }

    /** The {@code bootstrap.servers} value for clients: {@code host:brokerPort}. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The broker's data directory; it survives {@link #close()}. */
    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    /** The file the broker process writes its standard output and error to. */
    public Path logFile() {
        return settings.dataDirectory().resolve(LOG_FILE);
    }

    /** The broker configuration {@link #start()} writes. */
    public Path serverPropertiesFile() {
        return settings.dataDirectory().resolve(SERVER_PROPERTIES);
    }

    /** Whether the broker process has been launched and is still running. */
    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The broker process, once launched; also after it has ended. */
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /**
     * How long {@link #start()} took, from its call until the broker was ready.
     *
     * @throws IllegalStateException when the broker has not become ready
     */
    public Duration startDuration() {
        Duration measured = startDuration;
        if (measured == null) {
            throw new IllegalStateException("the broker has not become ready; start() it first");
        }
        return measured;
    }

    /** How long {@link #close()} took to stop the broker process, once it has. */
    public Optional<Duration> stopDuration() {
        return Optional.ofNullable(stopDuration);
    }

    @Override
    public String toString() {
        Process running = process;
        return "EmbeddedBroker[" + settings.bootstrapServers()
                + (running == null ? ", not started" : ", pid " + running.pid() + (running.isAlive() ? ", running" : ", ended"))
                + ", data " + settings.dataDirectory() + "]";
    }

    private InetAddress localAddress() {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new BrokerStartException("host " + settings.host() + " cannot be resolved: " + e.getMessage(), null, e);
        }
        try {
            if (!address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new BrokerStartException("host " + settings.host() + " (" + address.getHostAddress()
                        + ") is not an address of this machine, so the broker cannot listen on it", null, null);
            }
        } catch (SocketException e) {
            throw new BrokerStartException("cannot check whether host " + settings.host() + " is an address of this machine: "
                    + e.getMessage(), null, e);
        }
        return address;
    }

    /**
     * Takes an exclusive lock in the data directory, so that two brokers (in this JVM or another)
     * never share one: the second would overwrite the first's configuration and log.
     */
    private void lockDataDirectory() {
        Path directory = settings.dataDirectory();
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // tryLock() answers null for a lock held by another JVM, and throws for one held by this JVM.
            FileLock taken = channel.tryLock();
            if (taken == null) {
                channel.close();
                throw dataDirectoryInUse(directory, null);
            }
            synchronized (lock) {
                dataDirectoryLock = taken;
            }
        } catch (OverlappingFileLockException e) {
            closeQuietlyAfter(channel, e);
            throw dataDirectoryInUse(directory, e);
        } catch (IOException e) {
            closeQuietlyAfter(channel, e);
            throw new BrokerStartException("cannot prepare dataDirectory " + directory + ": " + e, null, e);
        }
    }

    private static BrokerStartException dataDirectoryInUse(Path directory, Throwable cause) {
        return new BrokerStartException("dataDirectory " + directory + " is in use by another running EmbeddedBroker"
                + " (it holds " + LOCK_FILE + "); close that one first or choose another dataDirectory", null, cause);
    }

    private void releaseDataDirectory() {
        FileLock held;
        synchronized (lock) {
            held = dataDirectoryLock;
            dataDirectoryLock = null;
        }
        if (held != null) {
            try {
                held.channel().close();
            } catch (IOException e) {
                // The lock dies with this JVM at the latest; nothing else depends on closing it now.
                LOG.warn("Could not release the lock on {}: {}", settings.dataDirectory().resolve(LOCK_FILE), e.toString());
            }
        }
    }

    private static void closeQuietlyAfter(FileChannel channel, Exception primary) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }

    private void requireFree(String setting, InetAddress address, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            // As Kafka's own listener does: a port lingering in TIME_WAIT from an earlier run is usable.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new BrokerPortInUseException(setting, settings.host(), port, e);
        } catch (IOException e) {
            throw new BrokerStartException("cannot check whether " + setting + " " + port + " is free on "
                    + settings.host() + ": " + e, null, e);
        }
    }

    private Process launch(String classpath) {
        Path propertiesFile = serverPropertiesFile();
        Path logFile = logFile();
        try {
            ServerPropertiesFile.write(propertiesFile, settings.serverProperties());
            if (Files.exists(logFile)) {
                // Keeps the previous run for diagnosis; the tail in error messages is this run's only.
                Files.move(logFile, settings.dataDirectory().resolve(PREVIOUS_LOG_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BrokerStartException("cannot prepare dataDirectory " + settings.dataDirectory() + ": " + e, null, e);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Its own session: Ctrl-C in muster's terminal reaches muster alone, which stops its processors first
            // and then this broker; a broker stopping at the same moment would leave them unable to commit or leave
            // their group. The broker still ends with muster however muster ends: its standard input closes.
            command.add(SETSID.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command.addAll(List.of(
                java,
                "-Xmx" + settings.jvmHeap(),
                // A broker out of memory is better dead (and reported) than limping.
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-cp", classpath,
                BrokerRuntime.MAIN_CLASS,
                propertiesFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.dataDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        // Standard input stays a pipe (the default): the broker runs for as long as it is open.
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BrokerStartException("cannot launch the broker JVM " + java + ": " + e.getMessage(), null, e);
        }
    }

    private void awaitReady(Process launched, long began) throws NotReady, InterruptedException {
        long deadline = began + settings.startTimeout().toNanos();
        // Phase 1: the client listener accepts connections. Before that an Admin client would only
        // fill the log with connection warnings. Kafka opens it once the broker is unfenced.
        String waitingFor = "the client listener " + settings.bootstrapServers() + " to accept connections";
        while (!acceptsConnections(remaining(deadline))) {
            pause(launched, began, deadline, waitingFor);
        }
        // Phase 2: the broker answers a cluster description that lists it.
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "muster-embedded-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        try {
            while (true) {
                long callTimeout = Math.max(1, Math.min(PROBE_TIMEOUT.toMillis(), remaining(deadline).toMillis()));
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) callTimeout))
                            .nodes().get(callTimeout, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                    waitingFor = "a cluster description listing the broker (it listed no nodes)";
                } catch (ExecutionException e) {
                    waitingFor = "a cluster description (the last attempt failed: " + e.getCause() + ")";
                } catch (TimeoutException e) {
                    waitingFor = "a cluster description (the last attempt got no answer within " + callTimeout + " ms)";
                }
                pause(launched, began, deadline, waitingFor);
            }
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Waits one poll interval, or less when the process ends, and fails when it has ended, the
     * deadline has passed, or the broker was closed meanwhile.
     */
    private void pause(Process launched, long began, long deadline, String waitingFor) throws NotReady, InterruptedException {
        boolean exited = launched.waitFor(Math.min(POLL_INTERVAL.toMillis(), Math.max(0, remaining(deadline).toMillis())),
                TimeUnit.MILLISECONDS);
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();
        if (closed) {
            // Before the exit check: close() ends the process, which is not a start-up failure of its own.
            throw new NotReady("the broker was closed while it was starting.");
        }
        if (exited) {
            throw new NotReady("the broker process (pid " + launched.pid() + ") exited with code " + launched.exitValue()
                    + " during start-up, " + elapsedMillis + " ms after start(), while waiting for " + waitingFor + ".");
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new NotReady("the broker (pid " + launched.pid() + ") was not ready within startTimeout "
                    + settings.startTimeout().toMillis() + " ms; it was still waiting for " + waitingFor
                    + ". The broker process was stopped.");
        }
    }

    private boolean acceptsConnections(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.brokerPort()),
                    (int) Math.max(1, Math.min(timeout.toMillis(), PROBE_TIMEOUT.toMillis())));
            return true;
        } catch (IOException e) {
            // Refused or timed out: the listener is not open yet, which is what is being waited for.
            return false;
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Stops a broker that failed to start, keeping start()'s own exception the one reported. */
    private void stopAfterFailedStart(Process launched) {
        try {
            stop(launched, FAILED_START_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            launched.destroyForcibly();
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping broker pid {} after its failed start; killed it forcibly", launched.pid());
        } finally {
            releaseDataDirectory();
        }
    }

    private void stop(Process stopping, Duration graceful) throws InterruptedException {
        long pid = stopping.pid();
        if (!stopping.isAlive()) {
            LOG.info("Broker pid {} had already ended (exit code {})", pid, stopping.exitValue());
            return;
        }
        long began = System.nanoTime();
        try {
            stopping.getOutputStream().close();
            LOG.info("Stopping broker pid {}: closed its standard input for a controlled shutdown", pid);
        } catch (IOException e) {
            LOG.warn("Could not close the standard input of broker pid {} ({}); it will be destroyed instead", pid, e.toString());
            graceful = Duration.ZERO;
        }
        if (stopping.waitFor(graceful.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("Broker pid {} stopped after {} ms (exit code {})",
                    pid, Duration.ofNanos(System.nanoTime() - began).toMillis(), stopping.exitValue());
            return;
        }
        LOG.warn("Broker pid {} did not stop within {} s; destroying it", pid, graceful.toSeconds());
        stopping.destroy();
        if (stopping.waitFor(DESTROY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Broker pid {} destroyed (exit code {})", pid, stopping.exitValue());
            return;
        }
        LOG.warn("Broker pid {} survived destroy() for {} s; destroying it forcibly", pid, DESTROY_TIMEOUT.toSeconds());
        stopping.destroyForcibly();
        if (!stopping.waitFor(DESTROY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("broker process pid " + pid + " is still alive after destroyForcibly();"
                    + " kill it by hand. Its log: " + logFile());
        }
        LOG.warn("Broker pid {} destroyed forcibly (exit code {})", pid, stopping.exitValue());
    }

    private void unregisterShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs close() too, which then returns at once.
            LOG.debug("JVM shutdown in progress; leaving the broker's shutdown hook registered");
        }
        shutdownHook = null;
    }

    /** Why the broker did not become ready; start() adds the log tail and turns it into a BrokerStartException. */
    private static final class NotReady extends Exception {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }
}
