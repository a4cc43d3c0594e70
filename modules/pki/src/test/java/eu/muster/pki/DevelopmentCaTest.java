package eu.muster.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import eu.muster.pki.PkiFiles.KeyAndChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentCaTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC);
    private static final List<String> SERVER_NAMES = List.of("127.0.0.1", "localhost");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int KEY_CERT_SIGN = 5;

    @TempDir
    Path workspace;

    private Path pki() {
        return workspace.resolve("var").resolve("pki");
    }

    @Test
    void firstUseCreatesTheCaTheServerAndOneClientPerOrganisation() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of("de-bsi", "fr-anssi"), SERVER_NAMES, CLOCK);

        assertThat(credentials.created()).isTrue();
        assertThat(credentials.password()).containsExactly("muster-dev".toCharArray());
        assertThat(credentials.caCertificatePem()).isEqualTo(pki().resolve("ca.pem")).isRegularFile();
        assertThat(credentials.truststore()).isEqualTo(pki().resolve("truststore.p12")).isRegularFile();
        assertThat(credentials.serverKeystore()).isEqualTo(pki().resolve("server.p12")).isRegularFile();
        assertThat(credentials.tokenSecret()).isEqualTo(pki().resolve("token.secret")).isRegularFile();
        assertThat(credentials.clientKeystores()).containsExactly(
                Map.entry("de-bsi", pki().resolve("clients/de-bsi.p12")), Map.entry("fr-anssi", pki().resolve("clients/fr-anssi.p12")));
        assertThat(pki().resolve("clients/de-bsi.pem")).isRegularFile();
        assertThat(pki().resolve("clients/fr-anssi.pem")).isRegularFile();
        assertThat(Base64.getDecoder().decode(Files.readString(credentials.tokenSecret()).strip())).hasSize(32);
    }

    @Test
    void theCaIsAP256CertificateAuthorityForTenYears() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        X509Certificate ca = PkiFiles.readCertificate(credentials.caCertificatePem());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=muster development CA");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
        assertThat(ca.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void everyKeyStoreLoadsWithThePassword() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        X509Certificate ca = PkiFiles.readCertificate(credentials.caCertificatePem());
        KeyStore truststore = PkiFiles.readKeyStore(credentials.truststore(), credentials.password());
        assertThat(truststore.getCertificate(truststore.aliases().nextElement())).isEqualTo(ca);
        for (Path keystore : List.of(credentials.serverKeystore(), credentials.clientKeystores().get("de-bsi"))) {
            KeyStore store = PkiFiles.readKeyStore(keystore, credentials.password());
            String alias = store.aliases().nextElement();
            assertThat(store.getKey(alias, credentials.password())).as(keystore.toString()).isNotNull();
            assertThat(store.getCertificateChain(alias)).as(keystore.toString()).hasSize(2).endsWith(ca);
        }
        assertThatThrownBy(() -> PkiFiles.readKeyStore(credentials.serverKeystore(), "wrong".toCharArray())).isInstanceOf(IOException.class);
    }

    @Test
    void theServerCertificateNamesEveryServerNameForServerAuthentication() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of(), List.of("127.0.0.1", "localhost", "::1"), CLOCK);

        X509Certificate server = PkiFiles.readKeyEntry(credentials.serverKeystore(), credentials.password()).leaf();
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(7, "127.0.0.1"), List.of(2, "localhost"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(2).toInstant());
        assertValidates(server, credentials, NOW);
    }

    @Test
    void aClientCertificateSpeaksForItsOrganisationAndChainsToTheCa() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        X509Certificate client = PkiFiles.readKeyEntry(credentials.clientKeystores().get("de-bsi"), credentials.password()).leaf();
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=de-bsi,O=muster development");
        assertThat(client.getSubjectAlternativeNames()).containsExactly(List.of(6, "urn:muster:organisation:de-bsi"));
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(2).toInstant());
        assertThat(ClientCertificates.organisationOf(client)).contains("de-bsi");
        assertValidates(client, credentials, NOW);
    }

    @Test
    void aCertificateFromAnotherDevelopmentCaDoesNotChainToThisOne() throws Exception {
        DevelopmentCredentials ours = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);
        DevelopmentCredentials theirs = DevelopmentCa.ensure(workspace.resolve("other"), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        X509Certificate impostor = PkiFiles.readKeyEntry(theirs.clientKeystores().get("de-bsi"), theirs.password()).leaf();
        assertThatThrownBy(() -> assertValidates(impostor, ours, NOW)).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void theClientPemHoldsTheKeyStoresCertificateAndItsPkcs8Key() throws Exception {
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        Path pem = pki().resolve("clients/de-bsi.pem");
        assertThat(Files.readString(pem)).contains("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----");
        KeyAndChain fromPem = PkiFiles.readKeyAndChain(pem);
        KeyAndChain fromKeystore = PkiFiles.readKeyEntry(credentials.clientKeystores().get("de-bsi"), credentials.password());
        assertThat(fromPem.leaf()).isEqualTo(fromKeystore.leaf());
        assertThat(fromPem.key().getEncoded()).isEqualTo(fromKeystore.key().getEncoded());
    }

    @Test
    void theReadmeSaysWhatEachFileIsThePasswordAndDevelopmentOnly() throws Exception {
        DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        String readme = Files.readString(pki().resolve("README.md"));
        assertThat(readme).contains("for development only", "muster-dev", "--cacert ca.pem --cert clients/de-bsi.pem",
                "https://127.0.0.1:8443/", "`ca.pem`", "`ca.p12`", "`truststore.p12`", "`server.p12`", "`token.secret`");
    }

    @Test
    void aSecondCallReusesEverything() throws Exception {
        DevelopmentCredentials first = DevelopmentCa.ensure(pki(), List.of("de-bsi", "fr-anssi"), SERVER_NAMES, CLOCK);
        Map<String, byte[]> before = contents(pki());

        DevelopmentCredentials second = DevelopmentCa.ensure(pki(), List.of("fr-anssi", "de-bsi"), SERVER_NAMES, LATER);

        assertThat(second.created()).isFalse();
        assertThat(second.clientKeystores()).containsOnlyKeys("de-bsi", "fr-anssi");
        Map<String, byte[]> after = contents(pki());
        assertThat(after).containsOnlyKeys(before.keySet().toArray(String[]::new));
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file).isEqualTo(bytes));
        assertThat(Files.readAllBytes(second.caCertificatePem())).isEqualTo(Files.readAllBytes(first.caCertificatePem()));
    }

    @Test
    void aNewOrganisationGetsACertificateWithoutTouchingTheOthers() throws Exception {
        DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);
        Map<String, byte[]> before = contents(pki());

        DevelopmentCredentials grown = DevelopmentCa.ensure(pki(), List.of("de-bsi", "at-certat"), SERVER_NAMES, LATER);

        assertThat(grown.created()).isTrue();
        Map<String, byte[]> after = contents(pki());
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file).isEqualTo(bytes));
        assertThat(after.keySet()).containsAll(before.keySet()).contains("clients/at-certat.p12", "clients/at-certat.pem");
        X509Certificate added = PkiFiles.readKeyEntry(grown.clientKeystores().get("at-certat"), grown.password()).leaf();
        assertThat(ClientCertificates.organisationOf(added)).contains("at-certat");
        assertValidates(added, grown, LATER.instant());
    }

    @Test
    void aServerNameTheCertificateLacksReissuesItWithTheSameKeyAndTheOldNames() throws Exception {
        DevelopmentCredentials first = DevelopmentCa.ensure(pki(), List.of("de-bsi"), List.of("127.0.0.1"), CLOCK);
        KeyAndChain before = PkiFiles.readKeyEntry(first.serverKeystore(), first.password());
        byte[] ca = Files.readAllBytes(first.caCertificatePem());

        DevelopmentCredentials moved = DevelopmentCa.ensure(pki(), List.of("de-bsi"), List.of("gateway.muster.test"), LATER);

        assertThat(moved.created()).isTrue();
        KeyAndChain after = PkiFiles.readKeyEntry(moved.serverKeystore(), moved.password());
        assertThat(after.leaf().getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "gateway.muster.test"), List.of(7, "127.0.0.1"));
        assertThat(after.leaf().getPublicKey()).isEqualTo(before.leaf().getPublicKey());
        assertThat(Files.readAllBytes(moved.caCertificatePem())).isEqualTo(ca);
        assertThat(DevelopmentCa.ensure(pki(), List.of("de-bsi"), List.of("127.0.0.1"), LATER).created()).isFalse();
    }

    @Test
    void aLostClientPemIsWrittenAgainFromItsKeyStore() throws Exception {
        DevelopmentCredentials first = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);
        Path pem = pki().resolve("clients/de-bsi.pem");
        Files.delete(pem);

        DevelopmentCredentials again = DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        assertThat(again.created()).isTrue();
        assertThat(PkiFiles.readKeyAndChain(pem).leaf())
                .isEqualTo(PkiFiles.readKeyEntry(first.clientKeystores().get("de-bsi"), first.password()).leaf());
    }

    @Test
    void aCorruptedCaPemIsRefusedByNameAndLeftAsItIs() throws Exception {
        DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);
        Path caPem = pki().resolve("ca.pem");
        Files.writeString(caPem, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(caPem.toString());
        assertThat(Files.readString(caPem)).contains("bm90IGEgY2VydGlmaWNhdGU=");
    }

    @Test
    void aCorruptedClientKeyStoreOrTokenSecretIsRefusedByName() throws Exception {
        DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);
        Path client = pki().resolve("clients/de-bsi.p12");
        Files.write(client, new byte[] {0x30, 0x03, 0x02, 0x01});

        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(client.toString());

        Files.delete(client);
        Files.delete(pki().resolve("clients/de-bsi.pem"));
        Path secret = pki().resolve("token.secret");
        Files.writeString(secret, "c2hvcnQ=\n");
        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(secret.toString());
    }

    @Test
    void aDirectoryWithGatewayFilesButNoDevelopmentCaIsRefused() throws Exception {
        Files.createDirectories(pki());
        Path foreign = pki().resolve("server.p12");
        Files.write(foreign, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("server.p12");
        assertThat(pki().resolve("ca.pem")).doesNotExist();
        assertThat(Files.readAllBytes(foreign)).containsExactly(1, 2, 3);
    }

    @Test
    void filesAreReadableByTheOwnerOnly() throws Exception {
        assumeThat(workspace.getFileSystem().supportedFileAttributeViews()).contains("posix");
        DevelopmentCa.ensure(pki(), List.of("de-bsi"), SERVER_NAMES, CLOCK);

        assertThat(Files.getPosixFilePermissions(pki())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(contents(pki())).hasSizeGreaterThan(5);
        for (String file : contents(pki()).keySet()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki().resolve(file)))).as(file).isEqualTo("rw-------");
        }
        assertThat(Files.getPosixFilePermissions(pki().resolve("clients"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void invalidOrganisationIdsAndServerNamesAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("../de-bsi"), SERVER_NAMES, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../de-bsi");
        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), List.of("not a host"), CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host");
        assertThatThrownBy(() -> DevelopmentCa.ensure(pki(), List.of("de-bsi"), List.of(), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pki()).doesNotExist();
    }

    /** Validates {@code certificate} as PKIX does, with the truststore's CA as the only anchor, at {@code instant}. */
    private static void assertValidates(X509Certificate certificate, DevelopmentCredentials credentials, Instant instant) throws Exception {
        PKIXParameters parameters = new PKIXParameters(PkiFiles.readKeyStore(credentials.truststore(), credentials.password()));
        parameters.setRevocationEnabled(false); // a development CA publishes no revocation lists
        parameters.setDate(Date.from(instant));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }


    /** Every file below {@code directory}, by its path relative to it ('/'-separated). */
    private static Map<String, byte[]> contents(Path directory) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return contents;
    }
}
