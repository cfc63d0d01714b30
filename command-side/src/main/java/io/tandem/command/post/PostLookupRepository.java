package io.tandem.command.post;

import org.springframework.data.jpa.repository.JpaRepository;

/** The posts lookup table, keyed by post id. */
interface PostLookupRepository extends JpaRepository<PostLookupEntry, String> {
}
