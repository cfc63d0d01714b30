package io.tandem.infra.audit.rebuild;

import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.tandem.projection.support.ReadModelCollections.*;

/**
 * The processing groups of the application and which of them a rebuild may replay.
 * <p>
 * Rebuildable are the read-model groups: their handlers live in {@code io.tandem.projection} and write
 * only the collections listed here for them ({@link ReadModelCollections} says which group writes
 * which). Their shadow projectors get a database in which every other collection is read-only, so a
 * projector that wrote elsewhere would fail its rebuild instead of changing another read model.
 * Everything else is refused: sagas and processes ({@code io.tandem.saga}: settlement, payments, copy
 * mirroring, trade posts) send commands and call providers, and the command side's lookup tables are
 * subscribing processors inside the command's transaction, with no token to reset.
 * <p>
 * {@code leaderboard} and {@code leaderboard_runs} are not derived from events (a scheduled ranker
 * writes them from {@code performance}'s read models), so no rebuild produces them and read-model
 * verification lists them as excluded.
 */
public final class ProjectionGroups {

    /** Read models that no event handler writes. */
    public static final List<String> NOT_FROM_EVENTS = List.of(LEADERBOARD, LEADERBOARD_RUNS);

    private static final Map<String, List<String>> COLLECTIONS = Map.ofEntries(
            Map.entry("portfolio", List.of(ACCOUNTS, TRANSFERS, streamHeads("portfolio"))),
            Map.entry("orders", List.of(ORDERS, streamHeads("orders"))),
            Map.entry("order-book", List.of(BOOK_ORDERS, BOOKS, streamHeads("order-book"))),
            Map.entry("trade-tape", List.of(TRADES)),
            Map.entry("instruments", List.of(INSTRUMENTS)),
            Map.entry("payments-view", List.of(PAYMENTS, streamHeads("payments-view"))),
            Map.entry("market-data", List.of(CANDLES, streamHeads("market-data"))),
            Map.entry("social", List.of(PROFILES, HANDLES, RELATIONS, FOLLOWERS, FOLLOWING, POSTS, AUTHOR_POSTS, COMMENTS,
                    COMMENT_KEYS, LIKES, streamHeads("social_profiles"), streamHeads("social_relations"),
                    streamHeads("social_posts"), streamHeads("social_comments"), streamHeads("social_likes"))),
            Map.entry("home-feed", List.of(TIMELINES, FEED_EDGES, FEED_RECENT_POSTS, FEED_POSTS)),
            Map.entry("notifications", List.of(NOTIFICATIONS, NOTIFICATION_RELATIONS, NOTIFICATION_KEYS)),
            Map.entry("copies", List.of(COPIES, COPY_ORDERS, COPY_POSITIONS, streamHeads("copies"))),
            Map.entry("performance", List.of(VALUATIONS, VALUATION_DAYS, DAILY_CLOSES, RANKED_TRADERS, streamHeads("performance"))));

    private static final String PROJECTIONS = "io.tandem.projection.";

    /** One group: its handler classes and, if it is rebuildable, its collections. */
    public record Group(String name, List<Class<?>> handlers, List<String> collections, String refusal) {

        public boolean rebuildable() {
            return refusal == null;
        }
    }

    private final Map<String, Group> groups;

    private ProjectionGroups(Map<String, Group> groups) {
        this.groups = groups;
    }

    /** Finds every {@code @ProcessingGroup} class under {@code io.tandem}. */
    public static ProjectionGroups scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        Map<String, List<Class<?>>> handlers = new TreeMap<>();
        ClassLoader loader = ProjectionGroups.class.getClassLoader();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.tandem")) {
            Map<String, Object> attributes = ((AnnotatedBeanDefinition) candidate).getMetadata()
                    .getAnnotationAttributes(ProcessingGroup.class.getName());
            String group = String.valueOf(attributes.get("value"));
            handlers.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
        }
        Map<String, Group> groups = new TreeMap<>();
        handlers.forEach((name, classes) -> {
            classes.sort((a, b) -> a.getName().compareTo(b.getName()));
            groups.put(name, new Group(name, List.copyOf(classes), COLLECTIONS.getOrDefault(name, List.of()), refusal(name, classes)));
        });
        return new ProjectionGroups(groups);
    }

    private static String refusal(String name, List<Class<?>> classes) {
        for (Class<?> handler : classes) {
            String type = handler.getName();
            if (type.startsWith("io.tandem.saga.")) {
                return "'" + name + "' is a saga or process with side effects (" + handler.getSimpleName()
                        + " sends commands or calls providers): replaying it would act again";
            }
            if (type.startsWith("io.tandem.command.")) {
                return "'" + name + "' keeps a command-side lookup table inside the command's transaction ("
                        + handler.getSimpleName() + "), not a read model";
            }
            if (!type.startsWith(PROJECTIONS)) {
                return "'" + name + "' has handlers outside the read-model projections (" + type + ")";
            }
        }
        if (!COLLECTIONS.containsKey(name)) {
            return "'" + name + "' writes read models this tool does not know: add them to ProjectionGroups";
        }
        return null;
    }

    /** The group named {@code name}, refused when it is unknown or not rebuildable. */
    public Group rebuildable(String name) {
        Group group = groups.get(name);
        if (group == null) {
            throw new RebuildRefusedException(RebuildRefusedException.Reason.UNKNOWN_PROCESSOR,
                    "no processing group '" + name + "'; rebuildable: " + String.join(", ", rebuildableNames()));
        }
        if (!group.rebuildable()) {
            throw new RebuildRefusedException(RebuildRefusedException.Reason.NOT_REBUILDABLE,
                    "refused: " + group.refusal() + "; rebuildable: " + String.join(", ", rebuildableNames()));
        }
        return group;
    }

    public Set<String> rebuildableNames() {
        Set<String> names = new TreeSet<>();
        groups.values().stream().filter(Group::rebuildable).forEach(group -> names.add(group.name()));
        return names;
    }

    public Map<String, Group> all() {
        return groups;
    }
}
