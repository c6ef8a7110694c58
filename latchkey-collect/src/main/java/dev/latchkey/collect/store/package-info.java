/**
 * Where a collection keeps its records and its state: {@link
 * dev.latchkey.collect.store.CollectionStore}, implemented by {@link
 * dev.latchkey.collect.store.SqliteStore} (SQLite tables, or JSONL/pages beside a {@code
 * .latchkey-state} database).
 */
package dev.latchkey.collect.store;
