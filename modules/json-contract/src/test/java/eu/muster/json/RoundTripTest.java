package eu.muster.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.DurationSummary;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.contract.TaxonomyClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Writing contract records as JSON, and reading envelopes back to the same event. */
class RoundTripTest {

    private static final JsonContract JSON = JsonContract.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everySampleEnvelopeRoundTripsThroughTheTreeAndThroughBytes() throws Exception {
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        for (IncidentEvent sample : samples) {
            // toString, not equals: Avro 1.12's generated equals throws on some records with optional timestamps.
            assertThat(JSON.readEvent(JSON.write(sample)).toString()).as(sample.getPayload().getClass().getSimpleName())
                    .isEqualTo(sample.toString());
            assertThat(JSON.readEvent(JSON.writeBytes(sample)).toString()).isEqualTo(sample.toString());
        }
        assertThat(samples.stream().map(e -> e.getPayload().getClass()).distinct()).hasSize(IncidentEvent.getClassSchema()
                .getField("payload").schema().getTypes().size());
    }

    @Test
    void aBatchArrayRoundTripsInOrder() throws Exception {
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        byte[] batch = MAPPER.writeValueAsBytes(samples.stream().map(JSON::write).collect(Collectors.toList()));

        List<IncidentEvent> read = JSON.readEvents(batch);

        assertThat(read.stream().map(Object::toString)).containsExactlyElementsOf(samples.stream().map(Object::toString).collect(Collectors.toList()));
    }

