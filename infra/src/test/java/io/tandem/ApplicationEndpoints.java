package io.tandem;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every endpoint the running application answers, as the application itself knows them: the
 * request mappings of every {@link RequestMappingInfoHandlerMapping} (controllers, actuator,
 * springdoc), the routes of every {@link RouterFunctionMapping} (GraphQL over HTTP, GraphiQL), and
 * every field of the GraphQL schema's query, mutation and subscription types. Guard tests compare
 * their tables with these lists, so an endpoint added without an entry fails them.
 * <p>
 * A REST endpoint is written {@code "METHOD /path/{var}"}; a mapping without a method restriction
 * is written {@code "ANY /path"}. A GraphQL field is written {@code "Query.account"}.
 */
public final class ApplicationEndpoints {

    private ApplicationEndpoints() {
    }

    public static SortedSet<String> rest(ApplicationContext context) {
        SortedSet<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
                if (methods.isEmpty()) {
                    methods.add("ANY");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(method -> endpoints.add(method + " " + pattern));
                }
            }
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            if (mapping.getRouterFunction() != null) {
                mapping.getRouterFunction().accept(new Routes(endpoints));
            }
        }
        return endpoints;
    }

    public static SortedSet<String> graphql(ApplicationContext context) {
        GraphQLSchema schema = context.getBean(GraphQlSource.class).schema();
        SortedSet<String> fields = new TreeSet<>();
        for (GraphQLObjectType type : new GraphQLObjectType[]{schema.getQueryType(), schema.getMutationType(),
                schema.getSubscriptionType()}) {
            if (type != null) {
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    fields.add(type.getName() + "." + field.getName());
                }
            }
        }
        return fields;
    }

    /** Collects method and path of each functional route; a predicate it cannot read is named by its text. */
    private static final class Routes implements RouterFunctions.Visitor {

        private final Set<String> endpoints;

        Routes(Set<String> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            RouteParts parts = new RouteParts();
            predicate.accept(parts);
            List<String> methods = parts.methods.isEmpty() ? List.of("ANY") : parts.methods;
            String path = parts.paths.isEmpty() ? "<" + predicate + ">" : String.join("", parts.paths);
            methods.forEach(method -> endpoints.add(method + " " + path));
        }

        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Optional<org.springframework.core.io.Resource>> lookup) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            endpoints.add("ANY <" + routerFunction + ">");
        }
    }

    private static final class RouteParts implements RequestPredicates.Visitor {

        final List<String> methods = new ArrayList<>();
        final List<String> paths = new ArrayList<>();

        @Override
        public void method(Set<HttpMethod> httpMethods) {
            httpMethods.forEach(method -> methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        /**
         * Spring GraphQL's own predicates (GraphQL over HTTP, and over server-sent events) do not
         * describe themselves to visitors; their path and accepted media types are read from their
         * fields, and such a route is named {@code "POST /graphql (GraphQL)"} or {@code "(SSE)"}.
         */
        @Override
        public void unknown(RequestPredicate predicate) {
            Object pattern = field(predicate, "pattern");
            if (pattern == null) {
                paths.add("<" + predicate.getClass().getSimpleName() + ">");
                return;
            }
            methods.add(HttpMethod.POST.name());
            Object accepted = field(predicate, "acceptedMediaTypes");
            boolean sse = accepted != null && accepted.toString().contains(MediaType.TEXT_EVENT_STREAM_VALUE);
            paths.add(pattern + (sse ? " (SSE)" : " (GraphQL)"));
        }

        private static Object field(Object target, String name) {
            try {
                Field field = target.getClass().getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void param(String name, String value) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }
    }
}
