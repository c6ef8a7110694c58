/** An offline, protocol-faithful emulator of the Twitter and Tumblr APIs. */
package dev.latchkey.sandbox;
