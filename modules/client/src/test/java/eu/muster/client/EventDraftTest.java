package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Pap;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Tlp;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDraftTest {

    private static final String INCIDENT = "6f1c2b9e-3d4a-4c8e-9f10-2a7b5c6d8e01";
    private static final Instant NOW = Instant.parse("2026-03-02T08:15:00.123456789Z");
    private static final IncidentClosed CLOSED = IncidentClosed.newBuilder().setSummary("Services restored.").build();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final MusterClientSettings settings = MockSubmissions.settings(clock);
    private final MusterClient client = MockSubmissions.client(settings, MockSubmissions.producer(settings, true));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void fillsEventIdOccurredAtProducerAndMarkingsFromTheClient() {
        EventDraft draft = client.event(INCIDENT, CLOSED);

        IncidentEvent event = draft.toEvent();
        assertThat(event.getEventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(event.getIncidentId()).isEqualTo(INCIDENT);
        assertThat(event.getOccurredAt()).as("the clock's instant, to the millisecond").isEqualTo(Instant.parse("2026-03-02T08:15:00.123Z"));
        assertThat(event.getProducer()).isEqualTo(MockSubmissions.DE_BSI);
        assertThat(event.getTlp()).isEqualTo(Tlp.AMBER);
        assertThat(event.getPap()).isEqualTo(Pap.AMBER);
        assertThat(event.getPayload()).isSameAs(CLOSED);
        assertThat(draft.eventId()).isEqualTo(event.getEventId());
    }

    @Test
    void keepsItsEventIdAcrossEnvelopesAndDraftsGetDistinctOnes() {
        EventDraft draft = client.event(INCIDENT, CLOSED);

        assertThat(draft.toEvent().getEventId()).as("a resubmitted draft is the same event").isEqualTo(draft.toEvent().getEventId());
        Set<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> client.event(INCIDENT, CLOSED).eventId())
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(100);
    }

    @Test
    void keepsExplicitValues() {
        String eventId = "0b7e2c1a-5d3f-4e6a-8b9c-1d2e3f4a5b6c";
        Instant occurred = Instant.parse("2026-03-01T23:59:59.999Z");

        IncidentEvent event = client.event(INCIDENT, CLOSED).eventId(eventId).occurredAt(occurred).tlp(Tlp.RED).pap(Pap.GREEN).toEvent();

        assertThat(event.getEventId()).isEqualTo(eventId);
        assertThat(event.getOccurredAt()).isEqualTo(occurred);
        assertThat(event.getTlp()).isEqualTo(Tlp.RED);
        assertThat(event.getPap()).isEqualTo(Pap.GREEN);
        assertThat(event.getProducer()).as("the producer is always the client's organisation").isEqualTo(MockSubmissions.DE_BSI);
    }

    @Test
    void truncatesAnExplicitOccurredAtToTheContractsMilliseconds() {
        EventDraft draft = client.event(INCIDENT, CLOSED).occurredAt(Instant.parse("2026-03-01T10:00:00.000999Z"));

        assertThat(draft.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(draft.toEvent().getOccurredAt()).isEqualTo(draft.occurredAt());
    }

    @Test
    void takesConfiguredDefaultMarkings() {
        MusterClientSettings strict = settings.withDefaultTlp(Tlp.AMBER_STRICT).withDefaultPap(Pap.RED);
        try (MusterClient strictClient = MockSubmissions.client(strict, MockSubmissions.producer(strict, true))) {
            IncidentEvent event = strictClient.event(INCIDENT, CLOSED).toEvent();

            assertThat(event.getTlp()).isEqualTo(Tlp.AMBER_STRICT);
            assertThat(event.getPap()).isEqualTo(Pap.RED);
        }
    }

    @Test
    void refusesMissingOrMalformedFieldsNamingThem() {
        assertThatThrownBy(() -> client.event(" ", CLOSED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incidentId");
        assertThatThrownBy(() -> client.event(null, CLOSED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incidentId");
        assertThatThrownBy(() -> client.event(INCIDENT.toUpperCase(java.util.Locale.ROOT), CLOSED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incidentId").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> client.event(INCIDENT, (IncidentClosed) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
        EventDraft draft = client.event(INCIDENT, CLOSED);
        assertThatThrownBy(() -> draft.eventId("not-a-uuid")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> draft.occurredAt(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> draft.tlp(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tlp");
        assertThatThrownBy(() -> draft.pap(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pap");
    }

    @Test
    void everyPayloadTypeOfTheContractHasATypedDraftMethod() throws Exception {
        Schema payloadUnion = IncidentEvent.getClassSchema().getField("payload").schema();
        List<String> payloadTypes = payloadUnion.getTypes().stream().map(Schema::getFullName).toList();
        assertThat(payloadTypes).hasSizeGreaterThanOrEqualTo(16);

        for (String type : payloadTypes) {
            Method method = MusterClient.class.getMethod("event", String.class, Class.forName(type));
            assertThat(method.getReturnType()).as("event(String, %s)", type).isEqualTo(EventDraft.class);
        }
    }

    @Test
    void everyPayloadTypeBecomesTheEnvelopesPayload() throws Exception {
        for (IncidentEvent sample : SampleEvents.everyPayloadType()) {
            Object payload = sample.getPayload();
            Method method = MusterClient.class.getMethod("event", String.class, payload.getClass());

            EventDraft draft = (EventDraft) method.invoke(client, INCIDENT, payload);

            assertThat(draft.toEvent().getPayload()).isEqualTo(payload);
        }
    }
}
