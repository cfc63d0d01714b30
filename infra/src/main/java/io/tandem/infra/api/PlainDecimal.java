package io.tandem.infra.api;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A decimal string in plain notation: optional minus, at most 18 digits each side of the point, no
 * exponent. Null passes (pair with {@code @NotBlank} when required). Bounding the form at the edge
 * keeps a value like {@code 1e-999999999} from making the exact arithmetic behind it arbitrarily
 * expensive; whether the number is acceptable (sign, ticks, lots) is decided further in.
 */
@Documented
@Pattern(regexp = "-?[0-9]{1,18}(\\.[0-9]{1,18})?")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainDecimal {

    @OverridesAttribute(constraint = Pattern.class, name = "message")
    String message() default "must be a plain decimal number such as 10.25";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
