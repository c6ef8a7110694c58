package dev.latchkey.http;

import dev.latchkey.keychain.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one request proves who sends it: a signature (OAuth 1.0a, see {@code
 * dev.latchkey.oauth1.OAuth1Signer#authorization}), a token ({@link #bearer}, RFC 6750 §2.1), an
 * app key in the query ({@link #apiKey}, Tumblr's {@code api_key}), or nothing ({@link #none}). The
 * HTTP layer knows no signing scheme: it asks this for the {@code Authorization} header of exactly
 * the request it is about to send.
 */
public interface RequestAuthorization {

  /**
   * The {@code Authorization} header value for this request, or null to send none.
   *
   * @param method the HTTP method, upper case
   * @param uri the full target, query included
   * @param form the form-body parameters, in order (empty for a JSON body or none)
   */
  String header(String method, URI uri, List<Map.Entry<String, String>> form);

  /** Query parameters this authorization adds to the request (Tumblr's {@code api_key}). */
  default List<Map.Entry<String, String>> query() {
    return List.of();
  }

  /**
   * Every secret value this authorization sends, as sent and encoded, so that a platform echoing
   * one back never gets it into an exception message.
   */
  List<String> secrets();

  /** {@code Authorization: Bearer <token>}: an app-only token or an OAuth 2 user token. */
  static RequestAuthorization bearer(Secret token) {
    Objects.requireNonNull(token, "token");
    return new RequestAuthorization() {
      @Override
      public String header(String method, URI uri, List<Map.Entry<String, String>> form) {
        return "Bearer " + token.reveal();
      }

      @Override
      public List<String> secrets() {
        return List.of(token.reveal(), FormEncoding.encode(token.reveal()));
      }

      @Override
      public String toString() {
        return "bearer " + token.masked();
      }
    };
  }

  /** No {@code Authorization} header and {@code parameter=<key>} in the query. */
  static RequestAuthorization apiKey(String parameter, Secret key) {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(key, "key");
    return new RequestAuthorization() {
      @Override
      public String header(String method, URI uri, List<Map.Entry<String, String>> form) {
        return null;
      }

      @Override
      public List<Map.Entry<String, String>> query() {
        return List.of(Map.entry(parameter, key.reveal()));
      }

      @Override
      public List<String> secrets() {
        return List.of(key.reveal(), FormEncoding.encode(key.reveal()));
      }

      @Override
      public String toString() {
        return parameter + " " + key.masked();
      }
    };
  }

  /** Nothing: for the few calls a platform answers without credentials. */
  static RequestAuthorization none() {
    return new RequestAuthorization() {
      @Override
      public String header(String method, URI uri, List<Map.Entry<String, String>> form) {
        return null;
      }

      @Override
      public List<String> secrets() {
        return List.of();
      }

      @Override
      public String toString() {
        return "no credentials";
      }
    };
  }
}
