package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoDatabase;
import io.tandem.infra.audit.AuditContext;
import io.tandem.infra.config.ProcessorFailures;
import io.tandem.infra.readmodel.AliasedMongoDatabase;
import io.tandem.infra.readmodel.ReadModelAliases;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What the rebuild and the verification share: the stores, the live processors when this is the
 * server (none in the command line), the live groups' tokens, the group locks and what a run that
 * died left behind, and their settings:
 * <ul>
 *   <li>{@code tandem.rebuild.stall-timeout} (2 min): how long a replay may make no progress before the run fails;</li>
 *   <li>{@code tandem.rebuild.lock-stale} (60 s): how old a lock's heartbeat must be for the lock to be taken
 *       over (its holder died), and how old a shadow collection must be for the cleanup to drop it;</li>
 *   <li>{@code tandem.rebuild.lock-heartbeat} (a third of the stale time, 10 s at most): how often the lock's
 *       holder renews its heartbeat. Refused at startup unless the stale time is at least three heartbeats
 *       and longer than the token store's claim timeout ({@code axon.eventhandling.tokenstore.claim-timeout},
 *       10 s), so that a living holder is not taken for dead and a dead one's token claim has expired;</li>
 *   <li>{@code tandem.rebuild.max-events-per-second} (0, unlimited): how many events of the log a shadow
 *       reads per second at most, so that a rebuild on a busy server leaves room to the live processors.</li>
 * </ul>
 */
@org.springframework.stereotype.Component
class ProcessorControl {

    private static final Logger log = LoggerFactory.getLogger(ProcessorControl.class);
    /** Axon's setting of the token store's claim timeout, and its default. */
    static final String CLAIM_TIMEOUT = "axon.eventhandling.tokenstore.claim-timeout";
    static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofSeconds(10);
    /** The token table's names, which Axon's JPA and JDBC token stores share (the command line's is built on it). */
    private static final org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema TOKENS = AuditContext.TOKEN_SCHEMA;
    /**
     * A shadow collection's suffix, and its shadow processor's after {@code <group>__rebuild}: {@code __r} (rebuild) or
     * {@code __v} (verification), then when its run took its lock, in base-36 epoch millis.
     */
    static final java.util.regex.Pattern SHADOW_SUFFIX = java.util.regex.Pattern.compile("__[rv]([0-9a-z]+)$");

    final EventStore eventStore;
    final TokenStore tokenStore;
    final TransactionManager transactions;
    final MongoDatabase database;
    final ReadModelAliases aliases;
    final Environment environment;
    final Clock clock;
    final ProjectionGroups groups = ProjectionGroups.scan();
    final Duration stallTimeout;
    final Duration lockStale;
    final Duration lockHeartbeat;
    final long maxEventsPerSecond;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final javax.sql.DataSource dataSource;
    private final ProcessorFailures failures;

