package io.tandem.infra.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The account each demo user trades on, remembered in {@code <data-dir>/demo-accounts.properties}.
 * The platform generates account ids when an account is opened and no query lists a user's accounts,
 * so this file is how a restart on the same data directory finds the demo's accounts again instead of
 * opening new ones. An id is written (atomically) right after its account is opened and before
 * anything uses it; a crash in between leaves at most one empty account behind.
 */
final class DemoAccounts {

    static final String FILE = "demo-accounts.properties";

    private final Path file;
    private final Map<String, String> accounts = new TreeMap<>();

    DemoAccounts(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            properties.stringPropertyNames().forEach(user -> accounts.put(user, properties.getProperty(user)));
        }
    }

    synchronized Optional<String> of(String userId) {
        return Optional.ofNullable(accounts.get(userId));
    }

    synchronized Map<String, String> all() {
        return Map.copyOf(accounts);
    }

    synchronized void remember(String userId, String accountId) {
        accounts.put(userId, accountId);
        Properties properties = new Properties();
        properties.putAll(accounts);
        Path temporary = file.resolveSibling(FILE + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Accounts of the demo market's users (io.tandem.infra.demo)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
