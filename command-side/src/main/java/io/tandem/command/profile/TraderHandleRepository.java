package io.tandem.command.profile;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

/** Taken handles by case-insensitive key, and each user's one handle. */
interface TraderHandleRepository extends JpaRepository<TraderHandle, String> {

    Optional<TraderHandle> findByUserId(String userId);
}
