package io.wirewatch.enrich.stories;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable term → weight vector (a story centroid, an article's vector) held in three arrays sorted by
 * the terms' hash codes, then by the terms. Every article is scored against up to 64 stories, and a lookup per
 * article term in each centroid's {@code HashMap} (node, key, boxed value: three dependent reads) was the top
 * leaf of the story thread (BENCHMARKS.md, "seventeenth session"); two sorted vectors meet in one walk over
 * contiguous arrays ({@link #dot}), and a join sums and cuts them the same way ({@link #plus}, {@link #top}).
 * It is a read-only {@link Map}, equal to any map of the same entries, so code and tests that read centroids as
 * maps read it as before.
 */
public final class TermVector extends AbstractMap<String, Double> {

    public static final TermVector EMPTY = new TermVector(new String[0], new int[0], new double[0]);

    private final String[] terms;
    private final int[] hashes;
    private final double[] weights;

    private TermVector(String[] terms, int[] hashes, double[] weights) {
        this.terms = terms;
        this.hashes = hashes;
        this.weights = weights;
    }

    /** {@code m} itself when it is one, else its entries in a new vector. */
    public static TermVector of(Map<String, Double> m) {
        if (m instanceof TermVector t) {
            return t;
        }
        String[] ts = new String[m.size()];
        double[] ws = new double[m.size()];
        int n = 0;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            ts[n] = e.getKey();
            ws[n] = e.getValue();
            n++;
        }
        return of(ts, ws, n);
    }

    /**
     * The first {@code n} terms and weights, which it takes over (the caller drops the arrays). The terms must
     * not be null; a term given twice keeps its later weight, as a map's put would.
     */
    public static TermVector of(String[] terms, double[] weights, int n) {
        if (n == 0) {
            return EMPTY;
        }
        int[] h = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            h[i] = terms[i].hashCode();
            sorted &= i == 0 || before(h[i - 1], terms[i - 1], h[i], terms[i]);
        }
        if (sorted) { // a vector read back from the store, written in this order
            return new TermVector(n == terms.length ? terms : Arrays.copyOf(terms, n), h,
                    n == weights.length ? weights : Arrays.copyOf(weights, n));
        }
        // hash in the high half, index in the low: one primitive sort orders by hash (and index)
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = ((long) h[i] << 32) | i;
        }
        Arrays.sort(keyed);
        String[] ts = new String[n];
        int[] hs = new int[n];
        double[] ws = new double[n];
        for (int i = 0; i < n; i++) {
            int at = (int) keyed[i];
            ts[i] = terms[at];
            hs[i] = h[at];
            ws[i] = weights[at];
        }
        // terms sharing a hash (rare) go by the terms themselves, so the order does not depend on the input's
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = m++;
            ts[k] = ts[i];
            hs[k] = hs[i];
            ws[k] = ws[i];
            for (; k > 0 && hs[k - 1] == hs[k] && ts[k - 1].compareTo(ts[k]) > 0; k--) {
                String t = ts[k];
                ts[k] = ts[k - 1];
                ts[k - 1] = t;
                double w = ws[k];
                ws[k] = ws[k - 1];
                ws[k - 1] = w;
            }
            for (int d = k - 1; d >= 0 && hs[d] == hs[k]; d--) {
                if (ts[d].equals(ts[k])) { // given twice: the later weight, in the earlier slot
                    ws[d] = ws[k];
                    System.arraycopy(ts, k + 1, ts, k, m - k - 1);
                    System.arraycopy(hs, k + 1, hs, k, m - k - 1);
                    System.arraycopy(ws, k + 1, ws, k, m - k - 1);
                    m--;
                    break;
                }
            }
        }
        return m == n ? new TermVector(ts, hs, ws)
                : new TermVector(Arrays.copyOf(ts, m), Arrays.copyOf(hs, m), Arrays.copyOf(ws, m));
    }

    /** Whether ({@code h1}, {@code t1}) comes strictly before ({@code h2}, {@code t2}) in a vector's order. */
    private static boolean before(int h1, String t1, int h2, String t2) {
        return h1 < h2 || (h1 == h2 && t1.compareTo(t2) < 0);
    }

    /** The sum over the terms both vectors hold of the products of their weights, in one merge of the arrays. */
    public double dot(TermVector o) {
        int[] ha = hashes;
        int[] hb = o.hashes;
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < ha.length && j < hb.length) {
            int x = ha[i];
            int y = hb[j];
            if (x < y) {
                i++;
            } else if (x > y) {
                j++;
            } else {
                String s = terms[i];
                String t = o.terms[j];
                int c = s.equals(t) ? 0 : s.compareTo(t);
                if (c == 0) {
                    dot += weights[i++] * o.weights[j++];
                } else if (c < 0) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        return dot;
    }

    /**
     * The sum of the two vectors, term by term, in one merge of the arrays: what a story's centroid becomes when
     * it takes an article (or another story's centroid).
     */
    public TermVector plus(TermVector o) {
        int n = terms.length;
        int m = o.terms.length;
        String[] ts = new String[n + m];
        int[] hs = new int[n + m];
        double[] ws = new double[n + m];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            int c = i == n ? 1 : j == m ? -1 : compare(hashes[i], terms[i], o.hashes[j], o.terms[j]);
            if (c <= 0) {
                ts[k] = terms[i];
                hs[k] = hashes[i];
                ws[k] = c == 0 ? weights[i] + o.weights[j++] : weights[i];
                i++;
            } else {
                ts[k] = o.terms[j];
                hs[k] = o.hashes[j];
                ws[k] = o.weights[j];
                j++;
            }
            k++;
        }
        return k == n + m ? new TermVector(ts, hs, ws)
                : new TermVector(Arrays.copyOf(ts, k), Arrays.copyOf(hs, k), Arrays.copyOf(ws, k));
    }

    /**
     * The {@code n} highest-weighted terms (ties: the terms in {@link String#compareTo} order), in a vector of
     * their own; this vector when it holds no more.
     */
    public TermVector top(int n) {
        int size = terms.length;
        if (size <= n) {
            return this;
        }
        if (n <= 0) {
            return EMPTY;
        }
        double[] sorted = weights.clone();
        Arrays.sort(sorted);
        double cut = sorted[size - n]; // the n-th highest weight: every higher one is kept
        int above = 0;
        for (double w : weights) {
            if (Double.compare(w, cut) > 0) {
                above++;
            }
        }
        // of the terms weighing exactly the cut, the first in term order fill the slots left
        int atCut = n - above;
        String[] tied = new String[size];
        int t = 0;
        for (int i = 0; i < size; i++) {
            if (Double.compare(weights[i], cut) == 0) {
                tied[t++] = terms[i];
            }
        }
        String lastTied = null;
        if (t > atCut) {
            Arrays.sort(tied, 0, t);
            lastTied = tied[atCut - 1];
        }
        String[] ts = new String[n];
        int[] hs = new int[n];
        double[] ws = new double[n];
        int k = 0;
        for (int i = 0; i < size; i++) {
            int c = Double.compare(weights[i], cut);
            if (c > 0 || (c == 0 && (lastTied == null || terms[i].compareTo(lastTied) <= 0))) {
                ts[k] = terms[i];
                hs[k] = hashes[i];
                ws[k] = weights[i];
                k++;
            }
        }
        return new TermVector(ts, hs, ws); // a subsequence: still in order
    }

    /** The {@code i}-th term in the vector's order. */
    public String termAt(int i) {
        return terms[i];
    }

    /** The {@code i}-th term's weight. */
    public double weightAt(int i) {
        return weights[i];
    }

    private static int compare(int h1, String t1, int h2, String t2) {
        return h1 != h2 ? Integer.compare(h1, h2) : t1.equals(t2) ? 0 : t1.compareTo(t2);
    }

    /** The weight of {@code term}, 0 when the vector does not hold it. */
    public double weight(String term) {
        int at = indexOf(term);
        return at < 0 ? 0 : weights[at];
    }

    private int indexOf(Object key) {
        if (!(key instanceof String term)) {
            return -1;
        }
        int h = term.hashCode();
        int at = Arrays.binarySearch(hashes, h);
        if (at < 0) {
            return -1;
        }
        while (at > 0 && hashes[at - 1] == h) {
            at--; // the first of the terms sharing the hash
        }
        for (; at < hashes.length && hashes[at] == h; at++) {
            if (terms[at].equals(term)) {
                return at;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return terms.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : weights[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < terms.length; i++) {
            action.accept(terms[i], weights[i]);
        }
    }

    /** The square root of the sum of squared weights, plus the same 1e-12 as {@link TextVectors#norm}. */
    public double norm() {
        double s = 0;
        for (double w : weights) {
            s += w * w;
        }
        return Math.sqrt(s) + 1e-12;
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < terms.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= terms.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(terms[at], weights[at]);
                    }
                };
            }

            @Override
            public int size() {
                return terms.length;
            }
        };
    }
}
