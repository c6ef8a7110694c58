package dev.latchkey.platform;

import java.util.List;

/** The RFC 6749 §5.2 token-endpoint errors every OAuth 2 platform answers with. */
final class OAuth2Errors {
  private OAuth2Errors() {}

  static final List<ErrorRule> RULES =
      List.of(
          ErrorRule.oauthError("invalid_grant", ProblemKind.TOKEN_REVOKED),
          ErrorRule.oauthError("invalid_client", ProblemKind.APP_CREDENTIALS_REFUSED),
          ErrorRule.oauthError("unauthorized_client", ProblemKind.GRANT_NOT_ENABLED),
          ErrorRule.oauthError("invalid_scope", ProblemKind.SCOPE_NOT_ALLOWED),
          ErrorRule.oauthError("insufficient_scope", ProblemKind.MISSING_SCOPE));
}
