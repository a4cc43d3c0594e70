package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Tlp;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import eu.muster.query.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real headless Chromium against a running backbone: it shows what is
 * there, and when an event is filed, the page changes by itself within seconds, with no reload.
 * Saves screenshots to target/browser/ as test artefacts.
 */
@Tag("browser")
class DashboardIT {

    private static final Path ARTEFACTS = Path.of("target", "browser");

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void theDashboardShowsTheOpenClocksAndUpdatesLiveWhenAnEventIsFiled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")),
                "no chromium here (scripts/ensure-chromium installs it; in CI a missing browser fails this test)");
        ContractTrust.trustContractClasses();
        Path pki = dir.resolve("pki");
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-dashboard");
        Files.writeString(config, "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n",
                StandardOpenOption.APPEND);
        String first = UUID.randomUUID().toString();
        String filedLater = UUID.randomUUID().toString();
        IncidentEvent request = DashboardsIT.request(first, DashboardsIT.DE_NCA, "Ransomware at a water utility", Tlp.AMBER, Instant.now());

        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers());
             Chromium browser = Chromium.launch(dir.resolve("chromium-profile"))) {
            submissions.submit(request);
            submissions.awaitOutcomes(Set.of(request.getEventId()), Duration.ofSeconds(60));
            String base = backbone.gateway().orElseThrow().baseUri();
            Readers readers = new Readers(base, credentials);
            readers.await("enisa", "/v1/clocks", page -> page.get("total").asInt() == 1);

            browser.navigate(base + "/dashboard/#token=" + readers.token("enisa"));
            browser.waitFor("document.body.dataset.stream === 'live'", Duration.ofSeconds(20));
            browser.waitFor(row(first), Duration.ofSeconds(10));
            assertThat(browser.evaluate("document.querySelector('#clocks').textContent").asText()).contains("Ransomware at a water utility");
            String before = browser.evaluate("document.body.dataset.updatedAt").asText();
            browser.screenshot(ARTEFACTS.resolve("dashboard-before.png"));

            Instant filed = Instant.now();
            submissions.submit(DashboardsIT.request(filedLater, DashboardsIT.FR_NCA, "Wiper at a grid operator", Tlp.GREEN, filed));
            browser.waitFor(row(filedLater), Duration.ofSeconds(5));
            Duration shown = Duration.between(filed, Instant.now());

            assertThat(browser.evaluate("document.querySelector('#clocks').textContent").asText()).contains("Wiper at a grid operator");
            // The page stamps data-updated-at once the whole refresh round is applied, which may end after the row is drawn.
            browser.waitFor("document.body.dataset.updatedAt !== '" + before + "'", Duration.ofSeconds(5));
            assertThat(browser.evaluate("location.hash").asText()).as("the token leaves the address bar").isEmpty();
            browser.screenshot(ARTEFACTS.resolve("dashboard-live.png"));
            assertThat(browser.consoleErrors()).isEmpty();
            System.out.printf("dashboard showed the filed event %d ms after it was submitted%n", shown.toMillis());
        }
    }

    private static String row(String incidentId) {
        return "document.querySelector('#clocks [data-incident-id=\"" + incidentId + "\"]') !== null";
    }
}
