/**
 * What a running collection publishes for other processes to show (the dashboard's Collections
 * page): {@link dev.latchkey.collect.live.LivePublisher} writes a small {@link
 * dev.latchkey.collect.live.LiveStatus} file into a directory of collections while the collection
 * runs, and {@link dev.latchkey.collect.live.LiveCollections} reads that directory. The store stays
 * the home of what a collection holds ({@code SqliteStore.statusOf}); this adds only what the store
 * cannot tell while a run holds it: the run's progress, the current wait with its reason and end,
 * and whether the process still runs.
 */
package dev.latchkey.collect.live;
