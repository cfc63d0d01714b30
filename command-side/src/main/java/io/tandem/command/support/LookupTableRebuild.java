package io.tandem.command.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds the {@link LookupTable}s from the event log where they are behind it, before the
 * application takes requests. A table is behind when its {@link LookupTablePosition} says so: no row
 * (a database restored with only its event tables, or a table added since the last start) or a
 * rebuild that stopped halfway. A table that caught up once is left alone, so a normal start costs
 * one primary-key read per table.
 * <p>
 * The rebuild reads only the table's event types from Axon's JPA event table, in global-index order
 * and in batches; each batch is one transaction that locks the position row, applies the batch
 * through the table's own event handlers and moves the position past it. Nodes that start at once on
 * one database therefore take turns batch by batch, each continuing where the last one stopped, and
 * none of them takes requests before the table caught up. Upcasters run as for any other reader.
 */
public class LookupTableRebuild {

    private static final Logger log = LoggerFactory.getLogger(LookupTableRebuild.class);
    private static final String EVENTS_AFTER = "select e.globalIndex, e from DomainEventEntry e"
            + " where e.globalIndex > :after and e.payloadType in :types order by e.globalIndex";

    private final List<LookupTable> tables;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;
    private final int batchSize;

    public LookupTableRebuild(List<LookupTable> tables, EntityManager entityManager, TransactionTemplate transactions,
                              Serializer eventSerializer, EventUpcaster upcasters, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.tables = List.copyOf(tables);
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
        this.batchSize = batchSize;
    }

    /** Brings every table up to the end of the event log; answers how many events were applied. */
    public long catchUp() {
        long applied = 0;
        for (LookupTable table : tables) {
            applied += catchUp(table);
        }
        return applied;
    }

    private long catchUp(LookupTable table) {
        ensurePosition(table);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(table.updater(),
                ClasspathParameterResolverFactory.forClass(table.updater().getClass()));
        List<String> types = table.eventTypes().stream().map(Class::getName).toList();
        long applied = 0;
        long started = System.nanoTime();
        while (true) {
            Batch batch = transactions.execute(status -> nextBatch(table, handlers, types));
            if (batch == null || batch.caughtUp()) {
                break;
            }
            if (applied == 0) {
                log.info("lookup table {} is behind the event log: rebuilding it from global index {}", table.name(),
                        batch.from());
            }
            applied += batch.applied();
            log.info("lookup table {}: {} events applied, up to global index {}", table.name(), applied, batch.upTo());
        }
        if (applied > 0) {
            log.info("lookup table {} rebuilt from {} events in {} ms", table.name(), applied,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return applied;
    }

    /** One step of the rebuild, in the caller's transaction; null or caught-up when nothing is left. */
    private Batch nextBatch(LookupTable table, AnnotationEventHandlerAdapter handlers, List<String> types) {
        LookupTablePosition position = lockedPosition(table.name());
        if (position.current()) {
            return Batch.CAUGHT_UP;
        }
        long from = position.lastGlobalIndex();
        List<Object[]> rows = entityManager.createQuery(EVENTS_AFTER, Object[].class)
                .setParameter("after", from)
                .setParameter("types", types)
                .setMaxResults(batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            position.caughtUp();
            return Batch.CAUGHT_UP;
        }
        for (Object[] row : rows) {
            apply(handlers, (DomainEventEntry) row[1]);
        }
        long upTo = (Long) rows.get(rows.size() - 1)[0];
        position.appliedUpTo(upTo);
        if (rows.size() < batchSize) {
            position.caughtUp();
        }
        return new Batch(from, upTo, rows.size(), false);
    }

    private void apply(AnnotationEventHandlerAdapter handlers, DomainEventData<?> entry) {
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), eventSerializer, upcasters);
        while (events.hasNext()) {
            EventMessage<?> event = events.next();
            try {
                if (handlers.canHandle(event)) {
                    handlers.handle(event);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot apply event " + event.getIdentifier() + " to a lookup table", e);
            }
        }
    }

    /**
     * Inserts the table's position row if it is missing. A table that has rows but no position row was
     * kept by the live path of a version from before the rebuild existed: it is current already, and
     * rebuilding it would replay the whole log once (hours on a big store) and walk the catalog's last
     * prices through history while other nodes trade. Only an empty table (a database restored with
     * only its event tables) is rebuilt. Of two nodes inserting the row at once the second fails on
     * the primary key (after the first committed) and then finds the row.
     */
    private void ensurePosition(LookupTable table) {
        String name = table.name();
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    if (entityManager.find(LookupTablePosition.class, name) == null) {
                        LookupTablePosition position = new LookupTablePosition(name);
                        if (hasRows(table.entity())) {
                            position.caughtUp();
                            log.info("lookup table {} has rows but no rebuild position: kept by the live path, taken as current", name);
                        }
                        entityManager.persist(position);
                    }
                });
                return;
            } catch (PersistenceException | DataIntegrityViolationException lostRace) {
                if (attempt == 3) {
                    throw lostRace;
                }
                log.debug("another node inserted the position of lookup table {} first", name, lostRace);
            }
        }
    }

    private boolean hasRows(Class<?> entity) {
        return !entityManager.createQuery("select 1 from " + entityManager.getMetamodel().entity(entity).getName() + " e", Integer.class)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The table's position row, locked until this transaction ends. */
    private LookupTablePosition lockedPosition(String name) {
        return entityManager.find(LookupTablePosition.class, name, LockModeType.PESSIMISTIC_WRITE);
    }

    private record Batch(long from, long upTo, int applied, boolean caughtUp) {
        static final Batch CAUGHT_UP = new Batch(0, 0, 0, true);
    }
}
