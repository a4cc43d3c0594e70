package eu.muster.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Which organisation a client certificate speaks for. */
public final class ClientCertificates {

    /** The SAN URI that names an organisation: this prefix followed by the organisation id. */
    public static final String ORGANISATION_URI_PREFIX = "urn:muster:organisation:";

    /** The subjectAltName type code of a uniformResourceIdentifier (RFC 5280, 4.2.1.6). */
    private static final int URI_NAME = 6;

    private ClientCertificates() {
    }

    /**
     * The organisation a verified client certificate speaks for: the SAN URI
     * {@code urn:muster:organisation:<id>} if present, else the subject CN. Empty if neither names an
     * organisation id ({@code [a-z0-9][a-z0-9-]*}).
     *
     * <p>This reads names only: the caller must have verified the certificate's chain (the TLS
     * handshake does). A certificate whose SAN URIs name an invalid id, or more than one organisation,
     * names none: the CN is then not consulted, because a CA that wrote the URI meant it to decide.
     */
    public static Optional<String> organisationOf(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        Collection<List<?>> alternativeNames;
        try {
            alternativeNames = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException unreadable) {
            return Optional.empty(); // a certificate whose names cannot be read speaks for nobody
        }
        if (alternativeNames != null) {
            List<String> named = alternativeNames.stream()
                    .filter(name -> name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0)) && name.get(1) instanceof String)
                    .map(name -> (String) name.get(1))
                    .filter(uri -> uri.startsWith(ORGANISATION_URI_PREFIX))
                    .map(uri -> uri.substring(ORGANISATION_URI_PREFIX.length()))
                    .distinct()
                    .toList();
            if (!named.isEmpty()) {
                return named.size() == 1 && OrganisationIds.isValid(named.get(0)) ? Optional.of(named.get(0)) : Optional.empty();
            }
        }
        return commonName(certificate).filter(OrganisationIds::isValid);
    }

    /** The subject's single CN; none when there is no CN, several, or a multi-valued one (ambiguous). */
    private static Optional<String> commonName(X509Certificate certificate) {
        RDN[] commonNames = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (commonNames.length != 1 || commonNames[0].isMultiValued()
                || !(commonNames[0].getFirst().getValue() instanceof ASN1String value)) {
            return Optional.empty();
        }
        return Optional.of(value.getString());
    }

    /** The SAN URI naming {@code organisationId}. */
    static String organisationUri(String organisationId) {
        return ORGANISATION_URI_PREFIX + organisationId;
    }
}
