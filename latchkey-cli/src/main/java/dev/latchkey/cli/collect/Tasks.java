package dev.latchkey.cli.collect;

import dev.latchkey.cli.session.CliException;
import dev.latchkey.collect.Bound;
import dev.latchkey.collect.TaskKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code latchkey collect} tasks, one small command each. */
final class Tasks {
  private Tasks() {}

  private static List<String> users(Path file) throws IOException {
    return file == null ? List.of() : TaskCommand.readTargets(file, "--users-file");
  }

  @Command(
      name = "timeline",
      mixinStandardHelpOptions = true,
      description = {
        "A user's tweets, newest first (X keeps the 3,200 newest).",
        "v2 /2/users/:id/tweets, or v1.1 user_timeline with --api 1.1."
      })
  static final class Timeline extends TaskCommand.TimeBounded {
    @Parameters(paramLabel = "USER", arity = "0..*", description = "Screen names or user ids.")
    List<String> users = new ArrayList<>();

    @Option(names = "--users-file", paramLabel = "FILE", description = "More users, one a line.")
    Path usersFile;

    @Override
    TaskKind kind() {
      return TaskKind.TIMELINE;
    }

    @Override
    List<String> arguments() {
      return users;
    }

    @Override
    List<String> fileTargets() throws IOException {
      return users(usersFile);
    }
  }

  @Command(
      name = "mentions",
      mixinStandardHelpOptions = true,
      description = "Tweets mentioning a user (v2 /2/users/:id/mentions).")
  static final class Mentions extends TaskCommand.TimeBounded {
    @Parameters(paramLabel = "USER", arity = "0..*", description = "Screen names or user ids.")
    List<String> users = new ArrayList<>();

    @Option(names = "--users-file", paramLabel = "FILE", description = "More users, one a line.")
    Path usersFile;

    @Override
    TaskKind kind() {
      return TaskKind.MENTIONS;
    }

    @Override
    List<String> arguments() {
      return users;
    }

    @Override
    List<String> fileTargets() throws IOException {
      return users(usersFile);
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Tweets matching a query: v2 recent search (the last 7 days).",
        "The full archive with --archive where the account's access allows, or v1.1"
            + " search/tweets with --api 1.1."
      })
  static final class Search extends TaskCommand.TimeBounded {
    @Parameters(paramLabel = "QUERY", description = "The query, quoted: \"cats OR dogs\".")
    String query;

    @Option(names = "--archive", description = "Full-archive search (/2/tweets/search/all).")
    boolean archive;

    @Override
    TaskKind kind() {
      return TaskKind.SEARCH;
    }

    @Override
    List<String> arguments() {
      return List.of(query);
    }

    @Override
    boolean archive() {
      return archive;
    }
  }

  /** A task over a list of users: USER arguments and a --users-file. */
  abstract static class UserListTask extends TaskCommand.XTask {
    @Parameters(paramLabel = "USER", arity = "0..*", description = "Screen names or user ids.")
    List<String> users = new ArrayList<>();

    @Option(names = "--users-file", paramLabel = "FILE", description = "More users, one a line.")
    Path usersFile;

    @Override
    List<String> arguments() {
      return users;
    }

    @Override
    List<String> fileTargets() throws IOException {
      return users(usersFile);
    }
  }

  @Command(
      name = "users",
      mixinStandardHelpOptions = true,
      description = "Profiles, 100 per lookup call; unknown and suspended users become errors.")
  static final class Users extends UserListTask {
    @Override
    TaskKind kind() {
      return TaskKind.USERS;
    }
  }

  @Command(
      name = "followers",
      mixinStandardHelpOptions = true,
      description = "Who follows a user: profiles (v2), or ids with --api 1.1 (5,000 a page).")
  static final class Followers extends UserListTask {
    @Override
    TaskKind kind() {
      return TaskKind.FOLLOWERS;
    }
  }

  @Command(
      name = "following",
      mixinStandardHelpOptions = true,
      description = "Whom a user follows: profiles (v2), or ids with --api 1.1.")
  static final class Following extends UserListTask {
    @Override
    TaskKind kind() {
      return TaskKind.FOLLOWING;
    }
  }

  @Command(
      name = "tweets",
      mixinStandardHelpOptions = true,
      description = "Tweets by id (hydration), 100 per call; deleted ones become errors.")
  static final class Tweets extends TaskCommand.XTask {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Tweet ids.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--ids-file", paramLabel = "FILE", description = "More ids, one a line.")
    Path idsFile;

    @Override
    TaskKind kind() {
      return TaskKind.TWEETS;
    }

