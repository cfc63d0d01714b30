package io.tandem.command.support;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.UnaryOperator;

/**
 * An Axon aggregate cache that holds at most {@code maximumSize} aggregates by strong reference,
 * least recently used evicted first (Caffeine). Axon's {@code WeakReferenceCache} let every young
 * garbage collection drop the cached accounts and books, so under load nearly every command loaded
 * its aggregate from the snapshot and the events after it. Rolled-back units of work still evict
 * what they touched (Axon's caching repository does that), so the cache never gets ahead of the
 * committed events.
 */
public final class BoundedCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    public BoundedCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("a cache must hold at least one entry");
        }
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted() && key != null) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(Objects.requireNonNull(key, "key"));
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean created = entries.putIfAbsent(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")) == null;
        if (created) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return created;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, current) -> update.apply((V) current));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Entries held now, for tests and metrics. */
    public long size() {
        return entries.size();
    }
}
