package io.tandem.command.follow;

import org.springframework.data.jpa.repository.JpaRepository;

/** Blocks in force, by blocker and blocked. */
interface TraderBlockRepository extends JpaRepository<TraderBlock, TraderBlock.Key> {
}
