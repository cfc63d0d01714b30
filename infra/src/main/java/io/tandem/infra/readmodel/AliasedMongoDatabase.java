package io.tandem.infra.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link MongoDatabase} whose collections are looked up by logical name: {@link #getCollection}
 * answers a proxy that resolves the physical collection for every call, so a projector or query
 * handler that took its collection once at construction follows a {@linkplain ReadModelAliases
 * switch} from its next call on. Everything else goes to the real database.
 * <p>
 * A view may also refuse writes to the collections it does not own: the shadow projectors of a
 * rebuild read other groups' read models (instrument specs, say) but must never write them.
 */
public final class AliasedMongoDatabase {

    /** Collection methods that change documents; a read-only collection refuses them. */
    private static final Set<String> WRITES = Set.of("insertOne", "insertMany", "updateOne", "updateMany", "replaceOne",
            "deleteOne", "deleteMany", "bulkWrite", "findOneAndUpdate", "findOneAndReplace", "findOneAndDelete", "drop",
            "renameCollection");

    private AliasedMongoDatabase() {
    }

    /** The database as the server's projectors and query handlers see it: every name resolved through {@code aliases}. */
    public static MongoDatabase of(MongoDatabase raw, ReadModelAliases aliases) {
        return view(raw, aliases::physical, logical -> true);
    }

    /**
     * A database that serves {@code logical} names from {@code resolve(logical)} and refuses writes to
     * names {@code writable} does not accept.
     */
    public static MongoDatabase view(MongoDatabase raw, Function<String, String> resolve, Predicate<String> writable) {
        MongoDatabase target = raw(raw);
        return (MongoDatabase) Proxy.newProxyInstance(AliasedMongoDatabase.class.getClassLoader(),
                new Class<?>[]{MongoDatabase.class, Aliased.class}, new DatabaseHandler(target, resolve, writable));
    }

    /** The real database behind a view (or {@code database} itself if it is not one). */
    public static MongoDatabase raw(MongoDatabase database) {
        return database instanceof Aliased aliased ? aliased.rawDatabase() : database;
    }

    /** A write to a collection the view does not own. */
    public static final class ReadOnlyException extends IllegalStateException {

        ReadOnlyException(String logical) {
            super("read model '" + logical + "' is read-only here: it belongs to another processing group");
        }
    }

    /** Marks the views, to find the real database behind one. */
    interface Aliased {
        MongoDatabase rawDatabase();
    }

    private record DatabaseHandler(MongoDatabase raw, Function<String, String> resolve, Predicate<String> writable)
            implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("rawDatabase")) {
                return raw;
            }
            if (name.equals("getCollection")) {
                Class<?> type = args.length > 1 ? (Class<?>) args[1] : org.bson.Document.class;
                String logical = (String) args[0];
                if (logical.equals(ReadModelAliases.COLLECTION)) {
                    return raw.getCollection(logical, type);
                }
                return collection(logical, type, UnaryOperator.identity(), !writable.test(logical));
            }
            if (name.equals("toString") && args == null) {
                return "aliased " + raw.getName();
            }
            Object result = call(raw, method, args);
            if (result instanceof MongoDatabase other && method.getName().startsWith("with")) {
                return view(other, resolve, writable);
            }
            return result;
        }

        private Object collection(String logical, Class<?> type, UnaryOperator<MongoCollection<?>> customize, boolean readOnly) {
            return Proxy.newProxyInstance(AliasedMongoDatabase.class.getClassLoader(), new Class<?>[]{MongoCollection.class},
                    new CollectionHandler(this, logical, type, customize, readOnly));
        }
    }

    private static final class CollectionHandler implements InvocationHandler {

        private final DatabaseHandler database;
        private final String logical;
        private final Class<?> type;
        private final UnaryOperator<MongoCollection<?>> customize;
        private final boolean readOnly;
        private volatile Resolved resolved;

        private record Resolved(String physical, MongoCollection<?> collection) {
        }

        CollectionHandler(DatabaseHandler database, String logical, Class<?> type, UnaryOperator<MongoCollection<?>> customize,
                          boolean readOnly) {
            this.database = database;
            this.logical = logical;
            this.type = type;
            this.customize = customize;
            this.readOnly = readOnly;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && args == null) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("toString") && args == null) {
                return "collection " + logical + " (now " + database.resolve().apply(logical) + ")";
            }
            if (readOnly && WRITES.contains(name)) {
                throw new ReadOnlyException(logical);
            }
            if (name.startsWith("with") && MongoCollection.class.isAssignableFrom(method.getReturnType())) {
                Class<?> nextType = name.equals("withDocumentClass") ? (Class<?>) args[0] : type;
                UnaryOperator<MongoCollection<?>> next = collection -> (MongoCollection<?>) call(customize.apply(collection), method, args);
                return database.collection(logical, nextType, next, readOnly);
            }
            return call(target(), method, args);
        }

        private MongoCollection<?> target() {
            String physical = database.resolve().apply(logical);
            Resolved now = resolved;
            if (now == null || !now.physical().equals(physical)) {
                now = new Resolved(physical, customize.apply(database.raw().getCollection(physical, type)));
                resolved = now;
            }
            return now.collection();
        }
    }

    private static Object call(Object target, Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
