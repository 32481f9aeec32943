package io.wirewatch.app.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises a JFR recording of `wirewatch bench` by thread group: execution samples per group, and
 * within each group the share of its samples by what the stack is doing (the first matching marker
 * from the leaf down, a coarse "where the CPU goes") and the top leaf frames. Threads are grouped as
 * the bench's own per-stage CPU figures group them ({@link Benchmark.ThreadCpu#javaGroup}):
 *
 *   java -cp app/target/wirewatch.jar io.wirewatch.app.bench.JfrSummary rec.jfr [from-seconds to-seconds] [top-n]
 *
 * The window (seconds since the recording's first sample) selects one stage of the bench.
 */
public final class JfrSummary {

    /** Stack markers, tried on every frame from the leaf down; the first match names the activity. */
    private static final List<String[]> MARKERS = List.of(
            new String[] {"io.wirewatch.enrich.stories.", "story processor"},
            new String[] {"io.wirewatch.enrich.entities.", "tagging: entities"},
            new String[] {"io.wirewatch.enrich.claims.", "tagging: claims"},
            new String[] {"io.wirewatch.aggregate.", "aggregate processors"},
            new String[] {"com.fasterxml.jackson.dataformat.smile.", "Smile (de)serialisation"},
            new String[] {"com.fasterxml.jackson.core.json.UTF8JsonGenerator", "JSON write"},
            new String[] {"com.fasterxml.jackson.core.json.WriterBasedJsonGenerator", "JSON write"},
            new String[] {"com.fasterxml.jackson.core.json.", "JSON read"},
            new String[] {"com.fasterxml.jackson.databind.ser.", "JSON write"},
            new String[] {"com.fasterxml.jackson.databind.", "JSON read"},
            new String[] {"org.rocksdb.", "RocksDB (JNI)"},
            new String[] {"net.jpountz.lz4.", "LZ4"},
            new String[] {"java.util.zip.", "CRC/zip"},
            new String[] {"org.apache.kafka.common.utils.Crc32C", "CRC32C"},
            new String[] {"org.apache.kafka.streams.state.internals.", "Streams stores/caches"},
            new String[] {"org.apache.kafka.streams.processor.internals.RecordCollectorImpl", "Streams send"},
            new String[] {"org.apache.kafka.clients.producer.", "producer client"},
            new String[] {"org.apache.kafka.clients.consumer.", "consumer client"},
            new String[] {"org.apache.kafka.common.metrics.", "metrics"},
            new String[] {"org.apache.kafka.streams.", "Streams runtime"},
            new String[] {"org.apache.kafka.storage.", "broker log"},
            new String[] {"org.apache.kafka.common.record.", "record batches"},
            new String[] {"org.apache.kafka.common.network.", "network"},
            new String[] {"org.apache.kafka.common.requests.", "request (de)serialisation"},
            new String[] {"org.apache.kafka.common.protocol.", "request (de)serialisation"},
            new String[] {"kafka.", "broker (other)"},
            new String[] {"org.apache.kafka.", "Kafka (other)"},
            new String[] {"io.wirewatch.", "wirewatch (other)"});

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double from = args.length > 2 ? Double.parseDouble(args[1]) : 0;
        double to = args.length > 2 ? Double.parseDouble(args[2]) : Double.MAX_VALUE;
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Instant first = events.stream().filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Map<String, Integer> perGroup = new HashMap<>();
        Map<String, Map<String, Integer>> activity = new HashMap<>();
        Map<String, Map<String, Integer>> leaves = new HashMap<>();
        int total = 0;
        // CPU seconds per group: jdk.ThreadCPULoad is each thread's load over the period since its last event, as a
        // share of all the machine's CPUs (a thread busy on one of two cores reads 0.5), hence the processor count
        int cpus = processors(events);
        Map<String, Double> cpu = new HashMap<>();
        Map<Long, Instant> lastLoad = new HashMap<>();
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ThreadCPULoad") || e.getThread("eventThread") == null) {
                continue;
            }
            long tid = e.getThread("eventThread").getJavaThreadId();
            Instant prev = lastLoad.put(tid, e.getStartTime());
            double t = (e.getStartTime().toEpochMilli() - first.toEpochMilli()) / 1000.0;
            if (prev == null || t < from || t > to) {
                continue;
            }
            double seconds = (e.getStartTime().toEpochMilli() - prev.toEpochMilli()) / 1000.0;
            String name = e.getThread("eventThread").getJavaName();
            cpu.merge(group(name == null ? "?" : name), seconds * cpus * (e.getFloat("user") + e.getFloat("system")),
                    Double::sum);
        }
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            double t = (e.getStartTime().toEpochMilli() - first.toEpochMilli()) / 1000.0;
            if (t < from || t > to) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            String group = group(thread == null ? "?" : thread);
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            perGroup.merge(group, 1, Integer::sum);
            activity.computeIfAbsent(group, k -> new HashMap<>()).merge(activity(st.getFrames()), 1, Integer::sum);
            RecordedFrame leaf = st.getFrames().get(0);
            leaves.computeIfAbsent(group, k -> new HashMap<>())
                    .merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1, Integer::sum);
        }
        System.out.printf("%d execution samples in [%.0f s, %s]; thread CPU from jdk.ThreadCPULoad on %d CPUs%n", total,
                from, to == Double.MAX_VALUE ? "end" : String.format("%.0f s", to), cpus);
        final int all = total;
        perGroup.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(g -> {
            System.out.printf("%n%s: %d samples (%.1f%%), ~%.1f s CPU (jdk.ThreadCPULoad)%n", g.getKey(), g.getValue(),
                    100.0 * g.getValue() / all, cpu.getOrDefault(g.getKey(), 0.0));
            System.out.println("  by activity: " + topOf(activity.get(g.getKey()), g.getValue(), 12));
            System.out.println("  leaf frames: " + topOf(leaves.get(g.getKey()), g.getValue(), top));
        });
    }

    /**
     * The CPUs the recorded JVM had, which JFR divides each thread's CPU time by: the container's effective count,
     * else the machine's hardware threads, else 1.
     */
    static int processors(List<RecordedEvent> events) {
        int hardware = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ContainerConfiguration") && e.getLong("effectiveCpuCount") > 0) {
                return (int) e.getLong("effectiveCpuCount");
            }
            if (type.equals("jdk.CPUInformation")) {
                hardware = Math.max(hardware, e.getInt("hwThreads"));
            }
        }
        return Math.max(1, hardware);
    }

    /** JDK frames (collections, regex, strings) count for the first non-JDK caller below them. */
    static String activity(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("scala.")) {
                continue;
            }
            for (String[] m : MARKERS) {
                if (type.startsWith(m[0])) {
                    return m[1].equals("wirewatch (other)") ? type.substring(0, type.lastIndexOf('.')) : m[1];
                }
            }
            return "other";
        }
        return "JDK only";
    }

    /** The applications the bench and the latency probe start, longest first (one id may prefix another). */
    private static final List<String> APPLICATIONS = List.of("wirewatch-aggregate-bench-alone",
            "wirewatch-enrich-bench-stories", "wirewatch-bench-passthrough-bench", "wirewatch-enrich-bench",
            "wirewatch-aggregate-bench", "wirewatch-enrich-latency", "wirewatch-aggregate-latency");

    static String group(String name) {
        return Benchmark.ThreadCpu.javaGroup(name, APPLICATIONS);
    }

    static String topOf(Map<String, Integer> counts, int of, int n) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(String.format("%s %.1f%%; ", k, 100.0 * v / of)));
        return sb.toString();
    }
}
