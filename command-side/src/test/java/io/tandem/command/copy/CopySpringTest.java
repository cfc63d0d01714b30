package io.tandem.command.copy;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One shared application context for the copy entry and copy engine tests: H2, no Axon Server, at most 3 live copies per copier. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CopyTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.serializer.events=jackson",
        "axon.serializer.messages=jackson",
        "tandem.copy.max-copies-per-user=3",
        "spring.datasource.url=jdbc:h2:mem:copy-entry;DB_CLOSE_DELAY=-1"})
@interface CopySpringTest {
}
