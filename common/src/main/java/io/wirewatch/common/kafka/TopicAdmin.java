package io.wirewatch.common.kafka;

import io.wirewatch.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the contract's topics, with their cleanup policies, when they do not exist yet. */
public final class TopicAdmin {

    private TopicAdmin() {}

    public static void ensureTopics(String bootstrap, int partitions, short replication) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Spec spec : Topics.ALL) {
                if (!existing.contains(spec.name())) {
                    Map<String, String> configs = new java.util.HashMap<>();
                    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                            spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
                    // records carry the publish time: with time-based retention, articles published more than
                    // a week ago would be deleted before they are processed, and replay would lose history
                    if (spec.name().equals(Topics.RAW) || spec.name().equals(Topics.ENRICHED)) {
                        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                    }
                    missing.add(new NewTopic(spec.name(), partitions, replication).configs(configs));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getMessage()
                    + " (is the broker reachable, and may this client create topics?)", e);
        }
    }
}
