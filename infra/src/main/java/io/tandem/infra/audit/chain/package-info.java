/**
 * Tamper evidence over the event log ({@code audit verify chain}). Every stored event gets a chain row with
 * a SHA-256 hash over its stored columns and the previous hash in its aggregate stream
 * ({@link io.tandem.infra.audit.chain.ChainWriter}, in the background on the server); every
 * {@code checkpoint-every} events or {@code checkpoint-interval} a checkpoint hashes the chain rows in global
 * order onto the previous checkpoint and is sealed with an HMAC key kept outside the database.
 * {@link io.tandem.infra.audit.chain.ChainVerification} recomputes all of it and reports the first altered,
 * removed or inserted event, and any rewritten checkpoint, with its position.
 * <p>
 * The chain lives in side tables, not in Axon's event table: Axon's entities stay as Axon maps them, order
 * entry writes exactly what it wrote before (the chain costs it nothing), and events written before the chain
 * existed are chained like new ones.
 */
package io.tandem.infra.audit.chain;
