package eu.muster.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes on 127.0.0.1 with the development PKI's files, as the gateway and its callers use them. */
class MutualTlsTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path workspace;
    private static DevelopmentCredentials credentials;

    @BeforeAll
    static void createPki() throws IOException {
        // The system clock: the JDK's trust managers check validity against the real time.
        credentials = DevelopmentCa.ensure(workspace.resolve("pki"), List.of("de-bsi", "fr-anssi"), List.of("127.0.0.1"), Clock.systemUTC());
    }

    /** What each side of one connection saw. */
    private record Exchange(Object server, Exception client) {
    }

    @Test
    void aClientCertificateAuthenticatesItsOrganisationToTheServer() throws Exception {
        Exchange exchange = connect(context(credentials.clientKeystores().get("fr-anssi"), credentials.truststore()));

        assertThat(exchange.client()).isNull();
        assertThat(exchange.server()).isEqualTo(Optional.of("fr-anssi"));
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() throws Exception {
        Exchange exchange = connect(context(null, credentials.truststore()));

        assertThat(exchange.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(exchange.client()).isInstanceOf(IOException.class);
    }

    @Test
    void aClientCertificateFromAnotherCaFailsTheHandshake() throws Exception {
        DevelopmentCredentials other = DevelopmentCa.ensure(workspace.resolve("other-pki"), List.of("de-bsi"), List.of("127.0.0.1"),
                Clock.systemUTC());

        Exchange exchange = connect(context(other.clientKeystores().get("de-bsi"), credentials.truststore()));

        assertThat(exchange.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(exchange.client()).isInstanceOf(IOException.class);
    }

    /**
     * One connection: the server (server.p12, client certificate required) answers the organisation of
     * the client's certificate, or the exception its handshake ended in; the client checks the server's
     * certificate against 127.0.0.1 as HTTPS does and reads one byte.
     */
    private static Exchange connect(SSLContext client) throws Exception {
        SSLContext server = context(credentials.serverKeystore(), credentials.truststore());
        AtomicReference<Object> serverSaw = new AtomicReference<>();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Thread serverSide = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    serverSaw.set(ClientCertificates.organisationOf((X509Certificate) socket.getSession().getPeerCertificates()[0]));
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                } catch (IOException | RuntimeException e) {
                    serverSaw.set(e);
                }
            }, "tls-test-server");
            serverSide.start();
            Exception clientFailure = null;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name 127.0.0.1
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                // With TLS 1.3 the server's verdict on the client certificate arrives after the client's handshake: read for it.
                int answer = socket.getInputStream().read();
                if (answer != 1) {
                    throw new IOException("the server answered " + answer + " instead of 1");
                }
            } catch (IOException e) {
                clientFailure = e;
            }
            serverSide.join(TIMEOUT_MILLIS);
            assertThat(serverSide.isAlive()).as("server side finished").isFalse();
            return new Exchange(serverSaw.get(), clientFailure);
        }
    }

    /** A TLS context presenting {@code keystore}'s key (none when null) and trusting {@code truststore}. */
    private static SSLContext context(Path keystore, Path truststore) throws IOException, GeneralSecurityException {
        char[] password = credentials.password();
        KeyManager[] keyManagers = null;
        if (keystore != null) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(PkiFiles.readKeyStore(keystore, password), password);
            keyManagers = keys.getKeyManagers();
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(PkiFiles.readKeyStore(truststore, password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

}
