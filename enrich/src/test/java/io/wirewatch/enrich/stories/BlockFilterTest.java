package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The copy-detection filter: never a false negative, about 1% false positives at its size. */
class BlockFilterTest {

    @Test
    void everyKeyPutIsFoundAndFewOthersAreAtTheFiltersSize() {
        int n = 200_000;
        BlockFilter f = new BlockFilter(n);
        for (int i = 0; i < n; i++) {
            f.put("b" + Integer.toHexString(i * 7919) + "/band" + (i % 16));
        }
        for (int i = 0; i < n; i++) {
            assertThat(f.mightContain("b" + Integer.toHexString(i * 7919) + "/band" + (i % 16))).isTrue();
        }
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (f.mightContain("t" + Integer.toHexString(i * 7919) + "/band" + (i % 16))) {
                hits++;
            }
        }
        assertThat(hits / (double) n).as("false positives").isLessThan(0.015);
        assertThat(f.bytes()).isBetween(n * (long) BlockFilter.BITS_PER_KEY / 8, n * (long) BlockFilter.BITS_PER_KEY / 8 + 64);
    }

    @Test
    void anEmptyOrTinyFilterIsOneBlockAndAHugeOneIsRefused() {
        BlockFilter f = new BlockFilter(0);
        assertThat(f.bytes()).isEqualTo(64);
        assertThat(f.mightContain("t0")).isFalse();
        f.put("t0");
        assertThat(f.mightContain("t0")).isTrue();
        assertThatThrownBy(() -> new BlockFilter(Long.MAX_VALUE / 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
