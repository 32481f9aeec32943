package io.wirewatch.ingest.extract;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeTest {

    private static final char[] ALPHABET = {'a', 'Z', '.', ',', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u2003',
            '\u200b', '\u3000', 'é', '東', '\u0001', '\u00ad', '\u2028'};

    @Test
    void runsOfBlanksBecomeOneSpaceAndTheEndsNone() {
        assertThat(MainText.normalize("  a \t\n b\u00a0\u200bc  ")).isEqualTo("a b c");
        assertThat(MainText.normalize(new StringBuilder(" x\u3000y "))).isEqualTo("x y");
        assertThat(MainText.normalize(" \n ")).isEmpty();
        assertThat(MainText.normalize("")).isEmpty();
    }

    @Test
    void agreesWithJoiningTheNonBlankRuns() {
        Random rnd = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(40); k > 0; k--) {
                b.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
            }
            String s = b.toString();
            assertThat(MainText.normalize(s)).as("[%s]", s).isEqualTo(String.join(" ", nonBlankRuns(s)));
        }
    }

    /** The reference: split at blanks (Java whitespace, Unicode space separators, zero-width space). */
    private static List<String> nonBlankRuns(String s) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b') {
                if (run.length() > 0) {
                    runs.add(run.toString());
                    run.setLength(0);
                }
            } else {
                run.append(c);
            }
        }
        if (run.length() > 0) {
            runs.add(run.toString());
        }
        return runs;
    }
}
