package io.tandem.command.post;

import io.tandem.command.follow.BlockList;
import io.tandem.command.profile.TraderDirectory;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.Handles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts and post entry on embedded H2, with the instrument catalog of order entry. The trader
 * directory and the block list are simple in-memory stand-ins: their real implementations belong to
 * the profile and follow features.
 */
@SpringBootApplication(scanBasePackages = {"io.tandem.command.account", "io.tandem.command.orderentry",
        "io.tandem.command.post", "io.tandem.command.support"})
class PostEntryTestApplication {

    @Bean
    Traders traders() {
        return new Traders();
    }

    @Bean
    Blocks blocks() {
        return new Blocks();
    }

    static class Traders implements TraderDirectory {

        private final Map<String, UserId> byHandle = new ConcurrentHashMap<>();
        private final Map<UserId, String> handles = new ConcurrentHashMap<>();

        void profile(UserId user, String handle) {
            byHandle.put(Handles.key(handle), user);
            handles.put(user, handle);
        }

        @Override
        public Optional<UserId> userOfHandle(String handle) {
            return Optional.ofNullable(byHandle.get(Handles.key(handle)));
        }

        @Override
        public Optional<String> handleOf(UserId user) {
            return Optional.ofNullable(handles.get(user));
        }
    }

    static class Blocks implements BlockList {

        private final Set<List<UserId>> blocks = ConcurrentHashMap.newKeySet();

        void block(UserId blocker, UserId blocked) {
            blocks.add(List.of(blocker, blocked));
        }

        @Override
        public boolean blocks(UserId blocker, UserId blocked) {
            return blocks.contains(List.of(blocker, blocked));
        }
    }
}
