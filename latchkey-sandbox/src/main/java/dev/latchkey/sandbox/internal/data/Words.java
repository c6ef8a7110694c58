package dev.latchkey.sandbox.internal.data;

/** The vocabularies seeded content is drawn from: plain ASCII words that read like posts. */
public final class Words {
  private Words() {}

  public static final String[] FIRST_NAMES = {
    "Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Gus", "Hana", "Ines", "Jon", "Kai", "Lena",
    "Milo", "Nadia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren", "Xena",
    "Yara", "Zeno", "Ali", "Bea", "Cal", "Dita", "Eli", "Fay"
  };

  public static final String[] LAST_NAMES = {
    "Almeida",
    "Berg",
    "Costa",
    "Dube",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wright",
    "Xu",
    "Yilmaz",
    "Zhou"
  };

  public static final String[] LOCATIONS = {
    "Lisbon",
    "Oslo",
    "Nairobi",
    "Montréal",
    "Osaka",
    "Lagos",
    "Lima",
    "Tallinn",
    "Porto",
    "Kraków",
    "Accra",
    "Hanoi",
    "Quito",
    "Leeds",
    "Cork",
    "",
    "",
    "everywhere",
    "the internet"
  };

  public static final String[] VOCAB = {
    "sandbox",
    "coffee",
    "release",
    "notes",
    "weekend",
    "garden",
    "build",
    "green",
    "test",
    "morning",
    "keys",
    "rotated",
    "latch",
    "offline",
    "quiet",
    "train",
    "window",
    "river",
    "reading",
    "about",
    "the",
    "a",
    "new",
    "old",
    "again",
    "today",
    "with",
    "small",
    "bright",
    "data",
    "rain",
    "tea",
    "bread",
    "map",
    "city",
    "night",
    "music",
    "paper",
    "cat",
    "dog",
    "park",
    "code",
    "bug",
    "fixed",
    "shipped",
    "lunch",
    "walk",
    "book",
    "film",
    "station",
    "market",
    "bike",
    "snow",
    "sun",
    "cloud",
    "harbour",
    "bridge",
    "lamp",
    "desk",
    "photo",
    "sketch",
    "draft",
    "deadline",
    "meeting",
    "friends",
    "family",
    "summer",
    "winter",
    "autumn",
    "spring",
    "slow",
    "fast",
    "long",
    "short",
    "warm",
    "cold",
    "late",
    "early",
    "finally",
    "still",
    "maybe",
    "never",
    "always",
    "here",
    "there",
    "and",
    "or",
    "but",
    "so",
    "really",
    "very"
  };

  public static final String[] HASHTAGS = {
    "sandbox", "opendata", "coffee", "latchkey", "python", "java", "research", "music", "books",
    "photography", "running", "cycling", "garden", "science", "news", "weekend", "travel", "art",
    "climate", "football", "cooking", "design", "history", "maps"
  };

  public static final String[] SOURCES = {
    "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
    "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
    "<a href=\"https://github.com/latchkey\" rel=\"nofollow\">Latchkey Sandbox</a>"
  };

  public static final String[] SITES = {
    "example.com", "example.org", "example.net", "news.example", "blog.example"
  };

  public static final String[] BIO = {
    "Notes on", "Writing about", "Mostly", "Sometimes", "Thinking about", "Photos of", "Posts on"
  };

  /** The platform name of a source anchor: {@code Twitter Web App}. */
  public static String sourceName(String anchor) {
    int start = anchor.indexOf('>') + 1;
    int end = anchor.indexOf('<', start);
    return anchor.substring(start, end);
  }
}
