package eu.muster.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import eu.muster.contract.Organisation;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.ClientCertificates;
import eu.muster.pki.InvalidTokenException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who is calling: the organisation named by the verified client certificate, or else by a valid
 * bearer token; the organisation directory then says its role and member state, or that it is an
 * auditor. The principal, not the body, decides the organisation.
 *
 * <p>Instances of one muster application also call each other, to read state stores a key's
 * owner holds: with a bearer token for the reserved principal {@value #INSTANCE}, signed with the
 * same token secret. That principal is accepted only by {@link #authenticateInstance}, never as a
 * caller of the public API, and no organisation may take its id.
 */
public final class Authenticator {

    /** The principal muster's instances use towards each other. */
    public static final String INSTANCE = "muster-instance";

    private static final String BEARER = "Bearer ";

    private final Map<String, Organisation> directory;
    private final Set<String> auditors;
    private final BearerTokens tokens;

    /**
     * @param directory the registered organisations by id
     * @param auditors  the ids of auditors, who read everything and write nothing
     * @param tokens    verifies bearer tokens
     */
    public Authenticator(Map<String, Organisation> directory, Set<String> auditors, BearerTokens tokens) {
        this.directory = Map.copyOf(directory);
        this.auditors = Set.copyOf(auditors);
        this.tokens = tokens;
        if (this.directory.containsKey(INSTANCE) || this.auditors.contains(INSTANCE)) {
            throw new IllegalArgumentException("the organisation id " + INSTANCE + " is reserved for muster's own instances");
        }
        this.auditors.stream().filter(this.directory::containsKey).findFirst().ifPresent(both -> {
            throw new IllegalArgumentException(both + " is listed both as an organisation and as an auditor");
        });
    }

    /** The tokens this authenticator verifies, for an instance to sign its own calls to peers with. */
    public BearerTokens tokens() {
        return tokens;
    }

    /** The caller, or a 401/403 problem. */
    public Caller authenticate(HttpExchange exchange) {
        Optional<String> fromCertificate = certificateOrganisation(exchange);
        if (fromCertificate.isPresent()) {
            return registered(fromCertificate.get(), "client certificate");
        }
        return registered(bearer(exchange), "bearer token");
    }

    /**
     * When the credential {@link #authenticate} accepted for this request stops being valid: the client
     * certificate's notAfter, or the bearer token's expiry. For connections that outlive a request (the
     * live stream), which must end when their credential does.
     */
    public Optional<Instant> credentialExpiry(HttpExchange exchange) {
        if (exchange instanceof HttpsExchange https) {
            try {
                Certificate[] chain = https.getSSLSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                    return Optional.of(certificate.getNotAfter().toInstant());
                }
            } catch (SSLPeerUnverifiedException noCertificate) {
                // no client certificate: the bearer token's expiry counts
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.verify(authorization.substring(BEARER.length()).strip()).expiresAt());
        } catch (InvalidTokenException e) {
            return Optional.of(Instant.EPOCH); // not valid (any more): already expired
        }
    }

    /** Passes when the request comes from another instance of this application; a 401/403 problem otherwise. */
    public void authenticateInstance(HttpExchange exchange) {
        String principal = bearer(exchange);
        if (!INSTANCE.equals(principal)) {
            throw new Problem.Raised(Problem.of(403, "instances-only", "Only muster's instances may call this",
                    "the internal API answers muster's own instances; the token names '" + principal + "'"));
        }
    }

    private String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new Problem.Raised(Problem.of(401, "unauthenticated", "Authentication required",
                    "present a client certificate issued to your organisation, or an Authorization: Bearer token"));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Problem.Raised(Problem.of(401, "unauthenticated", "Authentication required",
                    "the Authorization header must carry a bearer token: 'Bearer <token>'"));
        }
        try {
            return tokens.verify(authorization.substring(BEARER.length()).strip()).organisationId();
        } catch (InvalidTokenException e) {
            throw new Problem.Raised(Problem.of(401, "invalid-token", "The bearer token is not valid", e.getMessage()));
        }
    }

    private Caller registered(String organisationId, String how) {
        if (auditors.contains(organisationId)) {
            return Caller.auditor(organisationId);
        }
        Organisation organisation = directory.get(organisationId);
        if (organisation == null) {
            throw new Problem.Raised(Problem.of(403, "unknown-organisation", "Organisation not registered",
                    "the " + how + " names organisation '" + organisationId + "', which is not in muster's organisation directory"));
        }
        return Caller.of(organisation);
    }

    private static Optional<String> certificateOrganisation(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https)) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                Optional<String> organisation = ClientCertificates.organisationOf(certificate);
                if (organisation.isEmpty()) {
                    throw new Problem.Raised(Problem.of(403, "unknown-organisation", "Organisation not registered",
                            "the client certificate '" + certificate.getSubjectX500Principal().getName() + "' names no organisation id"));
                }
                return organisation;
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty(); // no client certificate: a bearer token may authenticate instead
        }
    }
}
