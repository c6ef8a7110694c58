package dev.latchkey.platform;

/**
 * The paths of a platform's OAuth 2 endpoints (RFC 6749): the consent page under the web base, the
 * token and revocation endpoints under the API base. Null when the platform lacks one.
 *
 * @param authorizePath the authorization endpoint (§3.1), under the web base
 * @param tokenPath the token endpoint (§3.2), under the API base
 * @param revokePath the revocation endpoint (RFC 7009), under the API base, or null
 * @param appOnlyTokenPath the client-credentials endpoint (§4.4), under the API base, or null
 */
public record OAuth2Endpoints(
    String authorizePath, String tokenPath, String revokePath, String appOnlyTokenPath) {}
