package eu.muster.pki;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link DevelopmentCa#ensure} put the development PKI's files. For development only.
 *
 * @param directory the directory holding everything below
 * @param caCertificatePem the development CA's certificate, PEM ({@code ca.pem}): what a client trusts
 * @param truststore PKCS12 trust store holding the CA certificate ({@code truststore.p12}): what the gateway trusts
 * @param serverKeystore PKCS12 key store with the gateway's key and certificate chain ({@code server.p12})
 * @param clientKeystores per organisation id asked for, its PKCS12 key store with key and certificate chain
 *     ({@code clients/<id>.p12}); the same key and certificate as PEM sit beside it as {@code clients/<id>.pem}
 * @param tokenSecret the bearer-token HMAC key, 32 random bytes in base64 ({@code token.secret})
 * @param password the password of every PKCS12 file here (and of their keys); a copy on each call
 * @param created whether this call created or re-issued any file, false when it reused everything
 */
public record DevelopmentCredentials(Path directory, Path caCertificatePem, Path truststore, Path serverKeystore,
        Map<String, Path> clientKeystores, Path tokenSecret, char[] password, boolean created) {

    /** Copies what a caller could change afterwards: the map and the password. */
    public DevelopmentCredentials {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(serverKeystore, "serverKeystore");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        clientKeystores = Collections.unmodifiableMap(new LinkedHashMap<>(clientKeystores));
        password = password.clone();
    }

    /** The key stores' password, as a copy the caller may clear after use. */
    @Override
    public char[] password() {
        return password.clone();
    }

    /** Equal when every component is, the password by its characters (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof DevelopmentCredentials that && created == that.created && directory.equals(that.directory)
                && caCertificatePem.equals(that.caCertificatePem) && truststore.equals(that.truststore)
                && serverKeystore.equals(that.serverKeystore) && clientKeystores.equals(that.clientKeystores)
                && tokenSecret.equals(that.tokenSecret) && Arrays.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(directory, caCertificatePem, truststore, serverKeystore, clientKeystores, tokenSecret, Arrays.hashCode(password), created);
    }

    /** Paths and the created flag; never the password. */
    @Override
    public String toString() {
        return "DevelopmentCredentials[directory=" + directory + ", organisations=" + clientKeystores.keySet() + ", created=" + created + "]";
    }
}
