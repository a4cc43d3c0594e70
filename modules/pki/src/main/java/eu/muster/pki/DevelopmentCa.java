package eu.muster.pki;

import eu.muster.pki.CertificateIssuer.Authority;
import eu.muster.pki.PkiFiles.KeyAndChain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.util.IPAddress;

/**
 * A development PKI for the HTTPS gateway: a CA, a server certificate, one client certificate per
 * organisation and a bearer-token secret, in one directory. Never for production: the CA's key lies
 * beside the certificates it signs and every key store shares a published password.
 */
public final class DevelopmentCa {

    /** The password of every PKCS12 file of a development PKI, published on purpose: development only. */
    public static final String PASSWORD = "muster-dev";

    static final String CA_CERTIFICATE = "ca.pem";
    static final String CA_KEYSTORE = "ca.p12";
    static final String TRUSTSTORE = "truststore.p12";
    static final String SERVER_KEYSTORE = "server.p12";
    static final String CLIENTS = "clients";
    static final String TOKEN_SECRET = "token.secret";
    static final String README = "README.md";
    static final int TOKEN_SECRET_BYTES = 32;

    private static final String CA_ALIAS = "muster-development-ca";
    private static final String SERVER_ALIAS = "server";
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    /** subjectAltName type codes (RFC 5280, 4.2.1.6). */
    private static final int DNS_NAME_TYPE = 2;
    private static final int IP_ADDRESS_TYPE = 7;

    private final Path directory;
    private final CertificateIssuer issuer;
    private final char[] password = PASSWORD.toCharArray();
    private boolean created;

    private DevelopmentCa(Path directory, Clock clock) {
        this.directory = directory;
        this.issuer = new CertificateIssuer(clock);
    }

