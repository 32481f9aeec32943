package io.wirewatch.ingest.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides the charset of an HTML body: BOM, then the Content-Type header, then a meta tag, then UTF-8. */
final class Charsets {

    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w.:-]+)");
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?is)<meta[^>]+?charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)");
    /** The HTML standard's prescan looks at the first 1024 bytes; real pages put it later, so look a bit further. */
    private static final int PRESCAN_BYTES = 8192;

    private Charsets() {}

    static Charset detect(byte[] body, String contentType) {
        Charset bom = fromBom(body);
        if (bom != null) {
            return bom;
        }
        if (contentType != null) {
            Matcher m = HEADER_CHARSET.matcher(contentType);
            if (m.find()) {
                Charset c = forName(m.group(1));
                if (c != null) {
                    return c;
                }
            }
        }
        // ASCII-compatible view of the head is enough to read a meta tag
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        while (m.find()) {
            Charset c = forName(m.group(1));
            if (c != null) {
                // a page that claims UTF-16 in an ASCII-readable meta tag is not UTF-16
                return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
            }
        }
        return StandardCharsets.UTF_8;
    }

    static Charset fromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static Charset forName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        // browsers treat these labels as windows-1252 (WHATWG Encoding)
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        }
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
