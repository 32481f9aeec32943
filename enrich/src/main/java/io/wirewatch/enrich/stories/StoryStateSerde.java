package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteUtils;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The story store's value encoding: one flat binary record instead of Smile. A story is decoded on
 * every story-cache miss, and with Smile most of that was its ~200-term centroid: a field name parsed
 * per term, a 10-byte double, and a map grown step by step. Here the centroid is a count, then each
 * term as length-prefixed UTF-8 and its weight as 8 bytes (exactly the double stored: clustering sees
 * the same numbers), decoded into a map sized once.
 *
 * <p>Values start with {@link #MAGIC}, which no Smile value starts with (Smile's header is {@code :)\n}),
 * so values written before this encoding still decode, through {@link SmileSerde}. Malformed bytes raise
 * {@link SerializationException}, as the Jackson serdes do.
 */
public final class StoryStateSerde implements Serde<StoryState> {

    /** First byte of a value in this encoding, and its version. */
    static final byte MAGIC = 1;
    /**
     * First byte of a story whose article ids are stored apart ({@link ArticleIdChunkStore}): the same layout
     * as {@link #MAGIC} after the number of those ids, with no ids of its own.
     */
    static final byte MAGIC_HEAD = 2;
    /** First byte of one chunk of a story's article ids ({@link ArticleIdChunkStore}). */
    static final byte MAGIC_IDS = 3;
    private static final Deserializer<StoryState> SMILE = SmileSerde.of(StoryState.class).deserializer();

    @Override
    public Serializer<StoryState> serializer() {
        return (topic, s) -> s == null ? null : encode(s);
    }

    @Override
    public Deserializer<StoryState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && (bytes[0] == MAGIC_HEAD || bytes[0] == MAGIC_IDS)) {
                throw new SerializationException("a story value whose article ids are stored apart: only "
                        + "ArticleIdChunkStore reads it");
            }
            if (bytes.length == 0 || bytes[0] != MAGIC) {
                return SMILE.deserialize(topic, bytes); // stored before this encoding
            }
            try {
                return decode(bytes);
            } catch (RuntimeException e) {
                throw new SerializationException("not a valid StoryState value: " + e, e);
            }
        };
    }

    static byte[] encode(StoryState s) {
        return encode(s, false);
    }

    private static final Deserializer<StoryState> STORED = new StoryStateSerde().deserializer();

    /** A story stored with its article ids: this encoding or, written before it, Smile. */
    static StoryState decodeStored(byte[] value) {
        return STORED.deserialize(null, value);
    }

    /** The story without its article ids, which are stored apart: {@link #MAGIC_HEAD}, their number, the rest. */
    static byte[] encodeHead(StoryState s) {
        return encode(s, true);
    }

    /** Whether a stored value is a story whose article ids are stored apart. */
    static boolean isHead(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC_HEAD;
    }

    /** The number of article ids a {@linkplain #isHead head} says are stored apart. */
    static int idsApart(byte[] head) {
        In in = new In(head);
        in.skip(1);
        return in.number();
    }

    /**
     * The last event time a stored story's record holds, read from its header alone (the fields before it are
     * five strings, skipped unread): what decides whether a candidate is in the window before it is decoded.
     * Null when the value is not in this encoding (Smile, written before it: decode it whole). Malformed bytes
     * raise {@link SerializationException}.
     */
    static Long lastEventTime(byte[] value) {
        if (value == null || value.length == 0 || (value[0] != MAGIC && value[0] != MAGIC_HEAD)) {
            return null;
        }
        try {
            In in = new In(value);
            in.skip(1);
            if (value[0] == MAGIC_HEAD) {
                in.number(); // the article ids stored apart
            }
            for (int i = 0; i < 5; i++) { // id, headline, first and last seen, anchor date
                in.skipStr();
            }
            return in.i64();
        } catch (RuntimeException e) {
            throw new SerializationException("not a valid StoryState value: " + e, e);
        }
    }

    /** One chunk of a story's article ids. */
    static byte[] encodeIds(List<String> ids) {
        Out o = new Out(16 + ids.size() * 24);
        o.b(MAGIC_IDS);
        o.strings(ids);
        return o.bytes();
    }

    /** A chunk written by {@link #encodeIds}; malformed bytes raise {@link SerializationException}. */
    static List<String> decodeIds(byte[] b) {
        try {
            if (b.length == 0 || b[0] != MAGIC_IDS) {
                throw new IllegalArgumentException("not an article id chunk");
            }
            In in = new In(b);
            in.skip(1);
            List<String> ids = in.strings();
            if (ids == null || in.position() != b.length) {
                throw new IllegalArgumentException("malformed article id chunk");
            }
            return ids;
        } catch (RuntimeException e) {
            throw new SerializationException("not a valid article id chunk: " + e, e);
        }
    }

    /** A head's story with {@code ids} as its article ids. */
    static StoryState decodeHead(byte[] head, List<String> ids) {
        try {
            return decode(head, ids);
        } catch (RuntimeException e) {
            throw new SerializationException("not a valid StoryState value: " + e, e);
        }
    }

    private static byte[] encode(StoryState s, boolean idsApart) {
        Out o = new Out(256 + (s.centroid() == null ? 0 : s.centroid().size() * 20)
                + (idsApart || s.articleIds() == null ? 0 : s.articleIds().size() * 24));
        if (idsApart) {
            o.b(MAGIC_HEAD);
            o.varint(s.articleIds().size() + 1);
        } else {
            o.b(MAGIC);
        }
        o.str(s.id());
        o.str(s.headline());
        o.str(s.firstSeen());
        o.str(s.lastSeen());
        o.str(s.anchorDate());
        o.i64(s.lastEventTime());
        o.strings(idsApart ? null : s.articleIds());
        o.strings(s.outlets());
        if (o.count(s.entityCounts())) {
            for (var e : s.entityCounts().entrySet()) {
                o.str(e.getKey());
                o.i32(e.getValue());
            }
        }
        if (o.count(s.centroid())) {
            TermVector c = TermVector.of(s.centroid()); // already one: StoryState holds its centroid so
            for (int i = 0; i < c.size(); i++) {
                o.str(c.termAt(i));
                o.i64(Double.doubleToRawLongBits(c.weightAt(i)));
            }
        }
        o.i32(s.size());
        o.i64(Double.doubleToRawLongBits(s.centroidNorm()));
        return o.bytes();
    }

    static StoryState decode(byte[] b) {
        return decode(b, null);
    }

    /** A {@link #MAGIC} value, or a {@link #MAGIC_HEAD} one with {@code apart} as its article ids. */
    private static StoryState decode(byte[] b, List<String> apart) {
        In in = new In(b);
        in.skip(1); // the magic byte
        if (b[0] == MAGIC_HEAD) {
            int n = in.number();
            if (apart == null || n != apart.size()) {
                throw new IllegalArgumentException("a story head of " + n + " article ids stored apart, given "
                        + (apart == null ? "none" : apart.size()));
            }
        } else if (apart != null) {
            throw new IllegalArgumentException("article ids given for a story that holds its own");
        }
        String id = in.str();
        String headline = in.str();
        String firstSeen = in.str();
        String lastSeen = in.str();
        String anchor = in.str();
        long lastEvent = in.i64();
        List<String> articles = in.strings();
        if (apart != null) {
            articles = apart;
        }
        List<String> outlets = in.strings();
        Map<String, Integer> entities = null;
        int n = in.count();
        if (n >= 0) {
            entities = new HashMap<>(capacity(n));
            for (int i = 0; i < n; i++) {
                entities.put(in.str(), in.i32());
            }
        }
        Map<String, Double> centroid = null;
        n = in.count();
        if (n >= 0) {
            String[] terms = new String[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                terms[i] = in.str();
                weights[i] = Double.longBitsToDouble(in.i64());
            }
            centroid = TermVector.of(terms, weights, n); // written in its order: read without sorting
        }
        int size = in.i32();
        double norm = Double.longBitsToDouble(in.i64());
        if (in.position() != b.length) {
            throw new IllegalArgumentException((b.length - in.position()) + " bytes past the end of the value");
        }
        return new StoryState(id, headline, firstSeen, lastSeen, anchor, lastEvent, articles, outlets, entities, centroid,
                size, norm);
    }

    /** A HashMap capacity that holds {@code n} entries without rehashing. */
    private static int capacity(int n) {
        return (int) (n / 0.75f) + 1;
    }

    /**
     * Big-endian fixed-width numbers and Kafka's unsigned varints ({@link ByteUtils}); counts and lengths
     * are stored plus one, so that 0 is null.
     */
    private static final class Out {
        private final ByteArrayOutputStream bytes;
        private final DataOutputStream out;

        Out(int size) {
            bytes = new ByteArrayOutputStream(size);
            out = new DataOutputStream(bytes);
        }

        void b(int v) {
            write(() -> out.writeByte(v));
        }

        void varint(int v) {
            write(() -> ByteUtils.writeUnsignedVarint(v, out));
        }

        void i32(int v) {
            write(() -> out.writeInt(v));
        }

        void i64(long v) {
            write(() -> out.writeLong(v));
        }

        void str(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            varint(u.length + 1);
            write(() -> out.write(u));
        }

        /** Writes the size (0 for null); true when entries follow. */
        boolean count(Map<?, ?> m) {
            varint(m == null ? 0 : m.size() + 1);
            return m != null;
        }

        void strings(List<String> l) {
            varint(l == null ? 0 : l.size() + 1);
            if (l != null) {
                l.forEach(this::str);
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private interface Write {
            void run() throws IOException;
        }

        /** A DataOutputStream over a byte array never fails. */
        private static void write(Write w) {
            try {
                w.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class In {
        private final ByteBuffer b;

        In(byte[] bytes) {
            b = ByteBuffer.wrap(bytes);
        }

        int position() {
            return b.position();
        }

        void skip(int n) {
            b.position(b.position() + n);
        }

        int i32() {
            return b.getInt();
        }

        long i64() {
            return b.getLong();
        }

        /** A number stored plus one (not a count of bytes that follow). */
        int number() {
            return ByteUtils.readUnsignedVarint(b) - 1;
        }

        /** The stored count, or -1 for null. */
        int count() {
            int n = ByteUtils.readUnsignedVarint(b) - 1;
            if (n > b.remaining()) {
                throw new IllegalArgumentException("count " + n + " exceeds the value's " + b.limit() + " bytes");
            }
            return n;
        }

        void skipStr() {
            int n = count();
            if (n > 0) {
                skip(n);
            }
        }

        String str() {
            int n = count();
            if (n < 0) {
                return null;
            }
            String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
            skip(n);
            return s;
        }

        List<String> strings() {
            int n = count();
            if (n < 0) {
                return null;
            }
            List<String> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(str());
            }
            return l;
        }
    }
}
