package io.wirewatch.common.kafka;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.time.IsoDates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the article's publish time, its fetch time when unknown (CONTRACT.md), and the
 * record's own timestamp for anything that is not an article.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long t = -1;
        Object v = record.value();
        if (v instanceof RawArticle a) {
            t = eventTime(a.published(), a.fetched());
        } else if (v instanceof EnrichedArticle a) {
            t = eventTime(a.published(), a.fetched());
        }
        if (t >= 0) {
            return t;
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    public static long eventTime(String published, String fetched) {
        long t = IsoDates.toEpochMillis(published);
        return t >= 0 ? t : IsoDates.toEpochMillis(fetched);
    }
}
