package io.wirewatch.app.pipeline;

import io.wirewatch.common.Topics;
import io.wirewatch.common.ops.Meters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead letters one run produced, grouped by stage and kind of reason ({@link Meters#reasonCode}):
 * what `run` prints at the end. Only records after a mark taken at the start are counted, so a
 * shared cluster's older dead letters are not.
 */
public record DeadLetterReport(int total, Map<String, Integer> byReason) {

    /** Where the DLQ ends now; pass it to {@link #since}. */
    public static Map<Integer, Long> mark(String bootstrap) {
        return Results.endOffsets(bootstrap, Topics.DLQ);
    }

    public static DeadLetterReport since(String bootstrap, Map<Integer, Long> mark) {
        List<ConsumerRecord<String, byte[]>> letters = Results.readCommitted(bootstrap, Topics.DLQ, mark);
        Map<String, Integer> byReason = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : letters) {
            String stage = header(r, "wirewatch.stage");
            byReason.merge((stage == null ? "unknown" : stage) + ": " + Meters.reasonCode(header(r, "wirewatch.reason")),
                    1, Integer::sum);
        }
        return new DeadLetterReport(letters.size(), byReason);
    }

    public void print(PrintStream out) {
        out.printf("dead letters: %d record%s to %s%s%n", total, total == 1 ? "" : "s", Topics.DLQ,
                total == 0 ? "" : ", by stage and reason:");
        byReason.forEach((reason, n) -> out.printf("  %5d  %s%n", n, reason));
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
