package io.tandem.infra.durability;

import io.tandem.infra.config.EmbeddedStoreConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import javax.sql.DataSource;

/**
 * Nothing leaves the process before it is durable: command answers wait for their commit to be on
 * disk ({@link DurableResponseFilter}), and so does every batch an event processor handles before
 * its first event, so that no read model, push or provider call gets ahead of an event store that a
 * crash could still roll back. On the embedded H2 store the wait is a shared group write
 * ({@link H2GroupCommit}); elsewhere commits are durable when they return and the gate is open.
 */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {

    @Bean
    public DurabilityGate durabilityGate(DataSource dataSource,
                                         @Value("${tandem.durability.fsync:false}") boolean fsync) {
        return EmbeddedStoreConfiguration.jdbcUrl(dataSource).startsWith("jdbc:h2:file:") ? H2GroupCommit.of(dataSource, fsync) : DurabilityGate.immediate();
    }

    @Bean
    public FilterRegistrationBean<DurableResponseFilter> durableResponses(DurabilityGate gate) {
        FilterRegistrationBean<DurableResponseFilter> registration = new FilterRegistrationBean<>(new DurableResponseFilter(gate));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Before the first event of a batch, waits until the events it holds are durable (they were
     * committed before the processor read them). Subscribing processors run inside the command's
     * own unit of work, which has a parent; they are left alone.
     */
    @Bean
    public ConfigurerModule durableEventsBeforeProcessing(DurabilityGate gate) {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> {
            if (unitOfWork.parent().isEmpty() && unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
                gate.awaitDurable();
            }
            return chain.proceed();
        };
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((configuration, name) -> interceptor));
    }
}
