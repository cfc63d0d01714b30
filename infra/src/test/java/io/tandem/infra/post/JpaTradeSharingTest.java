package io.tandem.infra.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The trade-posts process's sharing table on H2: the latest profile wins, only a sharer's public account counts, a reset forgets. */
@DataJpaTest(properties = "spring.jpa.mapping-resources=")
@Import(JpaTradeSharing.class)
class JpaTradeSharingTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final AccountId ALICE_PUBLIC = AccountId.of("alice-public");

    @Autowired
    private JpaTradeSharing sharing;

    @Test
    void theSharerOfAPublicAccountIsItsTraderWhileSharing() {
        sharing.set(ALICE, ALICE_PUBLIC, true);
        sharing.set(UserId.of("bob"), AccountId.of("bob-public"), false);

        assertThat(sharing.sharerOf(ALICE_PUBLIC)).contains(ALICE);
        assertThat(sharing.sharerOf(AccountId.of("bob-public"))).isEmpty();
        assertThat(sharing.sharerOf(AccountId.of("alice-other"))).isEmpty();
    }

    @Test
    void theLatestProfileWins() {
        sharing.set(ALICE, ALICE_PUBLIC, true);
        sharing.set(ALICE, AccountId.of("alice-second"), true);
        assertThat(sharing.sharerOf(ALICE_PUBLIC)).isEmpty();
        assertThat(sharing.sharerOf(AccountId.of("alice-second"))).contains(ALICE);

        sharing.set(ALICE, null, true);
        assertThat(sharing.sharerOf(AccountId.of("alice-second"))).isEmpty();
    }

    @Test
    void aResetForgetsEveryone() {
        sharing.set(ALICE, ALICE_PUBLIC, true);
        sharing.clear();
        assertThat(sharing.sharerOf(ALICE_PUBLIC)).isEmpty();
    }
}