    @Test
    void aSingleObjectIsABatchOfOneAndAnEmptyArrayIsEmpty() throws Exception {
        IncidentEvent sample = SampleEvents.everyPayloadType().get(0);

        assertThat(JSON.readEvents(JSON.writeBytes(sample))).singleElement().hasToString(sample.toString());
        assertThat(JSON.readEvents("[ ]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theEnvelopeIsWrittenInTheDocumentedForm() throws Exception {
        ObjectNode json = JSON.write(SampleEvents.everyPayloadType().get(0));

        assertThat(json.get("occurredAt").textValue()).isEqualTo("2026-03-02T08:25:00Z");
        assertThat(json.get("tlp").textValue()).isEqualTo("AMBER");
        JsonNode payload = json.get("payload");
        // The tag comes first, so a human reading the JSON sees what the fact is before its fields.
        assertThat(payload.fieldNames().next()).isEqualTo("type");
        assertThat(payload.get("type").textValue()).isEqualTo("RequestFiled");
        assertThat(payload.get("awareAt").textValue()).isEqualTo("2026-03-02T07:15:00Z");
        assertThat(payload.get("affectedEntities").get(0).get("sector").textValue()).isEqualTo("HEALTH");
        assertThat(payload.get("onSiteSupportRequested").booleanValue()).isTrue();
    }

    @Test
    void optionalFieldsAreWrittenAsNullAndAbsentOnesReadAsTheirDefault() throws Exception {
        IncidentEvent remote = SampleEvents.everyPayloadType().get(2);
        ObjectNode json = JSON.write(remote);
        assertThat(json.get("payload").get("location").isNull()).isTrue();

        ((ObjectNode) json.get("payload")).remove("location");

        assertThat(JSON.readEvent(json).toString()).isEqualTo(remote.toString());
    }

    @Test
    void instantsWithAnOffsetOrFinerThanMillisecondsAreReadAsTheirUtcMillisecond() throws Exception {
        IncidentEvent sample = SampleEvents.everyPayloadType().get(0);
        ObjectNode json = JSON.write(sample);
        json.put("occurredAt", "2026-03-02T09:25:00.123987+01:00");

        IncidentEvent read = JSON.readEvent(json);

        assertThat(read.getOccurredAt()).isEqualTo(Instant.parse("2026-03-02T08:25:00.123Z"));
    }

    @Test
    void anOutcomeIsWrittenWithItsNullsAndEnumAndInstant() {
        SubmissionOutcome outcome = SubmissionOutcome.newBuilder().setEventId("7d0d1c57-4f1e-4c61-9d7e-3f0a2b6c9e11")
                .setIncidentId(SampleEvents.INCIDENT_ID).setStatus(OutcomeStatus.ACCEPTED).setSequence(1L)
                .setDecidedAt(Instant.parse("2026-11-24T09:00:01.204Z")).build();

        assertThat(new String(JSON.writeBytes(outcome), StandardCharsets.UTF_8)).isEqualTo(
                "{\"eventId\":\"7d0d1c57-4f1e-4c61-9d7e-3f0a2b6c9e11\",\"incidentId\":\"" + SampleEvents.INCIDENT_ID + "\","
                        + "\"status\":\"ACCEPTED\",\"sequence\":1,\"reason\":null,\"message\":null,\"rule\":null,"
                        + "\"decidedAt\":\"2026-11-24T09:00:01.204Z\",\"duplicates\":0}");
    }

    @Test
    void bytesAreBase64AndRecordsMusterWritesRoundTrip() throws Exception {
        IncidentEvent sample = SampleEvents.everyPayloadType().get(0);
        byte[] hash = new byte[32];
        hash[0] = (byte) 0xfb;
        hash[31] = 0x01;
        ByteBuffer hashBuffer = ByteBuffer.wrap(hash);
        RecordedEvent recorded = RecordedEvent.newBuilder().setIncidentId(SampleEvents.INCIDENT_ID).setSequence(1L)
                .setRecordedAt(SampleEvents.FILED_AT).setSubmissionTopic("submissions.de-bsi").setSubmissionPartition(0)
                .setSubmissionOffset(42L).setEvent(sample).setPreviousHash(ByteBuffer.wrap(new byte[32])).setHash(hashBuffer).build();

        ObjectNode json = JSON.write(recorded);

        assertThat(json.get("hash").textValue()).isEqualTo("+wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=");
        assertThat(hashBuffer.position()).as("writing must not consume the record's buffer").isZero();
        assertThat(json.get("event").get("payload").get("type").textValue()).isEqualTo("RequestFiled");
        assertThat(JSON.read(JSON.writeBytes(recorded), RecordedEvent.class).toString()).isEqualTo(recorded.toString());

        Rejection undecodable = Rejection.newBuilder().setSubmissionTopic("submissions.de-bsi").setSubmissionPartition(1)
                .setSubmissionOffset(7L).setOrganisationId("de-bsi").setReason(RejectionReason.UNDECODABLE).setRule("decodable")
                .setMessage("not Avro").setRejectedAt(SampleEvents.FILED_AT).setRawSubmission(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        ObjectNode rejection = JSON.write(undecodable);
        assertThat(rejection.get("rawSubmission").textValue()).isEqualTo("AQID");
        assertThat(rejection.get("submission").isNull()).isTrue();
        assertThat(JSON.read(JSON.writeBytes(undecodable), Rejection.class).toString()).isEqualTo(undecodable.toString());
    }

    @Test
    void aUnionOfSeveralRecordsWithNullIsTaggedOrNull() throws Exception {
        LessonRecord lesson = LessonRecord.newBuilder().setIncidentId(SampleEvents.INCIDENT_ID).setTaxonomyClass(TaxonomyClass.INTRUSIONS)
                .setSectors(List.of(Sector.HEALTH)).setLessonsLearned(List.of("backups")).setRecommendations(List.of())
                .setFiledAt(SampleEvents.FILED_AT).setClosureToReviewMillis(5L).build();
        GroupEntry entry = GroupEntry.newBuilder().setGroup("taxonomy:INTRUSIONS").setIncidentId(SampleEvents.INCIDENT_ID).setEntry(lesson).build();
        GroupEntry leaving = GroupEntry.newBuilder().setGroup("taxonomy:INTRUSIONS").setIncidentId(SampleEvents.INCIDENT_ID).setEntry(null).build();

        assertThat(JSON.write(entry).get("entry").get("type").textValue()).isEqualTo("LessonRecord");
        assertThat(JSON.write(leaving).get("entry").isNull()).isTrue();
        assertThat(JSON.read(JSON.writeBytes(entry), GroupEntry.class).toString()).isEqualTo(entry.toString());
        assertThat(JSON.read(JSON.writeBytes(leaving), GroupEntry.class).toString()).isEqualTo(leaving.toString());
    }

    @Test
    void doublesAreNumbersAndANonFiniteOneIsABrokenRecord() throws Exception {
        DurationSummary none = DurationSummary.newBuilder().setCount(0).build();
        MsspScorecard scorecard = MsspScorecard.newBuilder().setMsspId("mssp-nordwind").setEngagements(1).setDeployments(2)
                .setClocksDecided(4).setClocksMet(3).setShareOfClocksMet(0.75).setTimeToRemoteSupport(none).setTimeToOnSite(none)
                .setReviewsCiting(0).setEngagementRecords(List.of()).build();

        assertThat(JSON.write(scorecard).get("shareOfClocksMet").doubleValue()).isEqualTo(0.75);
        assertThat(JSON.read(JSON.writeBytes(scorecard), MsspScorecard.class).toString()).isEqualTo(scorecard.toString());

        scorecard.setShareOfClocksMet(Double.NaN);
        assertThatThrownBy(() -> JSON.write(scorecard)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shareOfClocksMet").hasMessageContaining("a finite number");
    }

    @Test
    void writingARecordThatBreaksItsSchemaFailsAtTheField() {
        IncidentEvent broken = SampleEvents.everyPayloadType().get(0);
        ((RequestFiled) broken.getPayload()).setTitle(null);

        assertThatThrownBy(() -> JSON.write(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload.title").hasMessageContaining("expected a string");
    }
}
