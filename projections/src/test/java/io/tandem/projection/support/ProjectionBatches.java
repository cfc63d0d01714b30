package io.tandem.projection.support;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs events through a projector the two ways that must end alike: one at a time without a unit of
 * work (every write sent at once), and as a pooled streaming processor does, a whole batch in one
 * {@link BatchingUnitOfWork} (writes queued and sent at its commit). Both go through Axon's
 * annotation adapter, so the aggregate sequence number reaches the handlers as in production.
 */
public final class ProjectionBatches {

    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private ProjectionBatches() {
    }

    public static EventMessage<Object> event(String type, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload);
    }

    /** An event stamped {@code timestamp} (what {@code @Timestamp} parameters receive). */
    public static EventMessage<Object> eventAt(String type, String aggregateId, long sequence, Object payload, Instant timestamp) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, Map.of(), UUID.randomUUID().toString(), timestamp);
    }

    /** Handles each event on its own, without a unit of work. */
    public static void oneByOne(Object projector, List<EventMessage<Object>> events) {
        var adapter = new AnnotationEventHandlerAdapter(projector);
        for (EventMessage<Object> event : events) {
            try {
                adapter.handle(event);
            } catch (Exception e) {
                throw new AssertionError("handling " + event.getPayload() + " failed", e);
            }
        }
    }

    /** Handles the events in one batching unit of work, as a pooled streaming processor handles a batch. */
    public static void inOneBatch(Object projector, List<EventMessage<Object>> events) {
        var adapter = new AnnotationEventHandlerAdapter(projector);
        BatchingUnitOfWork<EventMessage<Object>> unitOfWork = new BatchingUnitOfWork<>(events);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> adapter.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            throw new AssertionError("the batch failed", result.exceptionResult());
        }
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /** Runs {@code work} in one (root) unit of work and commits it; a failure rolls it back and is thrown. */
    public static void inOneUnitOfWork(Runnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }

    /**
     * Every collection's documents in {@code _id} order, as canonical extended JSON: field order,
     * values and BSON types (an int32 is not an int64) all count.
     */
    public static Map<String, List<String>> contents(MongoDatabase database) {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        List<String> names = database.listCollectionNames().into(new ArrayList<>());
        names.sort(null);
        for (String name : names) {
            List<String> documents = new ArrayList<>();
            for (Document document : database.getCollection(name).find().sort(new Document("_id", 1))) {
                documents.add(document.toJson(EXACT));
            }
            contents.put(name, documents);
        }
        return contents;
    }
}
