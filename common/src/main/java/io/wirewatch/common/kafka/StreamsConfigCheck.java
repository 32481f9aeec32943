package io.wirewatch.common.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Checks user overrides of the Streams configuration before anything starts, with Kafka's own
 * definitions: every known Streams key, and every client key (unprefixed, or with Streams'
 * producer./consumer./main.consumer./restore.consumer./global.consumer./admin. prefixes), must have a
 * value of its type and range. Unknown keys pass (Kafka only warns about them). Wirewatch's own
 * {@code wirewatch.max.record.bytes} must be a positive integer, and so must the RocksDB budget
 * ({@link BoundedRocksDbConfig}). Kafka's definitions parse without
 * logging, unlike building the configs.
 */
public final class StreamsConfigCheck {

    private StreamsConfigCheck() {}

    /** Throws {@link ConfigException} naming the first key whose value is wrong. */
    public static void validate(Properties overrides) {
        Map<String, Object> all = new HashMap<>();
        overrides.forEach((k, v) -> all.put(k.toString(), v));
        Map<String, Object> streams = new HashMap<>(all);
        streams.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "check");
        streams.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        StreamsConfig.configDef().parse(streams);

        Map<String, Object> producer = client(all, List.of(StreamsConfig.PRODUCER_PREFIX));
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        parse(ProducerConfig.configDef(), producer);
        for (String prefix : List.of(StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
                StreamsConfig.GLOBAL_CONSUMER_PREFIX)) {
            Map<String, Object> consumer = client(all, List.of(StreamsConfig.CONSUMER_PREFIX, prefix));
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            parse(ConsumerConfig.configDef(), consumer);
        }
        parse(AdminClientConfig.configDef(), client(all, List.of(StreamsConfig.ADMIN_CLIENT_PREFIX)));

        BoundedRocksDbConfig.validate(all);

        String maxBytes = StreamsConfig.producerPrefix(DlqExceptionHandlers.MAX_RECORD_BYTES_CONFIG);
        Object max = all.get(maxBytes);
        if (max != null) {
            boolean ok;
            try {
                ok = Integer.parseInt(max.toString().trim()) > 0;
            } catch (NumberFormatException e) {
                ok = false;
            }
            if (!ok) {
                throw new ConfigException(maxBytes, max, "must be a positive number of bytes");
            }
        }
    }

    /** What one client sees: unprefixed keys, then each prefix's keys (later prefixes win), as Streams does. */
    private static Map<String, Object> client(Map<String, Object> all, List<String> prefixes) {
        Map<String, Object> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (!k.contains(".") || !startsWithAnyPrefix(k)) {
                out.put(k, v);
            }
        });
        for (String prefix : prefixes) {
            all.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), v);
                }
            });
        }
        out.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        return out;
    }

    private static boolean startsWithAnyPrefix(String key) {
        for (String p : List.of(StreamsConfig.PRODUCER_PREFIX, StreamsConfig.CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX,
                StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX,
                StreamsConfig.TOPIC_PREFIX)) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static void parse(ConfigDef def, Map<String, Object> values) {
        def.parse(values);
    }
}
