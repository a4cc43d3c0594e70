package eu.muster.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.pki.InvalidTokenException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens for callers that cannot present a client certificate: compact JWTs signed with
 * HMAC-SHA256 ({@code alg: HS256}), whose {@code sub} is the organisation id, with {@code iat},
 * {@code exp} (epoch seconds) and {@code iss: muster}. Any JWT library, or openssl, can make one with
 * the same secret. Thread-safe.
 */
public final class BearerTokens {

    /** The shortest secret accepted: HS256 wants a key at least as long as its 32-byte output (RFC 7518, 3.2). */
    public static final int MINIMUM_SECRET_BYTES = 32;
    /** How far in the future {@code iat} or {@code nbf} may lie, for issuers whose clock runs a little ahead. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    static final String ISSUER = "muster";
    private static final String ALGORITHM = "HS256";
    private static final String MAC_ALGORITHM = "HmacSHA256";
    /** Far beyond any token muster issues; stops a caller from making the verifier decode megabytes. */
    private static final int MAX_TOKEN_CHARS = 8192;
    /** Strict JSON: a duplicated "alg" or trailing content could make two readers see two different tokens. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            ("{\"alg\":\"" + ALGORITHM + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.US_ASCII));

    /** What a valid token says: who, and until when. */
    public record Verified(String organisationId, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * Tokens signed and checked with {@code secret}.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MINIMUM_SECRET_BYTES} bytes
     */
    public BearerTokens(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("a token secret is at least " + MINIMUM_SECRET_BYTES + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), MAC_ALGORITHM);
    }

    /** Tokens whose secret is the base64 in {@code file}, as {@link DevelopmentCa} writes {@code token.secret}. */
    public static BearerTokens fromSecretFile(Path file, Clock clock) throws IOException {
        return new BearerTokens(readSecret(file), clock);
    }

    /** The secret in a token secret file; an IOException naming the file when it is not base64 of at least 32 bytes. */
    static byte[] readSecret(Path file) throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the token secret " + file + ": " + e, e);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the token secret " + file + " is damaged: not base64 (" + e.getMessage() + ")", e);
        }
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new IOException("the token secret " + file + " is damaged: it holds " + secret.length + " bytes, at least "
                    + MINIMUM_SECRET_BYTES + " are needed");
        }
        return secret;
    }

    /**
     * A token for {@code organisationId}, valid from now for {@code validity} (whole seconds).
     *
     * @throws IllegalArgumentException for an invalid organisation id or a validity under one second
     */
    public String issue(String organisationId, Duration validity) {
        OrganisationIds.require(organisationId);
        if (validity.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a token is valid for at least a second, got " + validity);
        }
        long issuedAt = clock.instant().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", organisationId)
                .put("iat", issuedAt)
                .put("exp", Math.addExact(issuedAt, validity.toSeconds()));
        String signingInput;
        try {
            signingInput = HEADER + "." + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write token claims", e);
        }
        return signingInput + "." + BASE64URL.encodeToString(mac(signingInput));
    }

    /**
     * Who {@code token} speaks for, if it is a well-formed HS256 token signed with this secret, issued no
     * further in the future than {@link #CLOCK_SKEW}, not expired, and naming an organisation id.
     * The signature is checked before any claim is read, so an unsigned claim never decides anything.
     *
     * @throws InvalidTokenException with the first reason the token fails
     */
    public Verified verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token is empty or longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException(Reason.MALFORMED, "a token is three base64url parts separated by dots, this one has " + parts.length);
        }
        JsonNode header = json(base64url(parts[0], "header"), "header");
        JsonNode algorithm = header.get("alg");
        if (algorithm == null || !algorithm.isTextual() || !ALGORITHM.equals(algorithm.textValue())) {
            throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM, "the token's algorithm "
                    + (algorithm == null ? "is missing" : algorithm + " is not supported") + "; muster accepts " + ALGORITHM + " only");
        }
        if (header.has("crit")) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token's header lists critical extensions, which muster does not support");
        }
        byte[] claims = base64url(parts[1], "claims"); // only base64url characters may reach the MAC, which reads ASCII
        byte[] signature = base64url(parts[2], "signature");
        // MessageDigest.isEqual takes the same time wherever the first difference lies: the timing tells a forger nothing.
        if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), signature)) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "the token's signature is not valid");
        }
        return claims(json(claims, "claims"));
    }

    private Verified claims(JsonNode claims) throws InvalidTokenException {
        JsonNode issuer = claims.get("iss");
        if (issuer != null && !ISSUER.equals(issuer.textValue())) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token's issuer " + issuer + " is not " + ISSUER);
        }
        Long expiresAt = epochSeconds(claims, "exp");
        if (expiresAt == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token has no expiry (exp)");
        }
        Instant now = clock.instant();
        for (String claim : new String[] {"iat", "nbf"}) {
            Long from = epochSeconds(claims, claim);
            if (from != null && Instant.ofEpochSecond(from).isAfter(now.plus(CLOCK_SKEW))) {
                throw new InvalidTokenException(Reason.NOT_YET_VALID, "the token is not valid before " + Instant.ofEpochSecond(from)
                        + " (" + claim + "); it is now " + now);
            }
        }
        Instant expiry = Instant.ofEpochSecond(expiresAt);
        if (!now.isBefore(expiry)) {
            throw new InvalidTokenException(Reason.EXPIRED, "the token expired at " + expiry);
        }
        JsonNode subject = claims.get("sub");
        if (subject == null || !subject.isTextual() || subject.textValue().isEmpty()) {
            throw new InvalidTokenException(Reason.MISSING_SUBJECT, "the token names no organisation (sub)");
        }
        if (!OrganisationIds.isValid(subject.textValue())) {
            throw new InvalidTokenException(Reason.MISSING_SUBJECT, "the token's subject (sub) is not an organisation id");
        }
        return new Verified(subject.textValue(), expiry);
    }

    /** A NumericDate claim as whole epoch seconds, null when absent; within Instant's range. */
    private static Long epochSeconds(JsonNode claims, String name) throws InvalidTokenException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < 0 || value.longValue() > Instant.MAX.getEpochSecond()) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token's " + name + " is not a time in epoch seconds");
        }
        return value.longValue();
    }

    private static JsonNode json(byte[] bytes, String what) throws InvalidTokenException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException(Reason.MALFORMED, "the token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token's " + what + " is not JSON");
        }
    }

    /** Unpadded base64url, as JWS writes it (RFC 7515, 2); padding or other characters are refused. */
    private static byte[] base64url(String part, String what) throws InvalidTokenException {
        try {
            if (part.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "the token's " + what + " is not base64url");
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM); // a Mac is stateful: one per call keeps this class thread-safe
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute " + MAC_ALGORITHM, e);
        }
    }
}
