package io.tandem;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one runnable jar. It lives in {@code io.tandem} so that component scanning and the default JPA
 * entity scan cover every module ({@code io.tandem.command}, {@code io.tandem.saga}, ...).
 * <p>
 * There is deliberately no {@code @EntityScan} here: Axon registers its own entity packages (token,
 * saga, event and snapshot entries) as auto-configuration packages, and an explicit
 * {@code @EntityScan} would replace that list instead of adding to it.
 */
@SpringBootApplication
public class TandemApplication {

    public static void main(String[] args) {
        SpringApplication.run(TandemApplication.class, args);
    }
}
