package io.tandem.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Anchors Spring Boot test slices in this module; the real application lives in infra. */
@SpringBootApplication
public class QuerySideTestApplication {
}
