package io.tandem.command.profile;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One shared application context for the profile and follow entry tests: accounts, profiles, relationships, H2, no Axon Server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SocialEntryTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.serializer.events=jackson",
        "axon.serializer.messages=jackson",
        "spring.datasource.url=jdbc:h2:mem:social-entry;DB_CLOSE_DELAY=-1"})
@interface SocialEntrySpringTest {
}
