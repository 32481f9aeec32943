package io.wirewatch.common.model;

/** An entity linked in an article: canonical id, type ({@code ORG}, {@code LOC}, {@code PER}). */
public record Entity(String id, String type, String name, int mentions, int firstOffset) {
    public static final String ORG = "ORG";
    public static final String LOC = "LOC";
    public static final String PER = "PER";
}
