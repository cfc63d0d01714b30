package io.tandem.projection.social;

import io.tandem.projection.post.CommentProjector;
import io.tandem.projection.post.LikeProjector;
import io.tandem.projection.post.PostProjector;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post, comment and like aggregates share the contracts package {@code post}, and each has its
 * projector following its stream: together they must handle every event there, or an event type
 * none of them handles would look like a gap in its aggregate's stream and stop the projection.
 */
class PostStreamsCoverageTest {

    @Test
    void thePostCommentAndLikeProjectorsHandleEveryEventOfThePostPackage() throws Exception {
        Set<String> handled = Stream.of(PostProjector.class, CommentProjector.class, LikeProjector.class)
                .flatMap(type -> Arrays.stream(type.getMethods()))
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes)
                .map(parameters -> parameters[0].getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> events = new TreeSet<>();
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:io/tandem/contracts/post/*Event.class")) {
            events.add(resource.getFilename().replace(".class", ""));
        }
        assertThat(events).hasSizeGreaterThan(5);
        assertThat(handled).containsAll(events);
    }
}
