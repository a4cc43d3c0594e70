package eu.muster.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the development PKI's keys and certificates: ECDSA P-256 keys, SHA256withECDSA signatures.
 * Bouncy Castle only assembles the certificates; keys and signatures come from the JDK's own
 * providers, so no security provider is installed into the JVM.
 */
final class CertificateIssuer {

    static final String ORGANISATION = "muster development";
    static final int CA_YEARS = 10;
    static final int LEAF_YEARS = 2;
    /** Certificates start an hour before they are made, so a host whose clock lags a little still accepts them. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String CURVE = "secp256r1";

    /** A CA's key and certificate: what issuing needs. */
    record Authority(PrivateKey key, X509Certificate certificate) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CertificateIssuer(Clock clock) {
        this.clock = clock;
    }

    KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + CURVE + " keys", e);
        }
    }

    /** A new self-signed development CA. */
    Authority newAuthority() {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "muster development CA").build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), CA_YEARS)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(keys.getPrivate(), sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the development CA certificate", e);
        }
    }

    /** A server certificate for {@code serverNames}: DNS names, or IP addresses where a name is an IP literal. */
    X509Certificate server(Authority issuer, PublicKey key, List<String> serverNames) {
        GeneralName[] names = serverNames.stream()
                .map(name -> new GeneralName(IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        return leaf(issuer, leafSubject(serverNames.get(0)), key, names, KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate speaking for {@code organisationId}, by CN and by SAN URI. */
    X509Certificate client(Authority issuer, PublicKey key, String organisationId) {
        GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, ClientCertificates.organisationUri(organisationId));
        return leaf(issuer, leafSubject(organisationId), key, new GeneralName[] {uri}, KeyPurposeId.id_kp_clientAuth);
    }

    /** An end-entity certificate with any subject and names: the building block of server and client certificates. */
    X509Certificate leaf(Authority issuer, X500Name subject, PublicKey key, GeneralName[] alternativeNames, KeyPurposeId purpose) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    subject, key, LEAF_YEARS)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            if (alternativeNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
            }
            return sign(builder, issuer.key());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject, e);
        }
    }

    /** {@code CN=<commonName>, O=muster development}: O first in the encoding, so that it prints CN first. */
    static X500Name leafSubject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANISATION).addRDN(BCStyle.CN, commonName).build();
    }

    /** Whether {@code key} is the private half of {@code certificate}'s public key, by signing a probe with it. */
    static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = "muster key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException notThisKind) {
            return false; // a key of another algorithm cannot belong to an ECDSA certificate
        }
    }

    /** Whether {@code certificate} carries a signature by {@code issuer}'s key. */
    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
        } catch (GeneralSecurityException notIssuedByIt) {
            return false;
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, int years) {
        Instant now = clock.instant();
        Date notBefore = Date.from(now.minus(BACKDATE));
        Date notAfter = Date.from(now.atOffset(ZoneOffset.UTC).plusYears(years).toInstant());
        return new JcaX509v3CertificateBuilder(issuer, serialNumber(), notBefore, notAfter, subject, key);
    }

    /** 127 random bits: unique without a counter to keep, positive and within RFC 5280's 20 octets. */
    private BigInteger serialNumber() {
        return new BigInteger(127, random).setBit(0);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM + ": " + e.getMessage(), e);
        }
    }
}
