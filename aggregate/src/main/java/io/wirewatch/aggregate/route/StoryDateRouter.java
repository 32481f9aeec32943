package io.wirewatch.aggregate.route;

import io.wirewatch.aggregate.status.OrgEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a story update into anchor-date events for its organisations, before the repartition. A
 * story is rewritten with every article it gains, but its anchor date rarely moves, and the fold
 * ignores an anchor it already holds: so an event goes only to organisations that have not been
 * sent this story's current anchor yet.
 */
public final class StoryDateRouter implements Processor<String, StoryAnchor, String, OrgEvent> {

    /** Story id → the anchor routed last and the organisations it went to; keyed like {@code news.stories.v1}. */
    public static final String STORE = "story-routed-anchors";

    private ProcessorContext<String, OrgEvent> context;
    private KeyValueStore<String, RoutedAnchor> routed;

    @Override
    public void init(ProcessorContext<String, OrgEvent> context) {
        this.context = context;
        this.routed = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, StoryAnchor> record) {
        StoryAnchor s = record.value();
        if (s == null || s.id() == null || s.anchorDate() == null || s.organizations() == null
                || !Boolean.TRUE.equals(s.hasArticles())) {
            return; // a story without articles (e.g. one absorbed into another) dates nothing
        }
        RoutedAnchor before = routed.get(s.id());
        boolean sameAnchor = before != null && s.anchorDate().equals(before.anchor());
        Set<String> sent = new LinkedHashSet<>(sameAnchor ? before.orgs() : List.of());
        Set<String> targets = new LinkedHashSet<>();
        for (String org : s.organizations()) {
            if (org != null && sent.add(org)) {
                targets.add(org);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        routed.put(s.id(), new RoutedAnchor(s.anchorDate(), List.copyOf(sent)));
        for (String org : targets) {
            context.forward(record.withKey(org).withValue(OrgEvent.storyAnchor(org, s.id(), s.anchorDate())));
        }
    }
}
