package io.wirewatch.common.model;

/** A URL to fetch ({@code news.frontier.v1}, keyed by host): where it was found and when it may be fetched. */
public record FrontierEntry(String url, String foundOn, String notBefore, String published) {
}
