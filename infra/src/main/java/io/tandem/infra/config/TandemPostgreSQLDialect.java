package io.tandem.infra.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.LongVarcharJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

import java.sql.Types;

/**
 * Hibernate's PostgreSQL dialect with the two adjustments our JPA stores need on a real PostgreSQL
 * server. Chosen by {@code spring.jpa.database-platform} in the distributed profile only; the embedded
 * H2 store keeps Hibernate's own H2 dialect. Hibernate builds it from the connection's metadata, so
 * the server's real version is used.
 * <ul>
 *   <li><b>{@code bytea}, not large objects.</b> Axon's JPA entities (events, snapshots, tokens, sagas)
 *       mark their serialized data {@code @Lob byte[]}, which Hibernate 6 maps to {@code oid} on
 *       PostgreSQL: every event, saga save and token update would create a server-side large object
 *       that nothing deletes (the token table alone is rewritten constantly, so {@code pg_largeobject}
 *       and the oid space fill up), and the columns could not be read in SQL. As Axon's RDBMS tuning
 *       guide recommends for Hibernate 6, {@code BLOB} columns are created as {@code bytea} and bound
 *       as plain bytes.</li>
 *   <li><b>Nullable long text.</b> Hibernate 6.6 binds a null {@code @JdbcTypeCode(SqlTypes.LONG32VARCHAR)}
 *       attribute (the order-entry record's result) with its internal type code 4001, which the
 *       PostgreSQL driver refuses ("Unknown Types value"); H2 ignores it. The column stays {@code text},
 *       but nulls are bound as {@code LONGVARCHAR}, as Hibernate 7 does (HHH-18446).</li>
 * </ul>
 */
public class TandemPostgreSQLDialect extends PostgreSQLDialect {

    public TandemPostgreSQLDialect() {
        super();
    }

    public TandemPostgreSQLDialect(DialectResolutionInfo info) {
        super(info);
    }

    public TandemPostgreSQLDialect(DatabaseVersion version) {
        super(version);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(SqlTypes.BLOB, BinaryJdbcType.INSTANCE);
        registry.addDescriptor(SqlTypes.LONG32VARCHAR, new NullSafeLong32VarcharJdbcType());
    }

    /** Long text whose columns are {@code LONG32VARCHAR} ({@code text}) and whose nulls are bound as {@code LONGVARCHAR}. */
    static final class NullSafeLong32VarcharJdbcType extends LongVarcharJdbcType {

        NullSafeLong32VarcharJdbcType() {
            super(Types.LONGVARCHAR);
        }

        @Override
        public int getDefaultSqlTypeCode() {
            return SqlTypes.LONG32VARCHAR;
        }
    }
}
