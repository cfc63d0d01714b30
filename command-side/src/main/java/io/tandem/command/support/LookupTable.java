package io.tandem.command.support;

import org.axonframework.eventhandling.EventHandler;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A table that command transactions keep in step with the events they apply (a subscribing
 * processor's updater), registered so that {@link LookupTableRebuild} can rebuild it from the event
 * log when it is behind, for instance after only the event store was restored into an empty
 * database. The rebuild feeds the events to the same {@code @EventHandler} methods that keep the
 * table current on the live path, so those handlers must be idempotent upserts: an event applied
 * twice leaves the row as applying it once does.
 *
 * @param name       the table's name in {@link LookupTablePosition} (its processing group)
 * @param updater    the object whose {@code @EventHandler} methods update the table
 * @param eventTypes the payload types those handlers take, read from the handlers themselves
 * @param entity     the JPA entity whose rows the live path writes first for this table: rows there
 *                   without a position row mean a table kept by a version before the rebuild existed
 */
public record LookupTable(String name, Object updater, Set<Class<?>> eventTypes, Class<?> entity) {

    public LookupTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(entity, "entity");
        eventTypes = Set.copyOf(eventTypes);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException(updater.getClass().getName() + " has no @EventHandler methods");
        }
    }

    /** The table {@code updater} keeps, with the event types of its {@code @EventHandler} methods. */
    public static LookupTable of(String name, Object updater, Class<?> entity) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> type = updater.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            Arrays.stream(type.getDeclaredMethods())
                    .filter(method -> method.isAnnotationPresent(EventHandler.class))
                    .map(LookupTable::payloadType)
                    .forEach(types::add);
        }
        return new LookupTable(name, updater, types, entity);
    }

    private static Class<?> payloadType(Method handler) {
        EventHandler annotation = handler.getAnnotation(EventHandler.class);
        if (annotation.payloadType() != Object.class) {
            return annotation.payloadType();
        }
        if (handler.getParameterCount() == 0) {
            throw new IllegalArgumentException(handler + " names no payload type");
        }
        return handler.getParameterTypes()[0];
    }
}
