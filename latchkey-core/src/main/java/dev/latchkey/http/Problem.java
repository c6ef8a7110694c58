package dev.latchkey.http;

/**
 * RFC 7807 problem details, as X API v2 reports errors.
 *
 * @param type the problem type URI ({@code https://api.x.com/2/problems/usage-capped})
 * @param title the short summary
 * @param detail the explanation, or null
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7807">RFC 7807</a>
 */
public record Problem(String type, String title, String detail) {}
