package io.tandem.infra.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who did it, on every message: each command gets a {@code who} when it is dispatched (the
 * authenticated subject of the request, a JWT {@code sub}; or {@code system:<component>} when a
 * process, saga or scheduler sends it), and every event a command handler applies inherits it, as
 * it inherits Axon's {@link MessageOriginProvider} keys ({@code correlationId}: the id of the message
 * being handled, {@code traceId}: the id of the first message of the chain). The audit history shows
 * them as who, causation id and correlation id.
 * <p>
 * Declaring a {@link CorrelationDataProvider} bean replaces Axon's default one, so the
 * {@link MessageOriginProvider} is declared here too: its keys must stay (order entry's record rebuild
 * reads {@code correlationId}). Nothing secret goes in: the subject is an id, never the token.
 * <p>
 * The component of a process is its event processor's name, which Axon gives its worker threads
 * ({@code WorkPackage[payments]-0}); deadlines fire on db-scheduler's threads ({@code system:scheduler}).
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetadataConfiguration {

    public static final String WHO = "who";
    static final String SYSTEM = "system:";
    private static final Pattern PROCESSOR_THREAD = Pattern.compile("^(?:WorkPackage|Coordinator|EventProcessor)\\[(.+?)]");

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider whoCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(WHO);
    }

    @Bean
    public SmartInitializingSingleton whoOnEveryCommand(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new WhoInterceptor());
    }

    /** Sets {@code who} on a command from the request's authentication or the dispatching component. */
    static final class WhoInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> command.andMetaData(Map.of(WHO, who(command.getMetaData().get(WHO))));
        }
    }

    /** The subject of an authenticated request on this thread, else the component, else what was inherited. */
    static String who(Object inherited) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken) && authentication.getName() != null) {
            return authentication.getName();
        }
        String component = component(Thread.currentThread().getName());
        if (component != null) {
            return SYSTEM + component;
        }
        return inherited instanceof String text && !text.isBlank() ? text : SYSTEM + "application";
    }

    static String component(String threadName) {
        Matcher processor = PROCESSOR_THREAD.matcher(threadName);
        if (processor.find()) {
            return processor.group(1);
        }
        if (threadName.startsWith("copy-mirror-engine")) {
            return "copy-mirror";
        }
        if (threadName.startsWith("db-scheduler")) {
            return "scheduler";
        }
        return null;
    }
}
