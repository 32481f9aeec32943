package io.wirewatch.aggregate.route;

import io.wirewatch.aggregate.status.ClaimRecord;
import io.wirewatch.aggregate.status.OrgEvent;
import io.wirewatch.aggregate.status.StatusFolder;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.Entity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an enriched article into one event per organisation whose table it can change, before the
 * repartition by organisation. The fold ignores the first event of an (organisation, article) pair
 * that carries no usable claim, so such events are not sent: an article is routed to the
 * organisations it has usable claims about, plus every organisation it was routed to before (an
 * article enriched again without a claim it had must retract it). Most mentions carry no claim, so
 * this keeps the repartition topic to a fraction of a record per article.
 */
public final class ClaimRouter implements Processor<String, ArticleClaims, String, OrgEvent> {

    /** Article id → the organisations it was routed to; keyed like {@code news.enriched.v1}. */
    public static final String STORE = "article-routed-orgs";

    private ProcessorContext<String, OrgEvent> context;
    private KeyValueStore<String, RoutedOrgs> routed;

    @Override
    public void init(ProcessorContext<String, OrgEvent> context) {
        this.context = context;
        this.routed = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ArticleClaims> record) {
        ArticleClaims a = record.value();
        if (a == null || a.id() == null) {
            return;
        }
        Map<String, List<ClaimRecord>> byOrg = new LinkedHashMap<>();
        Set<String> withUsable = new LinkedHashSet<>();
        for (Claim c : a.claims() == null ? List.<Claim>of() : a.claims()) {
            if (c == null || c.org() == null) {
                continue; // no organisation to key it by; the article's other claims still count
            }
            ClaimRecord cr = new ClaimRecord(c, a.id(), a.url(), a.outlet(), a.published(), a.storyId(), a.duplicateOf());
            byOrg.computeIfAbsent(c.org(), k -> new ArrayList<>()).add(cr);
            if (StatusFolder.usable(cr)) {
                withUsable.add(c.org());
            }
        }
        RoutedOrgs before = routed.get(a.id());
        Set<String> targets = new LinkedHashSet<>(before == null ? List.of() : before.orgs());
        boolean grew = targets.addAll(withUsable);
        if (targets.isEmpty()) {
            return;
        }
        if (grew) {
            routed.put(a.id(), new RoutedOrgs(List.copyOf(targets)));
        }
        for (String org : targets) {
            List<ClaimRecord> claims = byOrg.getOrDefault(org, List.of());
            String name = claims.isEmpty() ? null : claims.get(0).claim().orgName();
            context.forward(record.withKey(org).withValue(OrgEvent.claims(org, name, aliases(a, org), a.id(), claims)));
        }
    }

    private static List<String> aliases(ArticleClaims a, String org) {
        List<String> aliases = new ArrayList<>();
        if (a.entities() != null) {
            for (Entity en : a.entities()) {
                if (en != null && Entity.ORG.equals(en.type()) && org.equals(en.id()) && en.aliases() != null) {
                    aliases.addAll(en.aliases());
                }
            }
        }
        return aliases;
    }
}