    ProcessorControl(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions, MongoDatabase database,
                     ObjectProvider<ReadModelAliases> aliases, ObjectProvider<EventProcessingConfiguration> processing,
                     Environment environment, Clock clock, ObjectProvider<javax.sql.DataSource> dataSource,
                     ObjectProvider<ProcessorFailures> failures) {
        this.dataSource = dataSource.getIfUnique();
        this.failures = failures.getIfAvailable();
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.database = AliasedMongoDatabase.raw(database);
        this.aliases = aliases.getIfAvailable(() -> new ReadModelAliases(this.database));
        this.processing = processing;
        this.environment = environment;
        this.clock = clock;
        this.stallTimeout = positive(environment, "tandem.rebuild.stall-timeout", ShadowReadModel.STUCK);
        this.lockStale = positive(environment, "tandem.rebuild.lock-stale", RebuildLock.STALE);
        this.lockHeartbeat = positive(environment, "tandem.rebuild.lock-heartbeat", RebuildLock.heartbeatFor(lockStale));
        Duration claimTimeout = positive(environment, CLAIM_TIMEOUT, DEFAULT_CLAIM_TIMEOUT);
        if (lockStale.compareTo(lockHeartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("tandem.rebuild.lock-stale (" + lockStale + ") must be at least three"
                    + " heartbeats (tandem.rebuild.lock-heartbeat " + lockHeartbeat + "): a living rebuild's lock would be"
                    + " taken over");
        }
        if (lockStale.compareTo(claimTimeout) <= 0) {
            throw new IllegalArgumentException("tandem.rebuild.lock-stale (" + lockStale + ") must be longer than the"
                    + " token claim timeout (" + CLAIM_TIMEOUT + " " + claimTimeout + "): a lock taken over must belong to"
                    + " a run whose token claims have expired");
        }
        this.maxEventsPerSecond = environment.getProperty("tandem.rebuild.max-events-per-second", Long.class, 0L);
        if (maxEventsPerSecond < 0) {
            throw new IllegalArgumentException("tandem.rebuild.max-events-per-second must be 0 (unlimited) or more");
        }
    }

    private static Duration positive(Environment environment, String property, Duration fallback) {
        Duration value = environment.getProperty(property, Duration.class, fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, not " + value);
        }
        return value;
    }

    /** Takes the group's lock (see {@link RebuildLock}) with this process's stale time and heartbeat. */
    RebuildLock lock(String group, String what) {
        return RebuildLock.acquire(database, group, what, clock, lockStale, lockHeartbeat);
    }

    /**
     * The suffix of the shadow collections and the shadow processor of the run holding {@code lock}: {@code kind} ('r' or
     * 'v') and the lock's time.
     */
    static String shadowSuffix(char kind, RebuildLock lock) {
        return "__" + kind + Long.toString(lock.acquiredAt(), 36);
    }

    /**
     * When the run that built {@code name}, a shadow collection of {@code logical} (or a shadow processor of the
     * group whose legacy shadow processor name is {@code logical}), started (epoch millis, from its suffix matched
     * exactly by {@link #SHADOW_SUFFIX}); empty when {@code name} is not one.
     */
    static java.util.OptionalLong shadowStarted(String name, String logical) {
        if (!name.startsWith(logical)) {
            return java.util.OptionalLong.empty();
        }
        java.util.regex.Matcher suffix = SHADOW_SUFFIX.matcher(name);
        if (!suffix.find() || suffix.start() != logical.length()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(suffix.group(1), 36));
        } catch (NumberFormatException tooLong) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * Clears what a rebuild or verification of {@code group} that died (kill -9, power loss) left behind:
     * its shadow processor's token rows, still claimed by the dead process (removed in SQL, since the token
     * store only lets the claim's owner delete them), and the shadow collections it was building
     * ({@code <logical>__r<millis>}, {@code <logical>__v<millis>}, base 36). Call it holding the group's lock. Only
     * what a run that started more than the lock's stale time ago left is removed: a run that started later
     * may still be alive (one whose lock was taken over stops by itself, see {@link RebuildLock}). The token rows
     * are those of the processors named exactly {@code <group>__rebuild__r<millis>}/{@code __v<millis>}
     * ({@link ShadowReadModel#processorName}), and those of {@code <group>__rebuild}, the one name every run's shadow
     * processor had in earlier versions (the lock held now was free or taken over, so no run of this version uses
     * it). Collections that serve (the stored alias map, read again here, so a switch another node made is seen)
     * or wait for their delayed drop after a switch are kept.
     *
     * @return the collections dropped
     */
    java.util.List<String> clearLeftovers(ProjectionGroups.Group group) {
        long staleBefore = clock.millis() - lockStale.toMillis();
        deleteShadowTokens(group, staleBefore);
        aliases.reload();
        java.util.Set<String> kept = new java.util.HashSet<>(aliases.current().values());
        kept.addAll(aliases.pendingDrops().keySet());
        java.util.List<String> dropped = new java.util.ArrayList<>();
        for (String name : database.listCollectionNames()) {
            if (!kept.contains(name) && group.collections().stream().anyMatch(logical -> shadowStarted(name, logical)
                    .stream().anyMatch(started -> started < staleBefore))) {
                database.getCollection(name).drop();
                dropped.add(name);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("Dropped {} left by a rebuild or verification of '{}' that did not finish", dropped, group.name());
        }
        return dropped;
    }

    /**
     * Deletes the token rows of the group's leftover shadow processors: those named after a run that started before
     * {@code staleBefore} (epoch millis) and the legacy {@code <group>__rebuild}; see {@link #clearLeftovers}.
     */
    private void deleteShadowTokens(ProjectionGroups.Group group, long staleBefore) {
        if (dataSource == null) {
            return;
        }
        String legacy = ShadowReadModel.legacyProcessorName(group);
        java.util.List<String> leftovers = new java.util.ArrayList<>();
        try (java.sql.Connection connection = dataSource.getConnection()) {
            try (java.sql.PreparedStatement query = connection.prepareStatement(
                    "SELECT DISTINCT " + TOKENS.processorNameColumn() + " FROM " + TOKENS.tokenTable() + " WHERE "
                            + TOKENS.processorNameColumn() + " LIKE ? ESCAPE '!'")) {
                query.setString(1, likePrefix(legacy));
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String name = rows.getString(1);
                        if (name.equals(legacy) || shadowStarted(name, legacy).stream().anyMatch(started -> started < staleBefore)) {
                            leftovers.add(name);
                        }
                    }
                }
            }
            try (java.sql.PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + TOKENS.tokenTable() + " WHERE " + TOKENS.processorNameColumn() + " = ?")) {
                for (String name : leftovers) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not remove the tokens of " + (leftovers.isEmpty() ? "'" + legacy + "*'"
                    : leftovers) + ": " + e.getMessage(), e);
        }
        if (!leftovers.isEmpty()) {
            log.info("Deleted the tokens of {}, left by a rebuild or verification of '{}' that did not finish", leftovers,
                    group.name());
        }
    }

