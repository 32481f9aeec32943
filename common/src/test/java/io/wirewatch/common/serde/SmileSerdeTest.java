package io.wirewatch.common.serde;

import io.wirewatch.common.model.Story;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmileSerdeTest {

    /** A record with the kinds of fields state values have: maps of doubles, lists, nulls, arrays. */
    record State(String id, String missing, long time, List<String> ids, Map<String, Double> weights,
                 Map<String, Integer> counts, int[] hashes) {}

    record StateV1(String id, long time) {}

    record StateV2(String id, long time, List<String> added) {}

    @Test
    void roundTripsARecordExactly() {
        State s = new State("s-1", null, 1_767_225_600_000L, List.of("a", "b"),
                Map.of("flood", 0.123456789012345, "dresden", 1e-300, "elbe", -0.0), Map.of("ORG/x", 3),
                new int[] {Integer.MIN_VALUE, 0, 42});
        SmileSerde<State> serde = SmileSerde.of(State.class);
        State back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.weights().get("flood")).isEqualTo(0.123456789012345);
    }

    @Test
    void isSmallerThanJsonForNumericMaps() {
        Map<String, Double> w = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            w.put("term" + i, Math.random());
        }
        State s = new State("s", null, 0, List.of(), w, Map.of(), new int[0]);
        byte[] smile = SmileSerde.of(State.class).serializer().serialize("t", s);
        assertThat(smile.length).isLessThan(Json.writeBytes(s).length);
    }

    @Test
    void newAndRemovedFieldsStillRead() {
        byte[] v1 = SmileSerde.of(StateV1.class).serializer().serialize("t", new StateV1("s", 5));
        StateV2 up = SmileSerde.of(StateV2.class).deserializer().deserialize("t", v1);
        assertThat(up).isEqualTo(new StateV2("s", 5, null));
        byte[] v2 = SmileSerde.of(StateV2.class).serializer().serialize("t", new StateV2("s", 5, List.of("x")));
        assertThat(SmileSerde.of(StateV1.class).deserializer().deserialize("t", v2)).isEqualTo(new StateV1("s", 5));
    }

    @Test
    void nullsAndGarbage() {
        SmileSerde<Story> serde = SmileSerde.of(Story.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"id\":".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Story");
    }
}
