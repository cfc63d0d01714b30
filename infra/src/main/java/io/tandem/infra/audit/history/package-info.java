/**
 * {@code audit history}: one aggregate's events as stored, upcast to the current revision, with who
 * caused them and their correlation and causation ids ({@link io.tandem.infra.audit.history.HistoryService}
 * streams them; {@code HistoryCommand} and {@code HistoryController} write them as JSON lines or CSV).
 */
package io.tandem.infra.audit.history;
