package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.client.example.ReserveRequestExample;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.broker.testing.SharedBroker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worked example of docs/producer-client.md, step by step, against a real broker and muster's
 * real log-of-record processor.
 */
@ExtendWith(SharedBroker.class)
class ExampleIT {

    private static final Organisation BSI = Organisation.newBuilder().setId("de-bsi").setRole(OrganisationRole.NCA).setMemberState("DE").build();
    private static final Organisation ENISA = Organisation.newBuilder().setId("enisa").setRole(OrganisationRole.ENISA).setMemberState(null).build();
    private static final Organisation NORDWIND = Organisation.newBuilder().setId("mssp-nordwind").setRole(OrganisationRole.MSSP).setMemberState("NL").build();

    @Test
    @SuppressWarnings("try") // the processor only has to run while the example talks to it
    void requestMatchAndDeploymentWithARejectionOnTheWay() throws Exception {
        BrokerTopics.provision(BSI, ENISA, NORDWIND);
        try (RunningProcessor muster = new RunningProcessor(List.of(BSI, ENISA, NORDWIND));
                MusterClient bsi = new MusterClient(BrokerTopics.settings(BSI));
                MusterClient enisa = new MusterClient(BrokerTopics.settings(ENISA));
                MusterClient nordwind = new MusterClient(BrokerTopics.settings(NORDWIND))) {

            String incidentId = ReserveRequestExample.fileRequest(bsi);

            EventDraft tooEarly = ReserveRequestExample.remoteSupport(nordwind, incidentId);
            SubmissionOutcome refused = ReserveRequestExample.submitAndConfirm(nordwind, tooEarly);
            assertThat(refused.getStatus()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(refused.getReason()).isEqualTo(RejectionReason.NOT_MATCHED);
            assertThat(ReserveRequestExample.explain(refused)).startsWith("not yet possible, NOT_MATCHED (rule deployment-needs-match)");

            SubmissionOutcome matched = ReserveRequestExample.matchProvider(enisa, incidentId);
            assertThat(matched.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(matched.getSequence()).isEqualTo(2L);

            EventDraft deployment = ReserveRequestExample.remoteSupport(nordwind, incidentId);
            SubmissionOutcome deployed = ReserveRequestExample.submitAndConfirm(nordwind, deployment);
            assertThat(deployed.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(deployed.getSequence()).isEqualTo(3L);
            assertThat(ReserveRequestExample.explain(deployed)).isEqualTo("accepted as event 3 of incident " + incidentId);

            SubmissionOutcome again = ReserveRequestExample.submitAndConfirm(nordwind, deployment);
            assertThat(again.getStatus()).isEqualTo(OutcomeStatus.ACCEPTED);
            assertThat(again.getSequence()).as("a resubmitted eventId is recorded once").isEqualTo(3L);
        }
    }
}
