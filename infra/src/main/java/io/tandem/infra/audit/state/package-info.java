/**
 * {@code audit state}: an aggregate folded up to a time or a sequence number, in the shape of its live
 * read model ({@link io.tandem.infra.audit.state.StateService} says why the read models' own projectors
 * do the folding), and the events that made it.
 */
package io.tandem.infra.audit.state;
