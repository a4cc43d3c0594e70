package eu.muster.client.example;

import eu.muster.client.EventDraft;
import eu.muster.client.MusterClient;
import eu.muster.client.MusterClientSettings;
import eu.muster.client.OutcomeTimeoutException;
import eu.muster.client.SubmissionFailedException;
import eu.muster.client.SubmissionReceipt;
import eu.muster.contract.AffectedEntity;
import eu.muster.contract.Classification;
import eu.muster.contract.ConflictOfInterestCheck;
import eu.muster.contract.ConflictOfInterestResult;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.Pap;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.SlaTerms;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.contract.Team;
import eu.muster.contract.Tlp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * The worked example of {@code docs/producer-client.md}: the doc's code blocks are copied from
 * here (ExampleDocTest holds them to it), this file compiles against the client's public API only,
 * and ExampleIT runs the steps against a real broker.
 */
public final class ReserveRequestExample {

    private ReserveRequestExample() {
    }

    /** A national authority on a production cluster, authenticated by its TLS client certificate. */
    public static MusterClientSettings nationalAuthoritySettings(String keystorePassword, String truststorePassword) {
        Organisation bsi = Organisation.newBuilder()
                .setId("de-bsi")                      // as registered in muster's organisation directory
                .setRole(OrganisationRole.NCA)
                .setMemberState("DE")
                .build();
        Properties kafka = new Properties();
        kafka.setProperty("bootstrap.servers", "kafka-1.muster.example.eu:9093,kafka-2.muster.example.eu:9093");
        kafka.setProperty("security.protocol", "SSL");
        kafka.setProperty("ssl.keystore.type", "PKCS12");
        kafka.setProperty("ssl.keystore.location", "/etc/muster/de-bsi.p12");
        kafka.setProperty("ssl.keystore.password", keystorePassword);
        kafka.setProperty("ssl.truststore.type", "PKCS12");
        kafka.setProperty("ssl.truststore.location", "/etc/muster/muster-ca.p12");
        kafka.setProperty("ssl.truststore.password", truststorePassword);
        return MusterClientSettings.of(bsi, kafka);
    }

