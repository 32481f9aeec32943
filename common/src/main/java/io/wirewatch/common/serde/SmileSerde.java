package io.wirewatch.common.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * Binary (Jackson Smile) serde for state-store values that are read far more often than they are
 * looked at: numbers are not printed and parsed back, and repeated keys are back-referenced. It
 * follows the record like {@link JsonSerde} does (a new field just works, unknown fields are
 * ignored), with the same mapper configuration as {@link Json}. Not for topics in the contract.
 */
public final class SmileSerde<T> implements Serde<T> {

    /**
     * {@link Json#MAPPER}'s configuration and modules over the Smile format. Names are neither
     * interned nor canonicalised: state values are maps keyed by an open vocabulary (terms), and
     * interning every new term in the JVM string table became the top cost as stores grew.
     */
    static final ObjectMapper MAPPER = Json.MAPPER.copyWith(new SmileFactory()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES));

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private SmileSerde(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    public static <T> SmileSerde<T> of(Class<T> type) {
        return new SmileSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as Smile: " + e.getMessage(), e);
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
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("not a valid " + type.getSimpleName() + " Smile value: "
                        + e.getMessage(), e);
            }
        };
    }
}
