package dev.latchkey.sandbox.internal.twitter;

import dev.latchkey.sandbox.internal.data.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A search query in the part of X's language collectors use: keywords, {@code "exact phrases"},
 * {@code #hashtags}, {@code @mentions}, {@code from:}, {@code to:}, {@code is:retweet|reply|quote|
 * verified}, {@code has:media|images|links|mentions|hashtags}, {@code lang:}, {@code url:}, {@code
 * retweets_of:}, {@code conversation_id:}, negation with {@code -}, {@code OR} and parentheses;
 * juxtaposition is AND. Matching is case-insensitive; a keyword also matches a hashtag's text.
 */
final class SearchQuery {
  /** The query cannot be parsed; the message says where, as X's 400 does. */
  static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  private interface Node {
    boolean test(View v);
  }

  /** What one tweet offers a query, computed once per tweet. */
  static final class View {
    final Tweet tweet;
    final String lower;
    final Set<String> words = new HashSet<>();
    final Set<String> hashtags = new HashSet<>();
    final Set<String> mentions = new HashSet<>();
    final String author;
    final String replyTo;
    final boolean verified;
    final String retweetOf;

    View(Tweet t, World world) {
      this.tweet = t;
      this.lower = t.text().toLowerCase(Locale.ROOT);
      for (String w : lower.split("[^\\p{L}\\p{N}_]+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
      t.hashtags().forEach(h -> hashtags.add(h.tag().toLowerCase(Locale.ROOT)));
      t.mentions().forEach(m -> mentions.add(m.screenName().toLowerCase(Locale.ROOT)));
      this.author = world.people().screenName(t.author()).toLowerCase(Locale.ROOT);
      this.replyTo =
          t.inReplyToUser() >= 0
              ? world.people().screenName(t.inReplyToUser()).toLowerCase(Locale.ROOT)
              : null;
      this.verified = world.profile(t.author()).verified();
      this.retweetOf =
          t.retweeted() != null
              ? world.people().screenName(t.retweeted().user()).toLowerCase(Locale.ROOT)
              : null;
    }
  }

  private final Node root;
  private final String from;
  private final String text;

  private SearchQuery(String text, Node root, String from) {
    this.text = text;
    this.root = root;
    this.from = from;
  }

  /**
   * Parses a query.
   *
   * @throws Invalid for an unknown operator, an unclosed quote or parenthesis, or nothing to match
   */
  static SearchQuery parse(String query) {
    if (query == null || query.isBlank()) {
      throw new Invalid("the query is empty");
    }
    Parser p = new Parser(query);
    Node root = p.or();
    if (p.pos < p.tokens.size()) {
      throw new Invalid("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return new SearchQuery(query, root, p.soleFrom);
  }

  boolean matches(Tweet t, World world) {
    return root.test(new View(t, world));
  }

  boolean matches(View v) {
    return root.test(v);
  }

  /** The screen name of a {@code from:} every match must have, or null. */
  String requiredAuthor() {
    return from;
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class Parser {
    final List<String> tokens;
    int pos;
    String soleFrom;
    private int depth;

    Parser(String query) {
      this.tokens = tokenize(query);
    }

    Node or() {
      List<Node> alternatives = new ArrayList<>();
      alternatives.add(and());
      while (pos < tokens.size() && tokens.get(pos).equals("OR")) {
        pos++;
        alternatives.add(and());
      }
      if (alternatives.size() == 1) {
        return alternatives.get(0);
      }
      if (depth == 0) {
        soleFrom = null;
      }
      return v -> alternatives.stream().anyMatch(n -> n.test(v));
    }

    Node and() {
      List<Node> all = new ArrayList<>();
      while (pos < tokens.size() && !tokens.get(pos).equals("OR") && !tokens.get(pos).equals(")")) {
        all.add(unary());
      }
      if (all.isEmpty()) {
        throw new Invalid("an operator or keyword is missing");
      }
      return all.size() == 1 ? all.get(0) : v -> all.stream().allMatch(n -> n.test(v));
    }

    Node unary() {
      String t = tokens.get(pos);
      if (t.startsWith("-") && t.length() > 1) {
        tokens.set(pos, t.substring(1));
        Node inner = atom(true);
        return v -> !inner.test(v);
      }
      return atom(false);
    }

    Node atom(boolean negated) {
      String t = tokens.get(pos++);
      if (t.equals("(")) {
        depth++;
        Node inner = or();
        depth--;
        if (pos >= tokens.size() || !tokens.get(pos).equals(")")) {
          throw new Invalid("a parenthesis is not closed");
        }
        pos++;
        return inner;
      }
      if (t.equals(")")) {
        throw new Invalid("unexpected ')'");
      }
      if (t.startsWith("\"")) {
        String phrase = t.substring(1, t.length() - 1).toLowerCase(Locale.ROOT);
        return v -> v.lower.contains(phrase);
      }
      if (t.startsWith("#") && t.length() > 1) {
        String tag = t.substring(1).toLowerCase(Locale.ROOT);
        return v -> v.hashtags.contains(tag);
      }
      if (t.startsWith("@") && t.length() > 1) {
        String name = t.substring(1).toLowerCase(Locale.ROOT);
        return v -> v.mentions.contains(name);
      }
      int colon = t.indexOf(':');
      if (colon > 0 && colon < t.length() - 1 && t.substring(0, colon).matches("[a-z_]+")) {
        return operator(t.substring(0, colon), t.substring(colon + 1), negated);
      }
      String word = t.toLowerCase(Locale.ROOT);
      if (!word.matches("[\\p{L}\\p{N}_']+")) {
        String[] parts = word.split("[^\\p{L}\\p{N}_]+");
        return v -> {
          for (String p : parts) {
            if (!p.isEmpty() && !v.words.contains(p)) {
              return false;
            }
          }
          return true;
        };
      }
      return v -> v.words.contains(word) || v.hashtags.contains(word);
    }

    Node operator(String name, String value, boolean negated) {
      String lower = value.toLowerCase(Locale.ROOT);
      String unquoted = lower.startsWith("\"") ? lower.substring(1, lower.length() - 1) : lower;
      switch (name) {
        case "from" -> {
          String who = stripAt(lower);
          if (depth == 0 && !negated) {
            soleFrom = who;
          }
          return v -> v.author.equals(who);
        }
        case "to" -> {
          String who = stripAt(lower);
          return v -> who.equals(v.replyTo);
        }
        case "retweets_of" -> {
          String who = stripAt(lower);
          return v -> who.equals(v.retweetOf);
        }
        case "is" -> {
          return switch (lower) {
            case "retweet" -> v -> v.tweet.kind() == Tweet.Kind.RETWEET;
            case "reply" -> v -> v.tweet.kind() == Tweet.Kind.REPLY;
            case "quote" -> v -> v.tweet.kind() == Tweet.Kind.QUOTE;
            case "verified" -> v -> v.verified;
            default -> throw new Invalid("unknown operator value is:" + value);
          };
        }
        case "has" -> {
          return switch (lower) {
            case "media", "images" -> v -> v.tweet.media() != null;
            case "links" -> v -> v.tweet.hasLinks();
            case "mentions" -> v -> !v.mentions.isEmpty();
            case "hashtags" -> v -> !v.hashtags.isEmpty();
            case "videos", "geo", "cashtags" -> v -> false;
            default -> throw new Invalid("unknown operator value has:" + value);
          };
        }
        case "lang" -> {
          return v -> lower.equals("en");
        }
        case "url" -> {
          return v ->
              v.tweet.urls().stream()
                  .anyMatch(l -> l.expanded().toLowerCase(Locale.ROOT).contains(unquoted));
        }
        case "conversation_id" -> {
          return v -> {
            Tweet t = v.tweet;
            long conversation = t.inReplyToStatusId() > 0 ? t.inReplyToStatusId() : t.id();
            return Long.toString(conversation).equals(value);
          };
        }
        default -> throw new Invalid("Reference to invalid operator '" + name + "'");
      }
    }

    private static String stripAt(String s) {
      return s.startsWith("@") ? s.substring(1) : s;
    }

    private static List<String> tokenize(String q) {
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < q.length()) {
        char c = q.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(' || c == ')') {
          out.add(String.valueOf(c));
          i++;
        } else {
          int start = i;
          boolean quoted = false;
          while (i < q.length()) {
            char d = q.charAt(i);
            if (d == '"') {
              quoted = !quoted;
            } else if (!quoted && (Character.isWhitespace(d) || d == '(' || d == ')')) {
              break;
            }
            i++;
          }
          if (quoted) {
            throw new Invalid("a quote is not closed");
          }
          out.add(q.substring(start, i));
        }
      }
      return out;
    }
  }
}