    /** A provider on a production cluster, authenticated with SASL/SCRAM over TLS. */
    public static MusterClientSettings providerSettings(String password) {
        Organisation nordwind = Organisation.newBuilder()
                .setId("mssp-nordwind")
                .setRole(OrganisationRole.MSSP)
                .setMemberState("NL")
                .build();
        return MusterClientSettings.of(nordwind, "kafka-1.muster.example.eu:9094")
                .withKafkaProperty("security.protocol", "SASL_SSL")
                .withKafkaProperty("sasl.mechanism", "SCRAM-SHA-512")
                .withKafkaProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"mssp-nordwind\" password=\"" + password + "\";")
                .withKafkaProperty("ssl.truststore.location", "/etc/muster/muster-ca.p12")
                .withKafkaProperty("ssl.truststore.type", "PKCS12")
                .withKafkaProperty("delivery.timeout.ms", 60_000);
    }

    /**
     * A national authority's system: one client for the life of the application, closed at the end.
     * Not run by the tests (it would connect to example.eu); {@link #fileRequest} is.
     */
    public static String requestSupport(String keystorePassword, String truststorePassword) {
        try (MusterClient bsi = new MusterClient(nationalAuthoritySettings(keystorePassword, truststorePassword))) {
            return fileRequest(bsi);
        }
    }

    /** Step 1: the German NCA asks the Reserve for help, which opens a new incident; returns its id. */
    public static String fileRequest(MusterClient bsi) {
        RequestFiled request = RequestFiled.newBuilder()
                .setRequestingAuthority("de-bsi")
                .setRequestingMemberState("DE")
                .setTitle("Ransomware at regional hospitals")
                .setClassification(Classification.SIGNIFICANT)
                .setAffectedEntities(List.of(AffectedEntity.newBuilder()
                        .setName("Klinikum Nord").setSector(Sector.HEALTH).setMemberState("DE").build()))
                .setAffectedMemberStates(List.of("DE"))
                .setCapabilityGaps(List.of("OT forensics"))
                .setServicesNeeded(List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.CONTAINMENT))
                .setLanguages(List.of("de", "en"))
                .setOnSiteSupportRequested(true)
                .setAwareAt(Instant.now().minus(Duration.ofHours(3)))
                .build();
        String incidentId = MusterClient.newIncidentId();
        EventDraft draft = bsi.event(incidentId, request)
                .tlp(Tlp.AMBER)                       // the default, stated for the reader
                .pap(Pap.AMBER);
        SubmissionOutcome outcome = submitAndConfirm(bsi, draft);
        if (outcome.getStatus() != OutcomeStatus.ACCEPTED) {
            throw new IllegalStateException("muster refused the request: " + explain(outcome));
        }
        return incidentId;
    }

    /** Step 2: ENISA matches a provider after the conflict-of-interest check. */
    public static SubmissionOutcome matchProvider(MusterClient enisa, String incidentId) {
        MsspMatched match = MsspMatched.newBuilder()
                .setMsspId("mssp-nordwind")
                .setMatchingCriteria(List.of("language:de", "sector:HEALTH", "availability"))
                .setConflictOfInterestCheck(ConflictOfInterestCheck.newBuilder()
                        .setResult(ConflictOfInterestResult.PASSED)
                        .setCheckedBy("enisa")
                        .setCheckedAt(Instant.now())
                        .build())
                .setSlaTerms(SlaTerms.newBuilder()
                        .setFrameworkContractId("FWC-2026-07")
                        .setRemoteSupportWithinMinutes(120L)
                        .setOnSiteWithinMinutes(1440L)
                        .build())
                .build();
        return submitAndConfirm(enisa, enisa.event(incidentId, match));
    }

    /** Step 3: the matched MSSP starts remote support. */
    public static EventDraft remoteSupport(MusterClient nordwind, String incidentId) {
        DeploymentStarted remote = DeploymentStarted.newBuilder()
                .setDeploymentId("nordwind-remote-1")  // our own id, unique within the incident
                .setMsspId("mssp-nordwind")
                .setMode(DeploymentMode.REMOTE)
                .setTeam(Team.newBuilder()
                        .setSize(4)
                        .setLead("IR lead, Amsterdam SOC")
                        .setCapabilities(List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.CONTAINMENT))
                        .build())
                .setLocation(null)                    // REMOTE: no location
                .build();
        return nordwind.event(incidentId, remote).tlp(Tlp.AMBER_STRICT);
    }

    /**
     * Submits a draft and waits for muster's verdict, resubmitting once when the broker's answer was
     * lost (the same draft is the same eventId, which muster records once).
     */
    public static SubmissionOutcome submitAndConfirm(MusterClient client, EventDraft draft) {
        SubmissionReceipt receipt;
        try {
            receipt = client.submit(draft);
        } catch (SubmissionFailedException e) {
            if (!e.failure().mayHaveBeenWritten()) {
                throw e;                              // missing topic, ACLs, credentials: a person must act
            }
            receipt = client.submit(draft);           // same eventId: safe to repeat
        }
        try {
            return client.awaitOutcome(receipt, Duration.ofMinutes(2));
        } catch (OutcomeTimeoutException e) {
            // muster is down or behind; the submission is safe on the topic. Look again later, by eventId.
            return client.awaitOutcome(draft.eventId(), Duration.ofMinutes(10));
        }
    }

    /** Handling a rejection: what the submitting system should do, by reason. */
    public static String explain(SubmissionOutcome outcome) {
        if (outcome.getStatus() == OutcomeStatus.ACCEPTED) {
            return "accepted as event " + outcome.getSequence() + " of incident " + outcome.getIncidentId();
        }
        String what = outcome.getReason() + " (rule " + outcome.getRule() + "): " + outcome.getMessage();
        return switch (outcome.getReason()) {
            // Too early: a precondition is not met yet. Wait for the missing event, then submit a new draft.
            case INCIDENT_NOT_REQUESTED, NOT_MATCHED -> "not yet possible, " + what;
            // Our configuration disagrees with muster's organisation directory: fix it, do not retry.
            case UNKNOWN_ORGANISATION, PRODUCER_MISMATCH -> "configuration error, " + what;
            // The submitting machine's clock runs ahead of muster's: fix the clock.
            case FUTURE_TIMESTAMP -> "clock error, " + what;
            // Everything else is a lifecycle rule: the event contradicts the incident's history.
            default -> "refused, " + what;
        };
    }
}
