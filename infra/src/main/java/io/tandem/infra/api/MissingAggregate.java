package io.tandem.infra.api;

import io.tandem.contracts.common.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names what an Axon {@code AggregateNotFoundException} means for the endpoint it is on (for
 * example ACCOUNT_NOT_FOUND). Axon only knows an identifier was missing; the endpoint knows what
 * kind of thing it was asked about. A method annotation wins over the class annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MissingAggregate {

    ErrorCode value();
}
