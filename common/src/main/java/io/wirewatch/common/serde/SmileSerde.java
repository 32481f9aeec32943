package io.wirewatch.common.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;

/**
 * Binary (Jackson Smile) serde for state-store values that are read far more often than they are
 * looked at: numbers are not printed and parsed back, and repeated keys are back-referenced. It
 * follows the record like {@link JsonSerde} does (a new field just works, unknown fields are
 * ignored), with the same mapper configuration as {@link Json}. Not for topics in the contract.
 */
public final class SmileSerde<T> extends JacksonSerde<T> {

    /**
     * {@link Json#MAPPER}'s configuration and modules over the Smile format. Names are neither
     * interned nor canonicalised: state values are maps keyed by an open vocabulary (terms), and
     * interning every new term in the JVM string table became the top cost as stores grew.
     */
    static final ObjectMapper MAPPER = Json.MAPPER.copyWith(new SmileFactory()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES));

    private SmileSerde(Class<T> type) {
        super(type, MAPPER, "Smile");
    }

    public static <T> SmileSerde<T> of(Class<T> type) {
        return new SmileSerde<>(type);
    }
}
