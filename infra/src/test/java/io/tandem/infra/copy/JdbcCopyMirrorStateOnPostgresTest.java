package io.tandem.infra.copy;

import io.tandem.distributed.DistributedStores;
import io.tandem.distributed.DistributedStoresExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The copy-mirror state store on the distributed profile's database, a real PostgreSQL server, with the
 * profile's dialect and its schema management ({@code ddl-auto: update}) creating the tables.
 */
@ExtendWith(DistributedStoresExtension.class)
@DataJpaTest(properties = {
        "spring.jpa.mapping-resources=",
        "spring.jpa.database-platform=io.tandem.infra.config.TandemPostgreSQLDialect",
        "spring.jpa.hibernate.ddl-auto=update"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(JdbcCopyMirrorState.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JdbcCopyMirrorStateOnPostgresTest extends CopyMirrorStateContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DistributedStoresExtension.stores().jdbcUrl());
        registry.add("spring.datasource.username", () -> DistributedStores.USER);
        registry.add("spring.datasource.password", () -> DistributedStores.PASSWORD);
        registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
    }
}
