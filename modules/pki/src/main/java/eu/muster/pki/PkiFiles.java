package eu.muster.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reading and writing the development PKI's files. Every failure is an IOException naming the file,
 * so that a damaged directory is reported, never silently replaced. Files are written whole (a
 * temporary file moved into place) and, where the file system has POSIX permissions, readable by the
 * owner only: they hold private keys.
 */
final class PkiFiles {

    private static final String KEYSTORE_TYPE = "PKCS12";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** A key with its certificate chain, leaf first: a key entry of a key store, or a client's PEM file. */
    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        KeyAndChain {
            chain = List.copyOf(chain);
        }

        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    private PkiFiles() {
    }

    /** Creates {@code directory} (owner-only where possible) unless it exists; an existing one keeps its permissions. */
    static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix(directory.toAbsolutePath().getParent())) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Writes {@code content} to {@code file} whole, owner-only, replacing what was there. */
    static void write(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        FileAttribute<?>[] ownerOnly = posix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly);
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** PEM text of one DER object, in 64-character lines as RFC 7468 asks. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static String pem(X509Certificate certificate) throws IOException {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IOException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Certificates, then the private key as PKCS#8: the one-file form curl's --cert takes. */
    static String pem(KeyAndChain credential) throws IOException {
        StringBuilder text = new StringBuilder(pem(credential.leaf()));
        text.append(pem("PRIVATE KEY", credential.key().getEncoded()));
        return text.toString();
    }

    /** The single certificate in a PEM file. */
    static X509Certificate readCertificate(Path file) throws IOException {
        List<PemObject> objects = readPem(file);
        if (objects.size() != 1 || !"CERTIFICATE".equals(objects.get(0).getType())) {
            throw new IOException(file + " is damaged: expected exactly one PEM certificate");
        }
        return certificate(file, objects.get(0).getContent());
    }

    /** The certificates and the one PKCS#8 private key of a PEM file such as a client's {@code <id>.pem}. */
    static KeyAndChain readKeyAndChain(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        for (PemObject object : readPem(file)) {
            switch (object.getType()) {
                case "CERTIFICATE" -> chain.add(certificate(file, object.getContent()));
                case "PRIVATE KEY" -> keys.add(privateKey(file, object.getContent()));
                default -> throw new IOException(file + " is damaged: unexpected PEM block " + object.getType());
            }
        }
        if (chain.isEmpty() || keys.size() != 1) {
            throw new IOException(file + " is damaged: expected a certificate and one PKCS#8 private key, found "
                    + chain.size() + " certificate(s) and " + keys.size() + " key(s)");
        }
        return new KeyAndChain(keys.get(0), chain);
    }

    private static List<PemObject> readPem(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1); // PEM is ASCII; Latin-1 decodes any byte, so damage shows below
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
        List<PemObject> objects = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is damaged: not readable as PEM (" + e.getMessage() + ")", e);
        }
        if (objects.isEmpty()) {
            throw new IOException(file + " is damaged: it holds no PEM block");
        }
        return objects;
    }

    private static X509Certificate certificate(Path file, byte[] der) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IOException(file + " is damaged: a certificate in it cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file, byte[] der) throws IOException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + " is damaged: its private key is not a PKCS#8 EC key (" + e.getMessage() + ")", e);
        }
    }

    /** A PKCS12 key store; a wrong password or a damaged file is an IOException naming the file. */
    static KeyStore readKeyStore(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException(file + " is damaged or not protected by the development password: " + e.getMessage(), e);
        }
    }

    /** The single key entry of a key store, with its chain. */
    static KeyAndChain readKeyEntry(Path file, char[] password) throws IOException {
        KeyStore store = readKeyStore(file, password);
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IOException(file + " is damaged: expected one private key entry, found " + keyAliases.size());
            }
            String alias = keyAliases.get(0);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                throw new IOException(file + " is damaged: entry " + alias + " holds no private key");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + " is damaged: entry " + alias + " has no certificate");
            }
            return new KeyAndChain(key, certificates);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is damaged: its key cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The certificates a key store trusts (its certificate entries). */
    static List<X509Certificate> readTrustedCertificates(Path file, char[] password) throws IOException {
        KeyStore store = readKeyStore(file, password);
        try {
            List<X509Certificate> trusted = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    trusted.add(certificate);
                }
            }
            return trusted;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** A PKCS12 key store with one key entry. */
    static byte[] keyStore(String alias, KeyAndChain credential, char[] password) throws IOException {
        return store(password, store -> store.setKeyEntry(alias, credential.key(), password,
                credential.chain().toArray(X509Certificate[]::new)));
    }

    /** A PKCS12 trust store with one trusted certificate. */
    static byte[] trustStore(String alias, X509Certificate certificate, char[] password) throws IOException {
        return store(password, store -> store.setCertificateEntry(alias, certificate));
    }

    private interface Entries {
        void add(KeyStore store) throws GeneralSecurityException;
    }

    private static byte[] store(char[] password, Entries entries) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(null, null);
            entries.add(store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot write a " + KEYSTORE_TYPE + " key store", e);
        }
    }
}