    /** A LIKE pattern (escape character {@code !}) for the names starting with {@code prefix}. */
    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** The group's running processor in this process, if this is a server that runs it. */
    Optional<PooledStreamingEventProcessor> live(String group) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        return configuration == null ? Optional.empty()
                : configuration.eventProcessor(group, PooledStreamingEventProcessor.class);
    }

    /** The last failed batch of the live processor {@code processor} since {@code sinceNanos}, when this is a server. */
    Optional<ProcessorFailures.Failure> lastFailure(String processor, long sinceNanos) {
        return failures == null ? Optional.empty() : failures.since(processor, sinceNanos);
    }

    /** Refuses when another process (a running server) holds a claim on one of the group's tokens. */
    void refuseIfClaimedElsewhere(String group) {
        transactions.executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(group)) {
                try {
                    tokenStore.fetchToken(group, segment);
                    tokenStore.releaseClaim(group, segment);
                } catch (UnableToClaimTokenException e) {
                    throw new RebuildRefusedException(RebuildRefusedException.Reason.SERVER_RUNS_IT,
                            "a running server processes '" + group + "' (its token is claimed): stop it, or run this"
                                    + " through the server with --server");
                }
            }
        });
    }

    /**
     * Refuses, in a server, when a segment of the group's token is claimed by another node than this
     * process (the {@code owner} column of {@code token_entry}, which Axon's JPA and JDBC token stores
     * share; this process's owner is its runtime name, Axon's default node id): that node processes the
     * group, and stopping this node's idle processor would not stop it, so the rebuild must run there.
     */
    void refuseIfClaimedByAnotherNode(String group) {
        if (dataSource == null) {
            return;
        }
        String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT " + TOKENS.segmentColumn() + ", " + TOKENS.ownerColumn() + " FROM " + TOKENS.tokenTable()
                             + " WHERE " + TOKENS.processorNameColumn() + " = ?")) {
            query.setString(1, group);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(2);
                    if (owner != null && !owner.equals(self)) {
                        throw new RebuildRefusedException(RebuildRefusedException.Reason.SERVER_RUNS_IT,
                                "node '" + owner + "' processes '" + group + "' (it claims segment " + rows.getInt(1)
                                        + "; this node is '" + self + "'): run the rebuild on that node");
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read the claims of '" + group + "': " + e.getMessage(), e);
        }
    }

    /** The group's stored position: the lowest of its segments' tokens, or null when it has none. */
    TrackingToken storedToken(String group) {
        return transactions.fetchInTransaction(() -> {
            TrackingToken lowest = null;
            for (int segment : tokenStore.fetchSegments(group)) {
                TrackingToken token = WrappedToken.unwrapLowerBound(tokenStore.fetchToken(group, segment));
                tokenStore.releaseClaim(group, segment);
                if (token == null) {
                    return null;
                }
                if (lowest == null || token.position().orElse(-1) < lowest.position().orElse(-1)) {
                    lowest = token;
                }
            }
            return lowest;
        });
    }

    /** How many distinct positions the group's segments are at (1 for a single segment, 0 without tokens). */
    long segmentPositions(String group) {
        return transactions.fetchInTransaction(() -> {
            java.util.Set<Long> positions = new java.util.HashSet<>();
            for (int segment : tokenStore.fetchSegments(group)) {
                TrackingToken token = WrappedToken.unwrapLowerBound(tokenStore.fetchToken(group, segment));
                tokenStore.releaseClaim(group, segment);
                positions.add(token == null ? -1L : token.position().orElse(-1));
            }
            return (long) positions.size();
        });
    }

    /** Sets every segment of the group's token to {@code token} (the group's processor must be stopped). */
    void storeToken(String group, TrackingToken token) {
        transactions.executeInTransaction(() -> {
            int[] segments = tokenStore.fetchSegments(group);
            if (segments.length == 0) {
                tokenStore.initializeTokenSegments(group, 1, token);
                return;
            }
            for (int segment : segments) {
                tokenStore.fetchToken(group, segment);
                tokenStore.storeToken(token, group, segment);
                tokenStore.releaseClaim(group, segment);
            }
        });
    }

    int batchSize(String group) {
        return environment.getProperty("axon.eventhandling.processors." + group + ".batch-size", Integer.class, 1);
    }

    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    long tail() {
        TrackingToken tail = eventStore.createTailToken();
        return tail == null ? -1 : tail.position().orElse(-1);
    }
}
