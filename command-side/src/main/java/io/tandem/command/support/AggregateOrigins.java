package io.tandem.command.support;

import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.util.List;
import java.util.Optional;

/**
 * Reads the first event of an aggregate (the one that created it) from Axon's JPA event table, for
 * lookup-table rebuilds that need a fact recorded only there, such as an account's owner. One
 * indexed read per call, in the caller's transaction; upcasters run as for any other reader.
 */
public class AggregateOrigins {

    private static final String FIRST_EVENT = "select e from DomainEventEntry e"
            + " where e.aggregateIdentifier = :id and e.sequenceNumber = 0";

    private final EntityManager entityManager;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;

    public AggregateOrigins(EntityManager entityManager, Serializer eventSerializer, EventUpcaster upcasters) {
        this.entityManager = entityManager;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
    }

    /** The payload of the aggregate's first event, if the aggregate exists. */
    public Optional<Object> firstPayload(String aggregateIdentifier) {
        List<DomainEventEntry> first = entityManager.createQuery(FIRST_EVENT, DomainEventEntry.class)
                .setParameter("id", aggregateIdentifier)
                .getResultList();
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(first.stream(), eventSerializer, upcasters);
        return events.hasNext() ? Optional.of(events.next()).map(DomainEventMessage::getPayload) : Optional.empty();
    }
}
