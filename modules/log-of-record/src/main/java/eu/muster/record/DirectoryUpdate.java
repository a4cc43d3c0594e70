package eu.muster.record;

import eu.muster.contract.Organisation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global organisation directory store in step with the directory topic; a tombstone removes an organisation. */
final class DirectoryUpdate implements Processor<String, Organisation, Void, Void> {

    private KeyValueStore<String, Organisation> directory;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        directory = context.getStateStore(LogOfRecordTopology.ORGANISATION_DIRECTORY_STORE);
    }

    @Override
    public void process(Record<String, Organisation> record) {
        if (record.value() == null) {
            directory.delete(record.key());
        } else {
            directory.put(record.key(), record.value());
        }
    }
}
