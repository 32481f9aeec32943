package io.wirewatch.enrich.claims;
import io.wirewatch.enrich.entities.*;
import org.junit.jupiter.api.Test;
class DebugTmpTest {
    @Test void dbg() {
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        EntityTagger tg = new EntityTagger(kb);
        ClaimExtractor ex = new ClaimExtractor(kb);
        for (String t : System.getProperty("dbg", "").split("\\|\\|")) {
            var m = tg.tag(t).mentions();
            System.out.println("TEXT " + t);
            m.forEach(x -> System.out.println("  M " + x.type() + " " + x.id() + " " + x.via() + " " + x.jurisdiction() + " [" + t.substring(x.start(), x.end()) + "]"));
            System.out.println("  T " + Triggers.find(t));
            ex.extract(t, m, "2025-01-21").forEach(c -> System.out.println("  C " + c.org() + " " + c.jurisdiction() + " " + c.status() + " " + c.since() + " " + c.list() + " bg=" + c.background()));
        }
    }
}
