package eu.muster.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the processors' own state stores, which hold the domain's plain records. Internal to
 * muster (changelog topics only, never a topic others read); unknown properties are ignored so that
 * a newer state record can add fields without a migration.
 *
 * @param <T> the plain record stored
 */
public final class JsonSerde<T> implements Serde<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JavaType type;

    /** A serde for values of {@code type}. */
    public JsonSerde(Class<T> type) {
        this.type = MAPPER.constructType(type);
    }

    private JsonSerde(JavaType type) {
        this.type = type;
    }

    /** A serde for values of a generic record type, such as {@code Track<IncidentTimeline>}: {@code parametric(Track.class, IncidentTimeline.class)}. */
    public static <T> JsonSerde<T> parametric(Class<?> type, Class<?>... parameters) {
        return new JsonSerde<>(MAPPER.getTypeFactory().constructParametricType(type, parameters));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + type.toCanonical() + " as JSON for " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.toCanonical() + " from JSON in " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
