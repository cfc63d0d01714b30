package io.tandem.infra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Tandem's own settings (prefix {@code tandem}). Framework settings (Axon, Spring) stay under their
 * own prefixes in {@code application.yml}; only what Tandem code reads is typed here.
 *
 * @param dataDir    where the embedded stores keep their files (event store, read models, signing key)
 * @param mongo      read-model store; embedded unless {@code tandem.mongo.uri} is set
 * @param security   token signing and the dev token endpoint
 * @param settlement the platform fee account
 */
@ConfigurationProperties("tandem")
public record TandemProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue Mongo mongo,
                               @DefaultValue Security security,
                               @DefaultValue Settlement settlement) {

    /**
     * @param uri      a MongoDB connection string; blank means "start the in-process server under the data dir"
     * @param database the database holding every read model
     */
    public record Mongo(String uri, @DefaultValue("tandem") String database) {

        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /**
     * @param jwtSecret        HS256 secret (at least 32 bytes as UTF-8); blank means a generated key kept under the data dir
     * @param devTokensEnabled whether {@code POST /api/v1/dev/tokens} exists (embedded mode only); while it
     *                         does, the server listens on loopback only unless {@code server.address} is set, and
     *                         an address that is not loopback is refused unless
     *                         {@code tandem.security.dev-tokens-allow-remote=true}
     *                         ({@code io.tandem.infra.security.DevTokenBindingGuard}, before any binding)
     * @param tokenTtl         lifetime of issued tokens
     * @param issuer           {@code iss} claim written and required
     */
    public record Security(String jwtSecret,
                           @DefaultValue("false") boolean devTokensEnabled,
                           @DefaultValue("PT12H") Duration tokenTtl,
                           @DefaultValue("tandem") String issuer) {
    }

    /**
     * @param feeAccountId    the account that receives trading fees
     * @param feeAccountOwner the user id recorded as its owner; no person may act as this user
     */
    public record Settlement(@DefaultValue("platform-fees") String feeAccountId,
                             @DefaultValue("platform") String feeAccountOwner) {
    }

    /** The data directory, created if it does not exist yet. */
    public Path ensureDataDir() {
        try {
            return Files.createDirectories(dataDir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
    }
}
