package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What start() checks before it launches anything; the launching itself is in EmbeddedBrokerIT. */
class EmbeddedBrokerTest {

    @TempDir
    Path directory;

    private Path runtime;
    private BrokerSettings settings;

    @BeforeEach
    void fakeRuntime() throws Exception {
        // Enough of a built runtime to get past the runtime check; never launched by these tests.
        runtime = Files.createDirectories(directory.resolve("runtime"));
        Files.writeString(runtime.resolve(BrokerSettings.RUNTIME_CLASSPATH_FILE), "");
        Path mainClass = runtime.resolve("classes").resolve(BrokerRuntime.MAIN_CLASS.replace('.', '/') + ".class");
        Files.createDirectories(mainClass.getParent());
        Files.write(mainClass, new byte[0]);
        settings = BrokerSettings.of(directory.resolve("data"), runtime).withFreePorts();
    }

    @Test
    void occupiedBrokerPortIsNamedAndNothingIsLaunched() throws Exception {
        try (ServerSocket taken = bindLoopback()) {
            EmbeddedBroker broker = new EmbeddedBroker(settings.withBrokerPort(taken.getLocalPort()));

            assertThatThrownBy(broker::start)
                    .isInstanceOfSatisfying(BrokerPortInUseException.class, e -> {
                        assertThat(e.setting()).isEqualTo("brokerPort");
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                        assertThat(e.logFile()).isEmpty();
                    })
                    .hasMessageContaining("brokerPort " + taken.getLocalPort() + " is already in use on 127.0.0.1");
            assertThat(broker.process()).isEmpty();
            assertThat(broker.logFile()).doesNotExist();
        }
    }

    @Test
    void occupiedControllerPortIsNamed() throws Exception {
        try (ServerSocket taken = bindLoopback()) {
            EmbeddedBroker broker = new EmbeddedBroker(settings.withControllerPort(taken.getLocalPort()));

            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerPortInUseException.class)
                    .hasMessageContaining("controllerPort " + taken.getLocalPort());
        }
    }

    @Test
    void missingRuntimeIsNamedWithHowToBuildIt() {
        Path missing = directory.resolve("no-such-runtime");
        EmbeddedBroker broker = new EmbeddedBroker(settings.withRuntimeLocation(missing));

        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("runtimeLocation " + missing)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("mvn package -pl modules/broker-runtime");
    }

    @Test
    void runtimeWhoseClasspathNamesAMissingJarIsRejected() throws Exception {
        Path gone = directory.resolve("gone.jar");
        Files.writeString(runtime.resolve(BrokerSettings.RUNTIME_CLASSPATH_FILE), gone.toString());

        assertThatThrownBy(() -> new EmbeddedBroker(settings).start())
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining(gone.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void runtimeMayBeNamedByItsClasspathFile() {
        String classpath = BrokerRuntime.classpath(runtime.resolve(BrokerSettings.RUNTIME_CLASSPATH_FILE));

        assertThat(classpath).isEqualTo(runtime.resolve("classes").toString());
    }

    @Test
    void hostThatIsNotThisMachineIsRejected() {
        // TEST-NET-1 (RFC 5737): never assigned to a real interface.
        EmbeddedBroker broker = new EmbeddedBroker(settings.withHost("192.0.2.1"));

        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("host 192.0.2.1")
                .hasMessageContaining("not an address of this machine");
    }

    @Test
    void dataDirectoryInUseIsRefused() throws Exception {
        Files.createDirectories(settings.dataDirectory());
        try (FileChannel channel = FileChannel.open(settings.dataDirectory().resolve(EmbeddedBroker.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();

            assertThatThrownBy(() -> new EmbeddedBroker(settings).start())
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("dataDirectory " + settings.dataDirectory() + " is in use");
        }
    }

    @Test
    void closeBeforeStartDoesNothingAndForbidsStart() {
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        broker.close();
        broker.close();

        assertThat(broker.isAlive()).isFalse();
        assertThat(broker.stopDuration()).isEmpty();
        assertThatThrownBy(broker::startDuration).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static ServerSocket bindLoopback() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }
}
