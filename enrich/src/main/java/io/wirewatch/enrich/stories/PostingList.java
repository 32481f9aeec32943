package io.wirewatch.enrich.stories;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The story ids an index key lists, most recent first, held as their stored bytes: format byte
 * {@value #FORMAT}, the count, then each id as its UTF-8 length and bytes (lengths and count as
 * unsigned varints). The store writes and reads those bytes as they are ({@link PostingListSerde}), so
 * that a commit no longer encodes each dirty list id by id, and a list read back is one array plus
 * the ids' offsets and hashes, not 32 strings scattered over the heap: counting an article's candidates
 * reads a few contiguous arrays per key. Immutable.
 */
public final class PostingList {

    /** First byte of the encoding (a Smile value, the format before, starts with ':'). */
    static final byte FORMAT = 1;
    public static final PostingList EMPTY = new PostingList(new byte[] {FORMAT, 0});

    private final byte[] bytes;
    /** Offset of id i's bytes, and (at i + 1 for the last) where each ends: {@code start[i] .. end(i)}. */
    private final int[] start;
    private final int[] end;
    private final int[] hashes;

    /** Over encoded bytes (owned from here on); fails on bytes not in this format. */
    PostingList(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a posting list (format " + FORMAT + ")");
        }
        this.bytes = bytes;
        int[] pos = {1};
        int n = readVarint(bytes, pos);
        start = new int[n];
        end = new int[n];
        hashes = new int[n];
        for (int i = 0; i < n; i++) {
            int len = readVarint(bytes, pos);
            start[i] = pos[0];
            end[i] = pos[0] + len;
            if (end[i] > bytes.length) {
                throw new IllegalArgumentException("posting list cut short: id " + i + " of " + n);
            }
            hashes[i] = hash(bytes, start[i], end[i]);
            pos[0] = end[i];
        }
        if (pos[0] != bytes.length) {
            throw new IllegalArgumentException("posting list has " + (bytes.length - pos[0]) + " bytes past its " + n + " ids");
        }
    }

    public static PostingList of(List<String> ids) {
        List<byte[]> each = new ArrayList<>(ids.size());
        for (String id : ids) {
            each.add(id.getBytes(StandardCharsets.UTF_8));
        }
        return new PostingList(encode(each));
    }

    public int size() {
        return start.length;
    }

    public boolean isEmpty() {
        return start.length == 0;
    }

    public String id(int i) {
        return new String(bytes, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    /** The ids, decoded (tests and tools; the clusterer reads them in place). */
    public List<String> ids() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(id(i));
        }
        return List.copyOf(out);
    }

    /** The stored form; never to be changed. */
    byte[] bytes() {
        return bytes;
    }

    int hash(int i) {
        return hashes[i];
    }

    /** Whether id i of this list and id j of {@code other} are the same id. */
    boolean sameId(int i, PostingList other, int j) {
        return Arrays.equals(bytes, start[i], end[i], other.bytes, other.start[j], other.end[j]);
    }

    /** Whether id i is {@code id} (its UTF-8 bytes). */
    boolean isId(int i, byte[] id) {
        return Arrays.equals(bytes, start[i], end[i], id, 0, id.length);
    }

    /**
     * This list with {@code id} (UTF-8 bytes) first and its earlier place (the first, if any) dropped, cut to
     * {@code max} ids: what the index keeps for a story that just took an article.
     */
    PostingList withFirst(byte[] id, int max) {
        int n = size();
        int drop = -1;
        for (int i = 0; i < n; i++) {
            if (isId(i, id)) {
                drop = i;
                break;
            }
        }
        // the ids kept after the new first, at most max - 1 of them: [0, cut) without drop
        int cut = 0;
        for (int kept = 0; cut < n && kept < max - 1; cut++) {
            if (cut != drop) {
                kept++;
            }
        }
        int kept = cut - (drop >= 0 && drop < cut ? 1 : 0);
        // the kept ids' bytes (each its length and bytes) are one or two runs of this list's bytes: copied as they are
        int headLen = 1 + varintSize(kept + 1) + varintSize(id.length) + id.length;
        int runs = spanStart(cut) - spanStart(0) - (drop >= 0 && drop < cut ? spanStart(drop + 1) - spanStart(drop) : 0);
        byte[] out = new byte[headLen + runs];
        out[0] = FORMAT;
        int p = writeVarint(out, 1, kept + 1);
        p = writeVarint(out, p, id.length);
        System.arraycopy(id, 0, out, p, id.length);
        p += id.length;
        int[] s = new int[kept + 1];
        int[] e = new int[kept + 1];
        int[] h = new int[kept + 1];
        s[0] = p - id.length;
        e[0] = p;
        h[0] = hash(id, 0, id.length);
        int j = 1;
        for (int from = 0; from < cut; ) {
            int to = drop >= from && drop < cut ? drop : cut; // the run [from, to)
            int shift = p - spanStart(from);
            System.arraycopy(bytes, spanStart(from), out, p, spanStart(to) - spanStart(from));
            p += spanStart(to) - spanStart(from);
            for (int i = from; i < to; i++, j++) {
                s[j] = start[i] + shift;
                e[j] = end[i] + shift;
                h[j] = hashes[i];
            }
            from = to == drop ? drop + 1 : to;
        }
        return new PostingList(out, s, e, h);
    }

    /** Where id i's bytes (its length, then the id) begin; {@code spanStart(size())} is the end of the list. */
    private int spanStart(int i) {
        return i == 0 ? 1 + varintSize(size()) : end[i - 1];
    }

    /** Over bytes already parsed into the ids' offsets and hashes. */
    private PostingList(byte[] bytes, int[] start, int[] end, int[] hashes) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.hashes = hashes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostingList p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return ids().toString();
    }

    private static byte[] encode(List<byte[]> ids) {
        int len = 1 + varintSize(ids.size());
        for (byte[] b : ids) {
            len += varintSize(b.length) + b.length;
        }
        byte[] out = new byte[len];
        out[0] = FORMAT;
        int p = writeVarint(out, 1, ids.size());
        for (byte[] b : ids) {
            p = writeVarint(out, p, b.length);
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        return out;
    }

    /** String's hash over the bytes (as String.hashCode for ASCII ids): any hash would do, it only spreads the counts. */
    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + (b[i] & 0xff);
        }
        return h;
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static int writeVarint(byte[] out, int p, int v) {
        while ((v & ~0x7f) != 0) {
            out[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    private static int readVarint(byte[] b, int[] pos) {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("posting list cut short");
            }
            byte x = b[pos[0]++];
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("posting list varint too long");
    }
}
