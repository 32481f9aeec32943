package io.wirewatch.app.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GcLogTest {

    @Test
    void countsPausesAndFindsTheLargestHeapAfterACollectionAndAfterAFullOne() {
        GcLog gc = GcLog.parse(List.of(
                "[0.011s][info][gc,init] Heap Max Capacity: 512M",
                "[4.741s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
                "[4.955s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 21M->7M(380M) 214.251ms",
                "[4.955s][info][gc,cpu      ] GC(0) User=0.30s Sys=0.01s Real=0.21s",
                "[9.628s][info][gc          ] GC(1) Concurrent Mark Cycle",
                "[9.646s][info][gc          ] GC(1) Pause Remark 450M->449M(512M) 4.500ms",
                "[9.650s][info][gc          ] GC(1) Pause Cleanup 449M->440M(512M) 0.500ms",
                "[9.700s][info][gc          ] GC(1) Concurrent Mark Cycle 72.123ms",
                "[12.0s][info][gc          ] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->120M(512M) 12.000ms",
                "[20.0s][info][gc          ] GC(3) Pause Young (Mixed) (G1 Evacuation Pause) 204800K->102400K(524288K) 8.749ms",
                "[30.0s][info][gc          ] GC(4) Pause Full (G1 Compaction Pause) 509M->411M(512M) 1234.500ms",
                "[31.0s][info][gc          ] GC(5) Pause Full (System.gc()) 0.5G->0.25G(0.5G) 100.000ms",
                "[32.0s][info][gc          ] GC(6) Pause Young (Normal) (G1 Evacuation Pause) 500M->420M(512M) 30.000ms"));
        assertThat(gc.collections()).isEqualTo(6); // GC(0), (2)..(6): Remark and Cleanup move nothing
        assertThat(gc.pauses()).isEqualTo(8);
        assertThat(gc.fullCollections()).isEqualTo(2);
        assertThat(gc.pauseMillis()).isCloseTo(214.251 + 4.5 + 0.5 + 12 + 8.749 + 1234.5 + 100 + 30, within(1e-6));
        assertThat(gc.maxAfterMb()).isCloseTo(420, within(1e-9)); // not the Remark's 449M
        assertThat(gc.maxAfterFullMb()).isCloseTo(411, within(1e-9));
        assertThat(gc.heapMb()).isCloseTo(512, within(1e-9));
        assertThat(gc.toString()).isEqualTo("6 GCs (2 full), 8 pauses taking 1.6 s, largest heap after a GC 420 MB, "
                + "after a full GC 411 MB (committed heap up to 512 MB)");
    }

    @Test
    void aLogWithoutPausesHasNoFigures() {
        GcLog gc = GcLog.parse(List.of("[0.011s][info][gc,init] Heap Max Capacity: 512M"));
        assertThat(gc.collections()).isZero();
        assertThat(gc.pauseMillis()).isZero();
        assertThat(gc.toString()).contains("0 GCs (0 full)").contains("after a full GC none");
        assertThat(GcLog.read(java.nio.file.Path.of("/nonexistent/gc.log")).pauses()).isZero();
    }
}
