/** The collector's machinery: plans, dispatching with governors, the paged and stream runners. */
package dev.latchkey.collect.internal;
