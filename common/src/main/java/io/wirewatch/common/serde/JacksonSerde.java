package io.wirewatch.common.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * A record serde over one Jackson mapper, so that JSON and Smile fail the same way: a value that
 * does not parse raises {@link SerializationException}, which the Streams deserialization handler
 * routes to the DLQ.
 */
abstract class JacksonSerde<T> implements Serde<T> {

    private final String typeName;
    private final String format;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    JacksonSerde(Class<T> type, ObjectMapper mapper, String format) {
        this(type, type.getSimpleName(), mapper, format);
    }

    /** {@code typeName} is what failures call the value. */
    JacksonSerde(Class<T> type, String typeName, ObjectMapper mapper, String format) {
        this.typeName = typeName;
        this.format = format;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writer();
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
                throw new SerializationException("cannot write " + typeName + " as " + format + ": "
                        + e.getMessage(), e);
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
                throw new SerializationException("not a valid " + typeName + " " + format + " value: "
                        + e.getMessage(), e);
            }
        };
    }
}
