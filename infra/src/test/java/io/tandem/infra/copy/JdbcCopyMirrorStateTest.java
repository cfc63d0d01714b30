package io.tandem.infra.copy;

import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The copy-mirror state store on the embedded profile's database, H2 (an in-memory one here). */
@DataJpaTest(properties = "spring.jpa.mapping-resources=")
@Import(JdbcCopyMirrorState.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JdbcCopyMirrorStateTest extends CopyMirrorStateContract {
}
