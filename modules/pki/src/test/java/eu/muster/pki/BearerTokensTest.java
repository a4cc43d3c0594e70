package eu.muster.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.pki.InvalidTokenException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private final BearerTokens tokens = at(NOW);

    @TempDir
    Path workspace;

    @Test
    void anIssuedTokenVerifiesAsItsOrganisationUntilItsExpiry() throws Exception {
        String token = tokens.issue("de-bsi", Duration.ofMinutes(5));

        assertThat(tokens.verify(token)).isEqualTo(new BearerTokens.Verified("de-bsi", NOW.plusSeconds(300)));
        assertThat(at(NOW.plusSeconds(299)).verify(token).organisationId()).isEqualTo("de-bsi");
    }

    @Test
    void anIssuedTokenIsAStandardHs256Jwt() throws Exception {
        String token = tokens.issue("fr-anssi", Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0]))).isEqualTo(json.readTree(HS256));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims).isEqualTo(json.readTree(
                "{\"iss\":\"muster\",\"sub\":\"fr-anssi\",\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 3600) + "}"));
        assertThat(parts[2]).isEqualTo(hmac(SECRET, parts[0] + "." + parts[1]));
        assertThat(token).doesNotContain("=");
    }

    @Test
    void aTokenMadeElsewhereWithTheSecretVerifies() throws Exception {
        // Claims in another order and one muster does not use, as a JWT library or openssl would make them.
        String token = forge(HS256, "{\"exp\":" + (NOW_SECONDS + 60) + ",\"sub\":\"enisa\",\"jti\":\"x1\",\"iat\":" + NOW_SECONDS + "}");

        assertThat(tokens.verify(token).organisationId()).isEqualTo("enisa");
    }

    @Test
    void aTamperedPayloadHasABadSignature() {
        String[] parts = tokens.issue("de-bsi", Duration.ofMinutes(5)).split("\\.");
        String otherClaims = base64url("{\"iss\":\"muster\",\"sub\":\"fr-anssi\",\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 300) + "}");

        assertRefused(parts[0] + "." + otherClaims + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureIsABadSignature() {
        String token = tokens.issue("de-bsi", Duration.ofMinutes(5));
        int signatureStart = token.lastIndexOf('.') + 1;
        char first = token.charAt(signatureStart);
        String tampered = token.substring(0, signatureStart) + (first == 'A' ? 'B' : 'A') + token.substring(signatureStart + 1);

        assertRefused(tampered, Reason.BAD_SIGNATURE);
        assertRefused(token.substring(0, signatureStart), Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithAnotherSecretHasABadSignature() {
        String token = new BearerTokens("another secret of thirty-two bytes".getBytes(StandardCharsets.US_ASCII), Clock.fixed(NOW, ZoneOffset.UTC))
                .issue("de-bsi", Duration.ofMinutes(5));

        assertRefused(token, Reason.BAD_SIGNATURE);
    }

    @Test
    void algorithmNoneIsUnsupported() {
        String unsigned = base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64url(validClaims("de-bsi")) + ".";

        assertRefused(unsigned, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anyAlgorithmButHs256IsUnsupportedEvenWithAMatchingMac() {
        assertRefused(forge("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", validClaims("de-bsi")), Reason.UNSUPPORTED_ALGORITHM);
        assertRefused(forge("{\"alg\":\"hs256\"}", validClaims("de-bsi")), Reason.UNSUPPORTED_ALGORITHM);
        assertRefused(forge("{\"typ\":\"JWT\"}", validClaims("de-bsi")), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aTokenIsExpiredFromItsExpiryOnByTheClock() {
        String token = tokens.issue("de-bsi", Duration.ofMinutes(5));

        InvalidTokenException refused = refusal(at(NOW.plusSeconds(300)), token);
        assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(refused.getMessage()).contains(NOW.plusSeconds(300).toString());
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIsNotYetValid() throws Exception {
        assertThat(tokens.verify(at(NOW.plusSeconds(60)).issue("de-bsi", Duration.ofMinutes(5))).organisationId()).isEqualTo("de-bsi");

        assertRefused(at(NOW.plusSeconds(61)).issue("de-bsi", Duration.ofMinutes(5)), Reason.NOT_YET_VALID);
        assertRefused(forge(HS256, "{\"sub\":\"de-bsi\",\"nbf\":" + (NOW_SECONDS + 120) + ",\"exp\":" + (NOW_SECONDS + 600) + "}"),
                Reason.NOT_YET_VALID);
    }

    @Test
    void aTokenWithoutAnOrganisationSubjectIsRefused() {
        assertRefused(forge(HS256, "{\"iss\":\"muster\",\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 300) + "}"),
                Reason.MISSING_SUBJECT);
        assertRefused(forge(HS256, validClaims("")), Reason.MISSING_SUBJECT);
        assertRefused(forge(HS256, validClaims("../de-bsi")), Reason.MISSING_SUBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b", "a.b.c", "a.b.c.d", "eyJhbGciOiJIUzI1NiJ9.!!!.abc", "eyJhbGciOiJIUzI1NiJ9=.e30.abc",
        "W10.e30.abc", "bm90IGpzb24.e30.abc"})
    void garbageIsMalformed(String token) {
        assertRefused(token, Reason.MALFORMED);
    }

    @Test
    void wellSignedButMalformedClaimsAreMalformed() {
        assertRefused(forge(HS256, "{\"sub\":\"de-bsi\",\"iat\":" + NOW_SECONDS + "}"), Reason.MALFORMED);
        assertRefused(forge(HS256, "{\"sub\":\"de-bsi\",\"exp\":\"tomorrow\"}"), Reason.MALFORMED);
        assertRefused(forge(HS256, "{\"sub\":\"de-bsi\",\"exp\":" + (NOW_SECONDS + 60) + ",\"iss\":\"someone-else\"}"), Reason.MALFORMED);
        assertRefused(forge(HS256, "[]"), Reason.MALFORMED);
        assertRefused(forge("{\"alg\":\"HS256\",\"alg\":\"none\"}", validClaims("de-bsi")), Reason.MALFORMED);
        assertRefused(forge("{\"alg\":\"HS256\",\"crit\":[\"b64\"]}", validClaims("de-bsi")), Reason.MALFORMED);
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThatThrownBy(() -> new BearerTokens(new byte[31], clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }

    @Test
    void theSecretFileIsBase64() throws Exception {
        Path file = workspace.resolve("token.secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(SECRET) + "\n");

        BearerTokens fromFile = BearerTokens.fromSecretFile(file, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(tokens.verify(fromFile.issue("de-bsi", Duration.ofMinutes(1))).organisationId()).isEqualTo("de-bsi");

        Files.writeString(file, "not base64!");
        assertThatThrownBy(() -> BearerTokens.fromSecretFile(file, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }

    @Test
    void onlyOrganisationIdsAndPositiveValiditiesAreIssued() {
        assertThatThrownBy(() -> tokens.issue("DE BSI", Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("de-bsi", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BearerTokens at(Instant instant) {
        return new BearerTokens(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static String validClaims(String subject) {
        return "{\"iss\":\"muster\",\"sub\":\"" + subject + "\",\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 300) + "}";
    }

    /** A token with any header and claims, signed with the test's secret independently of BearerTokens. */
    private static String forge(String header, String claims) {
        String signingInput = base64url(header) + "." + base64url(claims);
        return signingInput + "." + hmac(SECRET, signingInput);
    }

    private static String hmac(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String token, Reason reason) {
        assertThat(refusal(tokens, token).reason()).as(token).isEqualTo(reason);
    }

    private static InvalidTokenException refusal(BearerTokens verifier, String token) {
        try {
            BearerTokens.Verified verified = verifier.verify(token);
            throw new AssertionError("expected a refusal of " + token + ", got " + verified);
        } catch (InvalidTokenException refused) {
            return refused;
        }
    }
}
