package io.tandem.infra.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.VarbinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.VarcharJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

/**
 * Hibernate's H2 dialect with Axon's {@code @Lob byte[]} columns (event and snapshot payloads and
 * metadata, tokens, sagas) as {@code binary varying} bound as plain bytes, not {@code BLOB}. H2 keeps a
 * BLOB of more than a few hundred bytes in a separate large-object store: every event appended, every
 * event a processor read and every token update created, read or deleted a large object there, which
 * made large-object bookkeeping a good part of the embedded store's work. The order-entry record's
 * long text (its stored result) is {@code character varying} rather than a {@code CLOB} for the same
 * reason.
 * <p>
 * Enums mapped by name ({@code @Enumerated(STRING)}) are plain {@code character varying} columns,
 * not H2's native {@code ENUM} type: after the process was killed, H2 read such columns back as
 * the values' positions ("1", "2"), so an order sent again after a crash could not be read
 * ({@code No enum constant Side.1}). Existing {@code ENUM} columns are converted at startup by
 * {@link H2EnumColumns}. Tables created before this dialect keep their large-object columns, which
 * take the values just as well.
 */
public class TandemH2Dialect extends H2Dialect {

    public TandemH2Dialect() {
        super();
    }

    public TandemH2Dialect(DialectResolutionInfo info) {
        super(info);
    }

    public TandemH2Dialect(DatabaseVersion version) {
        super(version);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return switch (sqlTypeCode) {
            case SqlTypes.BLOB -> "binary varying(1000000000)";
            case SqlTypes.LONG32VARCHAR -> "character varying(1000000000)";
            default -> super.columnType(sqlTypeCode);
        };
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "binary varying" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(SqlTypes.BLOB, new BytesInBlobColumn());
        registry.addDescriptor(SqlTypes.ENUM, VarcharJdbcType.INSTANCE);
    }

    /**
     * Bytes bound as {@code VARBINARY}, in a column created as {@code BLOB} columns are here (so that
     * Axon's {@code length = 10000} does not cap them: a book's snapshot is larger).
     */
    static final class BytesInBlobColumn extends VarbinaryJdbcType {

        @Override
        public int getDdlTypeCode() {
            return SqlTypes.BLOB;
        }
    }
}
