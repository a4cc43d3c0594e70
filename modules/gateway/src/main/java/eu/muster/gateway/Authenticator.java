package eu.muster.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import eu.muster.contract.Organisation;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.ClientCertificates;
import eu.muster.pki.InvalidTokenException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who is calling: the organisation named by the verified client certificate, or else by a valid
 * bearer token; the organisation directory then says its role and member state. The principal, not
 * the body, decides the organisation.
 */
final class Authenticator {

    private static final String BEARER = "Bearer ";

    private final Map<String, Organisation> directory;
    private final BearerTokens tokens;

    Authenticator(Map<String, Organisation> directory, BearerTokens tokens) {
        this.directory = Map.copyOf(directory);
        this.tokens = tokens;
    }

    /** The caller's organisation, or a 401/403 problem. */
    Organisation authenticate(HttpExchange exchange) {
        Optional<String> fromCertificate = certificateOrganisation(exchange);
        if (fromCertificate.isPresent()) {
            return registered(fromCertificate.get(), "client certificate");
        }
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
            return registered(tokens.verify(authorization.substring(BEARER.length()).strip()).organisationId(), "bearer token");
        } catch (InvalidTokenException e) {
            throw new Problem.Raised(Problem.of(401, "invalid-token", "The bearer token is not valid", e.getMessage()));
        }
    }

    private Organisation registered(String organisationId, String how) {
        Organisation organisation = directory.get(organisationId);
        if (organisation == null) {
            throw new Problem.Raised(Problem.of(403, "unknown-organisation", "Organisation not registered",
                    "the " + how + " names organisation '" + organisationId + "', which is not in muster's organisation directory"));
        }
        return organisation;
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