    /**
     * Creates on first use, and reuses afterwards, a development PKI in {@code directory}: never for
     * production (its README says so).
     *
     * <p>When the directory already holds the CA, it is reused: organisations without a client
     * certificate get one, the server certificate is re-issued (same key, old names kept) if it does not
     * cover every one of {@code serverNames}, and missing derived files (the truststore, a client's PEM,
     * the README) are written again. Nothing that exists is replaced because it looks wrong: a damaged,
     * unreadable or inconsistent file is an IOException naming it, and so is a directory that holds
     * gateway files but no development CA (it is someone else's PKI).
     *
     * @param directory where the files live; created (owner-only) if missing
     * @param organisationIds the organisations that get a client certificate, ids as in the organisation directory
     * @param serverNames the gateway's host names and IP literals (such as 127.0.0.1), at least one
     * @param clock the time certificates are issued at
     * @return where everything is, and whether this call created anything
     * @throws IllegalArgumentException for an invalid organisation id or server name, or no server name
     * @throws IOException when a file cannot be read, is damaged, or cannot be written; the message names it
     */
    public static DevelopmentCredentials ensure(Path directory, List<String> organisationIds, List<String> serverNames, Clock clock)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        List<String> organisations = organisationIds.stream().map(OrganisationIds::require).distinct().toList();
        List<String> names = serverNames.stream().map(DevelopmentCa::requireServerName).distinct().toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the server certificate needs at least one server name");
        }
        return new DevelopmentCa(directory, clock).ensure(organisations, names);
    }

    private DevelopmentCredentials ensure(List<String> organisations, List<String> serverNames) throws IOException {
        PkiFiles.createDirectory(directory);
        Authority authority = authority();
        ensureTruststore(authority);
        ensureServer(authority, serverNames);
        Map<String, Path> clientKeystores = new LinkedHashMap<>();
        if (!organisations.isEmpty()) {
            PkiFiles.createDirectory(directory.resolve(CLIENTS));
        }
        for (String organisation : organisations) {
            clientKeystores.put(organisation, ensureClient(authority, organisation));
        }
        ensureTokenSecret();
        ensureReadme(serverNames.get(0));
        return new DevelopmentCredentials(directory, file(CA_CERTIFICATE), file(TRUSTSTORE), file(SERVER_KEYSTORE), clientKeystores,
                file(TOKEN_SECRET), password, created);
    }

    /** The CA, from ca.p12 (its key) checked against ca.pem, or a new one when the directory holds no PKI yet. */
    private Authority authority() throws IOException {
        Path keystore = file(CA_KEYSTORE);
        Path certificate = file(CA_CERTIFICATE);
        if (!Files.exists(keystore)) {
            if (Files.exists(certificate)) {
                throw new IOException(certificate + " is there but " + keystore + ", the CA's key, is missing: "
                        + "certificates for new organisations cannot be issued; delete " + directory + " to start a new development PKI");
            }
            refuseForeignFiles();
            Authority authority = issuer.newAuthority();
            // The key first: an interrupted run then leaves a CA whose ca.pem the next run writes again.
            write(keystore, PkiFiles.keyStore(CA_ALIAS, new KeyAndChain(authority.key(), List.of(authority.certificate())), password));
            write(certificate, PkiFiles.pem(authority.certificate()).getBytes(StandardCharsets.US_ASCII));
            return authority;
        }
        KeyAndChain stored = PkiFiles.readKeyEntry(keystore, password);
        X509Certificate caCertificate = stored.leaf();
        if (caCertificate.getBasicConstraints() < 0 || !CertificateIssuer.issuedBy(caCertificate, caCertificate)
                || !CertificateIssuer.keyMatches(stored.key(), caCertificate)) {
            throw new IOException(keystore + " is damaged: it does not hold a self-signed CA certificate with its key");
        }
        if (Files.exists(certificate)) {
            if (!PkiFiles.readCertificate(certificate).equals(caCertificate)) {
                throw new IOException(certificate + " does not match the CA in " + keystore + ": delete " + directory
                        + " to start a new development PKI");
            }
        } else {
            write(certificate, PkiFiles.pem(caCertificate).getBytes(StandardCharsets.US_ASCII));
        }
        return new Authority(stored.key(), caCertificate);
    }

    /** A new CA beside existing gateway files would make them unusable, and they may be a real PKI: refuse. */
    private void refuseForeignFiles() throws IOException {
        for (String name : List.of(TRUSTSTORE, SERVER_KEYSTORE, TOKEN_SECRET)) {
            if (Files.exists(file(name))) {
                throw new IOException(directory + " holds " + name + " but no development CA (" + CA_KEYSTORE + "): it is not a development "
                        + "PKI made by muster, and muster will not add a CA to it; use an empty directory");
            }
        }
        Path clients = file(CLIENTS);
        if (Files.isDirectory(clients)) {
            try (Stream<Path> entries = Files.list(clients)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(clients + " holds client certificates but " + directory + " has no development CA ("
                            + CA_KEYSTORE + "); use an empty directory");
                }
            }
        }
    }

    private void ensureTruststore(Authority authority) throws IOException {
        Path truststore = file(TRUSTSTORE);
        if (Files.exists(truststore)) {
            if (!PkiFiles.readTrustedCertificates(truststore, password).contains(authority.certificate())) {
                throw new IOException(truststore + " does not trust the CA in " + file(CA_CERTIFICATE));
            }
            return;
        }
        write(truststore, PkiFiles.trustStore(CA_ALIAS, authority.certificate(), password));
    }

    private void ensureServer(Authority authority, List<String> serverNames) throws IOException {
        Path keystore = file(SERVER_KEYSTORE);
        if (!Files.exists(keystore)) {
            KeyPair keys = issuer.newKeyPair();
            issueServer(authority, keys.getPrivate(), keys.getPublic(), serverNames);
            return;
        }
        KeyAndChain server = readIssued(keystore, authority);
        Set<String> requested = new LinkedHashSet<>();
        serverNames.forEach(name -> requested.add(nameKey(name)));
        List<String> present = alternativeNames(keystore, server.leaf());
        if (present.stream().map(DevelopmentCa::nameKey).toList().containsAll(requested)) {
            return;
        }
        // Asked for a name the certificate lacks (the gateway moved host): re-issue for the new names and the old,
        // so that clients still using an old name keep working.
        List<String> names = new ArrayList<>(serverNames);
        present.stream().filter(name -> !requested.contains(nameKey(name))).forEach(names::add);
        issueServer(authority, server.key(), server.leaf().getPublicKey(), names);
    }

    private void issueServer(Authority authority, PrivateKey key, PublicKey publicKey, List<String> names) throws IOException {
        X509Certificate certificate = issuer.server(authority, publicKey, names);
        write(file(SERVER_KEYSTORE), PkiFiles.keyStore(SERVER_ALIAS, new KeyAndChain(key, List.of(certificate, authority.certificate())), password));
    }

    private Path ensureClient(Authority authority, String organisation) throws IOException {
        Path keystore = file(CLIENTS).resolve(organisation + ".p12");
        Path pem = file(CLIENTS).resolve(organisation + ".pem");
        KeyAndChain client;
        if (Files.exists(keystore)) {
            client = readIssued(keystore, authority);
        } else if (Files.exists(pem)) {
            // Only the PEM survived: its key and certificate are still good, so the key store is rebuilt from them.
            client = readIssued(pem, authority, PkiFiles.readKeyAndChain(pem));
            client = new KeyAndChain(client.key(), List.of(client.leaf(), authority.certificate()));
            write(keystore, PkiFiles.keyStore(organisation, client, password));
        } else {
            KeyPair keys = issuer.newKeyPair();
            X509Certificate certificate = issuer.client(authority, keys.getPublic(), organisation);
            client = new KeyAndChain(keys.getPrivate(), List.of(certificate, authority.certificate()));
            write(keystore, PkiFiles.keyStore(organisation, client, password));
        }
        if (!ClientCertificates.organisationOf(client.leaf()).equals(Optional.of(organisation))) {
            throw new IOException(keystore + " holds a certificate for " + client.leaf().getSubjectX500Principal().getName()
                    + ", not for organisation " + organisation);
        }
        if (Files.exists(pem)) {
            if (!PkiFiles.readKeyAndChain(pem).leaf().equals(client.leaf())) {
                throw new IOException(pem + " does not hold the certificate of " + keystore);
            }
        } else {
            write(pem, PkiFiles.pem(client).getBytes(StandardCharsets.US_ASCII));
        }
        return keystore;
    }

    /** A key store's key entry, checked to be a certificate issued by this CA together with its own key. */
    private KeyAndChain readIssued(Path keystore, Authority authority) throws IOException {
        return readIssued(keystore, authority, PkiFiles.readKeyEntry(keystore, password));
    }

    private static KeyAndChain readIssued(Path file, Authority authority, KeyAndChain credential) throws IOException {
        if (!CertificateIssuer.issuedBy(credential.leaf(), authority.certificate())) {
            throw new IOException(file + " holds a certificate that the CA in " + CA_CERTIFICATE + " did not issue");
        }
        if (!CertificateIssuer.keyMatches(credential.key(), credential.leaf())) {
            throw new IOException(file + " is damaged: its private key does not belong to its certificate");
        }
        return credential;
    }

    private void ensureTokenSecret() throws IOException {
        Path secret = file(TOKEN_SECRET);
        if (Files.exists(secret)) {
            BearerTokens.readSecret(secret); // refuses a damaged secret now rather than when the gateway starts
            return;
        }
        byte[] bytes = new byte[TOKEN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        write(secret, (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void ensureReadme(String serverName) throws IOException {
        Path readme = file(README);
        if (!Files.exists(readme)) {
            write(readme, DevelopmentReadme.text(serverName, PASSWORD).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void write(Path file, byte[] content) throws IOException {
        PkiFiles.write(file, content);
        created = true;
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    private static String requireServerName(String name) {
        if (name == null || !(IPAddress.isValid(name) || DNS_NAME.matcher(name).matches())) {
            throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address literal");
        }
        return name;
    }

    /** The DNS names and IP addresses a certificate is valid for. */
    private static List<String> alternativeNames(Path file, X509Certificate certificate) throws IOException {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IOException(file + " is damaged: its certificate's names cannot be read", e);
        }
        List<String> result = new ArrayList<>();
        for (List<?> name : names == null ? List.<List<?>>of() : names) {
            Object type = name.get(0);
            if ((Integer.valueOf(DNS_NAME_TYPE).equals(type) || Integer.valueOf(IP_ADDRESS_TYPE).equals(type)) && name.get(1) instanceof String value) {
                result.add(value);
            }
        }
        return result;
    }

    /** One spelling per name: DNS names ignore case, and ::1 is 0:0:0:0:0:0:0:1. */
    private static String nameKey(String name) {
        if (!IPAddress.isValid(name)) {
            return "dns:" + name.toLowerCase(Locale.ROOT);
        }
        try {
            return "ip:" + InetAddress.getByName(name).getHostAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return "ip:" + name;
        }
    }
}
