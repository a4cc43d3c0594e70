package eu.muster.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} over an {@link EventCodec}. A null value (a tombstone) stays null both ways;
 * undecodable bytes raise the codec's typed {@link EventDecodingException}, which Kafka's consumer
 * and Streams wrap with the topic, partition and offset.
 *
 * @param <T> the contract type
 */
public final class EventSerde<T> implements Serde<T> {

    private final EventCodec<T> codec;

    public EventSerde(EventCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : codec.encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