    @Override
    List<String> arguments() {
      for (String id : ids) {
        check(id);
      }
      return ids;
    }

    @Override
    List<String> fileTargets() throws IOException {
      if (idsFile == null) {
        return List.of();
      }
      List<String> read = TaskCommand.readTargets(idsFile, "--ids-file");
      read.forEach(Tweets::check);
      return read;
    }

    private static void check(String id) {
      if (!id.matches("[0-9]{1,20}")) {
        throw CliException.usage("'" + id + "' is not a tweet id (digits only)");
      }
    }
  }

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description = "X's v2 streams; they need the app-only bearer token (latchkey auth --bearer).",
      subcommands = {StreamSample.class, StreamFilter.class})
  static final class Stream implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw CliException.usage("stream needs sample or filter: latchkey collect stream sample");
    }
  }

  @Command(
      name = "sample",
      mixinStandardHelpOptions = true,
      description = "The 1% sampled stream, until --limit records or Ctrl-C.")
  static final class StreamSample extends TaskCommand {
    @Override
    TaskKind kind() {
      return TaskKind.STREAM_SAMPLE;
    }

    @Override
    List<String> arguments() {
      return List.of();
    }
  }

  @Command(
      name = "filter",
      mixinStandardHelpOptions = true,
      description = {
        "The filtered stream with these rules, until --limit records or Ctrl-C.",
        "The rules are added to the app's rules, tagged latchkey."
      })
  static final class StreamFilter extends TaskCommand {
    @Parameters(paramLabel = "RULE", arity = "1..*", description = "Filter rules, each quoted.")
    List<String> rules = new ArrayList<>();

    @Override
    TaskKind kind() {
      return TaskKind.STREAM_FILTER;
    }

    @Override
    List<String> arguments() {
      return rules;
    }
  }

  /** Tumblr tasks that may be bounded in time by post timestamps. */
  abstract static class TumblrTimed extends TaskCommand {
    @Option(names = "--since", paramLabel = "DATE", description = "Only posts after this date.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only posts before this date.")
    String until;

    @Override
    Bound since() {
      return TaskCommand.bound(since, "--since");
    }

    @Override
    Bound until() {
      return TaskCommand.bound(until, "--until");
    }
  }

  @Command(
      name = "tumblr-posts",
      mixinStandardHelpOptions = true,
      description = "Every post of a blog, all types, legacy or NPF (--npf).")
  static final class TumblrPosts extends TumblrTimed {
    @Parameters(paramLabel = "BLOG", arity = "1..*", description = "Blog names or hosts.")
    List<String> blogs = new ArrayList<>();

    @Option(names = "--npf", description = "Posts in the Neue Post Format.")
    boolean npf;

    @Override
    TaskKind kind() {
      return TaskKind.TUMBLR_POSTS;
    }

    @Override
    List<String> arguments() {
      return blogs;
    }

    @Override
    boolean npf() {
      return npf;
    }
  }

  @Command(name = "tumblr-blog", mixinStandardHelpOptions = true, description = "Blogs' info.")
  static final class TumblrBlog extends TaskCommand {
    @Parameters(paramLabel = "BLOG", arity = "1..*", description = "Blog names or hosts.")
    List<String> blogs = new ArrayList<>();

    @Override
    TaskKind kind() {
      return TaskKind.TUMBLR_BLOG;
    }

    @Override
    List<String> arguments() {
      return blogs;
    }
  }

  @Command(
      name = "tumblr-tag",
      mixinStandardHelpOptions = true,
      description = "Posts with a tag, newest first.")
  static final class TumblrTag extends TumblrTimed {
    @Parameters(paramLabel = "TAG", arity = "1..*", description = "Tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--npf", description = "Posts in the Neue Post Format.")
    boolean npf;

    @Override
    TaskKind kind() {
      return TaskKind.TUMBLR_TAG;
    }

    @Override
    List<String> arguments() {
      return tags;
    }

    @Override
    boolean npf() {
      return npf;
    }
  }

  @Command(
      name = "tumblr-likes",
      mixinStandardHelpOptions = true,
      description = "Posts a blog liked (when it shares its likes).")
  static final class TumblrLikes extends TumblrTimed {
    @Parameters(paramLabel = "BLOG", arity = "1..*", description = "Blog names or hosts.")
    List<String> blogs = new ArrayList<>();

    @Override
    TaskKind kind() {
      return TaskKind.TUMBLR_LIKES;
    }

    @Override
    List<String> arguments() {
      return blogs;
    }
  }
}
