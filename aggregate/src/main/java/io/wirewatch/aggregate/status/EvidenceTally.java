package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus.Evidence;

/** A row's evidence sentence and the number of claims that cite it (so a retracted claim can remove it). */
public record EvidenceTally(Evidence evidence, int claims) {
}
