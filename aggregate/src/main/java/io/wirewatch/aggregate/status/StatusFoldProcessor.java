package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each organisation's ledger in a state store and emits its recomputed status table. */
public final class StatusFoldProcessor implements Processor<String, OrgEvent, String, OrgStatus> {

    public static final String LEDGER_STORE = "org-ledgers";

    private ProcessorContext<String, OrgStatus> context;
    private KeyValueStore<String, OrgLedger> ledgers;

    @Override
    public void init(ProcessorContext<String, OrgStatus> context) {
        this.context = context;
        this.ledgers = context.getStateStore(LEDGER_STORE);
    }

    @Override
    public void process(Record<String, OrgEvent> record) {
        String org = record.key();
        OrgLedger ledger = ledgers.get(org);
        if (ledger == null) {
            ledger = OrgLedger.empty(org);
        }
        OrgLedger updated = ledger.apply(record.value());
        // fold before storing: if the fold throws, the record is dead-lettered and the ledger stays as it was
        OrgStatus status = StatusFolder.fold(updated);
        ledgers.put(org, updated);
        if (status != null && !status.equals(StatusFolder.fold(ledger))) {
            context.forward(record.withValue(status));
        }
    }
}
