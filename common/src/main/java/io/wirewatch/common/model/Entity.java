package io.wirewatch.common.model;

import java.util.List;

/**
 * An entity linked in an article: canonical id, type ({@code ORG}, {@code LOC}, {@code PER}),
 * canonical name, how often and where first it is mentioned, and the other names it went by.
 */
public record Entity(String id, String type, String name, int mentions, int firstOffset, List<String> aliases) {
    public static final String ORG = "ORG";
    public static final String LOC = "LOC";
    public static final String PER = "PER";
}
