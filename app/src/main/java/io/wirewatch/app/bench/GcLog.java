package io.wirewatch.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a JVM's unified GC log ({@code -Xlog:gc*:file=...}) that say whether a service fits its
 * heap: how many collections and pauses, how long they paused it, and the largest heap left after a
 * collection and after a full one (the live set plus what the collector could not free). Read from the
 * lines {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 12.345ms}; Remark and
 * Cleanup pauses count as pauses but not as collections, since they move nothing.
 */
public record GcLog(int collections, int pauses, int fullCollections, double pauseMillis,
                    double maxAfterMb, double maxAfterFullMb, double heapMb) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\((\\d+)\\) Pause (.+?) (\\d+(?:\\.\\d+)?)([BKMG])->(\\d+(?:\\.\\d+)?)([BKMG])\\((\\d+(?:\\.\\d+)?)([BKMG])\\) "
                    + "(\\d+(?:\\.\\d+)?)ms");

    public static GcLog parse(List<String> lines) {
        Set<Long> ids = new HashSet<>();
        int pauses = 0;
        int full = 0;
        double millis = 0;
        double maxAfter = 0;
        double maxAfterFull = 0;
        double heap = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            pauses++;
            millis += Double.parseDouble(m.group(9));
            String kind = m.group(2);
            double after = mb(m.group(5), m.group(6));
            heap = Math.max(heap, mb(m.group(7), m.group(8)));
            if (kind.startsWith("Remark") || kind.startsWith("Cleanup")) {
                continue;
            }
            ids.add(Long.parseLong(m.group(1)));
            maxAfter = Math.max(maxAfter, after);
            if (kind.startsWith("Full")) {
                full++;
                maxAfterFull = Math.max(maxAfterFull, after);
            }
        }
        return new GcLog(ids.size(), pauses, full, millis, maxAfter, maxAfterFull, heap);
    }

    /** The log's figures; none (all zero) when the file is missing or unreadable. */
    public static GcLog read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return parse(List.of());
        }
    }

    private static double mb(String number, String unit) {
        double n = Double.parseDouble(number);
        return switch (unit) {
            case "B" -> n / (1024 * 1024);
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            default -> n;
        };
    }

    /** {@code 120 GCs (3 full), 130 pauses taking 4.2 s, largest heap after a GC 300 MB, after a full GC 280 MB (committed heap up to 512 MB)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d GCs (%d full), %d pauses taking %.1f s, largest heap after a GC %.0f MB, "
                        + "after a full GC %s (committed heap up to %.0f MB)", collections, fullCollections, pauses, pauseMillis / 1000,
                maxAfterMb, fullCollections == 0 ? "none" : String.format(Locale.ROOT, "%.0f MB", maxAfterFullMb), heapMb);
    }
}
