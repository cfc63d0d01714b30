package io.tandem.infra.audit.rebuild;

import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link QueryUpdateEmitter} of shadow projectors: it sends nothing and has no subscribers, so a
 * rebuild pushes nothing to anyone even if a projector ignored the replay status. It counts what it
 * swallowed ({@link #suppressed()}) and how often it was asked ({@link #consulted()}), which tests use to show that it was the one called.
 */
final class NoPushEmitter {

    private final LongAdder suppressed = new LongAdder();
    private final LongAdder consulted = new LongAdder();
    private final java.util.Set<String> calls = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final QueryUpdateEmitter emitter = (QueryUpdateEmitter) Proxy.newProxyInstance(
            NoPushEmitter.class.getClassLoader(), new Class<?>[]{QueryUpdateEmitter.class}, (proxy, method, args) -> {
                String name = method.getName();
                if (!name.equals("equals") && !name.equals("hashCode") && !name.equals("toString")) {
                    consulted.increment();
                    calls.add(name);
                }
                switch (name) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "no-push emitter";
                    case "queryUpdateHandlerRegistered":
                        return false;
                    case "activeSubscriptions":
                        return Set.of();
                    case "registerDispatchInterceptor":
                        return (org.axonframework.common.Registration) () -> true;
                    default:
                        if (name.startsWith("emit") || name.startsWith("complete")) {
                            suppressed.increment();
                            return null;
                        }
                        throw new UnsupportedOperationException("a rebuild's projectors do not serve subscriptions: " + name);
                }
            });

    QueryUpdateEmitter emitter() {
        return emitter;
    }

    /** Calls of any kind (a projector asking for subscribers before it pushes counts too). */
    long consulted() {
        return consulted.sum();
    }

    /** The emitter methods called so far. */
    java.util.Set<String> calls() {
        return java.util.Set.copyOf(calls);
    }

    long suppressed() {
        return suppressed.sum();
    }
}
