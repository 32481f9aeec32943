package io.wirewatch.enrich.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts, per story id, how many of an article's index keys list it, and gives the ids in the order
 * {@link StoryClusterer} tries them: the copied article's story first, then the ids listed under more
 * than one key (most keys first, first-listed first on ties), then those listed under one key, in the
 * order of that key's weight (keys in order on ties, then as listed).
 *
 * <p>In a big store every key's list is full (32 ids), so an article counts some 700 ids for at most
 * {@code limit} candidates. The counts go into one open-addressed table reused from article to article
 * (arrays of a few KB, which stay in the CPU caches), over the lists' own bytes and hashes
 * ({@link PostingList}), instead of a fresh hash map of boxed entries keyed by id strings and a sort
 * of all of them: the ids listed under one key need no sort, only the keys do, and only the ids
 * returned become strings. Not thread-safe: one per clusterer.
 */
final class CandidateCounter {

    /** The order of the ids to try; the first {@code sharingMore} are listed under more than one key (or are the copy's story). */
    record Candidates(List<String> ids, int sharingMore) {}

    /** Per slot: the list (index) and the place in it where the id was first met; -1 list when free. */
    private int[] list = new int[1024];
    private int[] pos = new int[1024];
    private int[] hashes = new int[1024];
    private int[] counts = new int[1024];
    private int shift = 32 - 10;
    /** Slots in the order their id was first met. */
    private int[] met = new int[512];
    /** Slots of the ids listed under more than one key, sorted. */
    private int[] multi = new int[512];
    private int size;
    private List<PostingList> lists;

    CandidateCounter() {
        Arrays.fill(list, -1);
    }

    /**
     * The candidates listed under {@code keyLists} (one per key, in key order, with the key's weight in the
     * article), the story {@code first} (may be null) before all; at most {@code limit} ids are returned,
     * {@code sharingMore} is counted over all.
     */
    Candidates order(List<PostingList> keyLists, double[] weights, String first, int limit) {
        int keys = keyLists.size();
        List<PostingList> all = new ArrayList<>(keyLists);
        if (first != null) {
            all.add(PostingList.of(List.of(first)));
        }
        lists = all;
        int total = 0;
        for (PostingList l : all) {
            total += l.size();
        }
        reset(total);
        for (int k = 0; k < keys; k++) {
            PostingList l = all.get(k);
            for (int i = 0; i < l.size(); i++) {
                counts[slot(k, i)]++;
            }
        }
        int firstSlot = -1;
        if (first != null) {
            firstSlot = slot(keys, 0);
            counts[firstSlot] = Integer.MAX_VALUE;
        }
        // ids under more than one key: most keys first, stable (first met first); the copy's story leads.
        // They are few (most of a full list shares one key with the article): an insertion sort.
        int more = 0;
        for (int i = 0; i < size; i++) {
            int s = met[i];
            if (counts[s] > 1 && s != firstSlot) {
                int j = more++;
                while (j > 0 && counts[multi[j - 1]] < counts[s]) {
                    multi[j] = multi[j - 1];
                    j--;
                }
                multi[j] = s;
            }
        }
        List<String> out = new ArrayList<>(Math.min(limit, size));
        if (firstSlot >= 0) {
            out.add(first);
        }
        for (int i = 0; i < more && out.size() < limit; i++) {
            out.add(all.get(list[multi[i]]).id(pos[multi[i]]));
        }
        // ids under one key: by that key's weight, highest first, stable (keys in order, then as listed)
        int[] byWeight = new int[keys];
        for (int k = 0; k < keys; k++) {
            int j = k;
            while (j > 0 && Double.compare(weights[byWeight[j - 1]], weights[k]) < 0) {
                byWeight[j] = byWeight[j - 1];
                j--;
            }
            byWeight[j] = k;
        }
        for (int r = 0; r < keys && out.size() < limit; r++) {
            int k = byWeight[r];
            PostingList l = all.get(k);
            for (int i = 0; i < l.size() && out.size() < limit; i++) {
                if (counts[slot(k, i)] == 1) {
                    out.add(l.id(i));
                }
            }
        }
        lists = null;
        return new Candidates(out, more + (firstSlot >= 0 ? 1 : 0));
    }

    private void reset(int expected) {
        int cap = list.length;
        while (cap < expected * 2) {
            cap <<= 1;
        }
        if (cap != list.length) {
            list = new int[cap];
            Arrays.fill(list, -1);
            pos = new int[cap];
            hashes = new int[cap];
            counts = new int[cap];
        } else {
            for (int i = 0; i < size; i++) {
                int s = met[i];
                list[s] = -1;
                counts[s] = 0;
            }
        }
        if (met.length < expected) {
            met = new int[Math.max(expected, met.length * 2)];
            multi = new int[met.length];
        }
        shift = 32 - Integer.numberOfTrailingZeros(cap);
        size = 0;
    }

    /** The slot of id {@code i} of list {@code k}, taken for it if the id is new. */
    private int slot(int k, int i) {
        PostingList l = lists.get(k);
        int h = l.hash(i);
        int mask = list.length - 1;
        int s = (h * 0x9E3779B9) >>> shift;
        while (true) {
            int at = list[s];
            if (at < 0) {
                list[s] = k;
                pos[s] = i;
                hashes[s] = h;
                met[size++] = s;
                return s;
            }
            if (hashes[s] == h && ((at == k && pos[s] == i) || lists.get(at).sameId(pos[s], l, i))) {
                return s;
            }
            s = (s + 1) & mask;
        }
    }
}
