package io.wirewatch.aggregate.route;

import java.util.List;

/** The anchor date last routed for a story, and the organisations it was routed to. */
public record RoutedAnchor(String anchor, List<String> orgs) {
}
