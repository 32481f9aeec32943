package io.wirewatch.enrich.stories.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Clustering quality against gold labels, as {@code ../shared/eval/stories/README.md} defines it:
 * BCubed precision, recall and F1 (of the two averages), and NMI with geometric normalisation.
 * Only items present in both maps are scored.
 */
public record ClusteringScores(int items, int predictedClusters, int goldClusters,
                               double precision, double recall, double f1, double nmi) {

    public static ClusteringScores of(Map<String, String> predicted, Map<String, String> gold) {
        Map<String, Integer> predSize = new HashMap<>();
        Map<String, Integer> goldSize = new HashMap<>();
        Map<String, Integer> joint = new HashMap<>();
        int n = 0;
        for (var e : predicted.entrySet()) {
            String g = gold.get(e.getKey());
            if (g == null || e.getValue() == null) {
                continue;
            }
            n++;
            predSize.merge(e.getValue(), 1, Integer::sum);
            goldSize.merge(g, 1, Integer::sum);
            joint.merge(pair(e.getValue(), g), 1, Integer::sum);
        }
        if (n == 0) {
            throw new IllegalArgumentException("no item is both predicted and labelled");
        }
        double p = 0;
        double r = 0;
        for (var e : predicted.entrySet()) {
            String g = gold.get(e.getKey());
            if (g == null || e.getValue() == null) {
                continue;
            }
            int both = joint.get(pair(e.getValue(), g));
            p += both / (double) predSize.get(e.getValue());
            r += both / (double) goldSize.get(g);
        }
        p /= n;
        r /= n;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);

        double mutual = 0;
        for (var e : joint.entrySet()) {
            String[] k = e.getKey().split("\u0000", 2);
            double pj = e.getValue() / (double) n;
            mutual += pj * Math.log(pj / ((predSize.get(k[0]) / (double) n) * (goldSize.get(k[1]) / (double) n)));
        }
        double hp = entropy(predSize, n);
        double hg = entropy(goldSize, n);
        // both partitions trivial: identical, so NMI 1; one trivial: no information shared
        double nmi = hp == 0 && hg == 0 ? 1 : hp == 0 || hg == 0 ? 0 : mutual / Math.sqrt(hp * hg);
        return new ClusteringScores(n, predSize.size(), goldSize.size(), p, r, f1, nmi);
    }

    private static String pair(String predicted, String gold) {
        return predicted + "\u0000" + gold;
    }

    private static double entropy(Map<String, Integer> sizes, int n) {
        double h = 0;
        for (int s : sizes.values()) {
            double q = s / (double) n;
            h -= q * Math.log(q);
        }
        return h;
    }

    public String line() {
        return String.format(java.util.Locale.ROOT,
                "articles=%d stories=%d gold_stories=%d bcubed_p=%.4f bcubed_r=%.4f bcubed_f1=%.4f nmi=%.4f",
                items, predictedClusters, goldClusters, precision, recall, f1, nmi);
    }
}
