package eu.muster.pki;

/** The README.md of a development PKI directory: what each file is, the password, how to try it, and that it is for development only. */
final class DevelopmentReadme {

    /** The gateway's default port (muster.gateway.port), for the example only. */
    private static final int DEFAULT_GATEWAY_PORT = 8443;

    private DevelopmentReadme() {
    }

    static String text(String serverName, String password) {
        String host = serverName.contains(":") ? "[" + serverName + "]" : serverName; // an IPv6 literal goes in brackets in a URL
        return """
                # muster development PKI: for development only

                muster created this directory for a development backbone. **Never use it in production**: the
                CA's private key lies beside the certificates it signs, the password below is published, and
                whoever can read this directory can call the gateway as any organisation.

                | file | what it is |
                | --- | --- |
                | `ca.pem` | the development CA's certificate (ECDSA P-256, valid 10 years): what clients trust (`curl --cacert`) |
                | `ca.p12` | the development CA's private key and certificate: muster issues certificates for new organisations with it |
                | `truststore.p12` | the CA certificate as a PKCS12 trust store: the gateway accepts client certificates the CA issued |
                | `server.p12` | the gateway's private key and certificate chain (serverAuth, valid 2 years) |
                | `clients/<organisation id>.p12` | one organisation's private key and certificate chain (clientAuth, valid 2 years; subject `CN=<organisation id>, O=muster development`, SAN URI `urn:muster:organisation:<organisation id>`) |
                | `clients/<organisation id>.pem` | the same certificate and its PKCS#8 private key in one PEM file, for `curl --cert` |
                | `token.secret` | 32 random bytes, base64: the HMAC-SHA256 key that signs and checks the gateway's bearer tokens |

                The password of every `.p12` file, and of the keys in them, is `%s`.

                ## Try it

                As the German NCA `de-bsi` (any organisation with a file in `clients/` works the same way),
                from this directory, with the gateway on its default port:

                ```bash
                curl --cacert ca.pem --cert clients/de-bsi.pem https://%s:%d/v1/events/7d0d1c57-4f1e-4c61-9d7e-3f0a2b6c9e11/outcome
                ```

                ## What muster does with this directory

                Every start reuses it: organisations new to the organisation directory get a client
                certificate, and `server.p12` is issued again (same key) when the gateway is asked to serve a
                name the certificate does not cover. muster never replaces a damaged or foreign file; it stops
                and names it. To start over, delete the directory: every certificate, and the token secret,
                then changes.
                """.formatted(password, host, DEFAULT_GATEWAY_PORT);
    }
}
