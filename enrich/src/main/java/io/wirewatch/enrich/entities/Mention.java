package io.wirewatch.enrich.entities;

/**
 * One mention of an entity in a text. {@code via} says how it was found: a knowledge-base alias
 * kind, {@code PATTERN} for an entity not in the knowledge base, {@code COREF} for "the group".
 * {@code jurisdiction} is the state code a mention points to (a state, a person's state).
 */
public record Mention(String id, String type, String name, int start, int end, String via, String jurisdiction,
                      String surface) {

    public Mention withSurface(String s) {
        return new Mention(id, type, name, start, end, via, jurisdiction, s);
    }

    public Mention shifted(int by) {
        return new Mention(id, type, name, start - by, end - by, via, jurisdiction, surface);
    }
}
