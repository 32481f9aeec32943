package io.wirewatch.enrich.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence splitting with the JDK's rule-based BreakIterator; line breaks always end a sentence. */
public final class Sentences {

    /** A sentence and where it starts in the text. */
    public record Sentence(String text, int start) {}

    private Sentences() {}

    public static List<Sentence> split(String text) {
        List<Sentence> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(line);
            int s = it.first();
            for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
                String sent = line.substring(s, e).strip();
                if (!sent.isEmpty()) {
                    out.add(new Sentence(sent, lineStart + s + (line.substring(s, e).indexOf(sent))));
                }
            }
            lineStart = lineEnd + 1;
        }
        return out;
    }
}
