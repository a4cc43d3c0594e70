package eu.muster.pki;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.pki.CertificateIssuer.Authority;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    private static final CertificateIssuer ISSUER = new CertificateIssuer(Clock.systemUTC());
    private static final Authority CA = ISSUER.newAuthority();

    @Test
    void aDevelopmentClientCertificateSpeaksForItsOrganisation() {
        X509Certificate certificate = ISSUER.client(CA, ISSUER.newKeyPair().getPublic(), "mssp-nordwind");

        assertThat(ClientCertificates.organisationOf(certificate)).contains("mssp-nordwind");
    }

    @Test
    void theSanUriDecidesOverTheCommonName() {
        X509Certificate certificate = certificate("CN=fr-anssi", uri("urn:muster:organisation:de-bsi"));

        assertThat(ClientCertificates.organisationOf(certificate)).contains("de-bsi");
    }

    @Test
    void withoutAnOrganisationUriTheCommonNameNamesTheOrganisation() {
        assertThat(ClientCertificates.organisationOf(certificate("CN=at-certat,O=CERT.at"))).contains("at-certat");
        assertThat(ClientCertificates.organisationOf(certificate("CN=at-certat", uri("https://cert.at/"),
                new GeneralName(GeneralName.dNSName, "cert.at")))).contains("at-certat");
    }

    @Test
    void nothingThatIsNotAnOrganisationIdNamesAnOrganisation() {
        assertThat(ClientCertificates.organisationOf(certificate("CN=Klinikum Nord,O=Klinikum"))).isEmpty();
        assertThat(ClientCertificates.organisationOf(certificate("O=no common name"))).isEmpty();
        assertThat(ClientCertificates.organisationOf(certificate("CN=DE-BSI"))).isEmpty();
    }

    @Test
    void anInvalidOrAmbiguousOrganisationUriNamesNobodyEvenWithAValidCommonName() {
        assertThat(ClientCertificates.organisationOf(certificate("CN=de-bsi", uri("urn:muster:organisation:../de-bsi")))).isEmpty();
        assertThat(ClientCertificates.organisationOf(certificate("CN=de-bsi",
                uri("urn:muster:organisation:de-bsi"), uri("urn:muster:organisation:fr-anssi")))).isEmpty();
    }

    private static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    private static X509Certificate certificate(String subject, GeneralName... alternativeNames) {
        return ISSUER.leaf(CA, new X500Name(subject), ISSUER.newKeyPair().getPublic(), alternativeNames, KeyPurposeId.id_kp_clientAuth);
    }
}
