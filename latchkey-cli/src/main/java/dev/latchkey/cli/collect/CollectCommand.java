package dev.latchkey.cli.collect;

import dev.latchkey.cli.session.CliException;
import picocli.CommandLine.Command;

/**
 * {@code latchkey collect}: collections named as researchers know them, within the platform's
 * limits, resumable, with visible progress.
 */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Collect from X and Tumblr with a stored account, within its rate limits.",
      "Timelines, searches, profiles, followers, tweets, streams and Tumblr posts.",
      "Run the same command with the same --output again to resume; see the README's"
          + " collection section."
    },
    subcommands = {
      Tasks.Timeline.class,
      Tasks.Mentions.class,
      Tasks.Search.class,
      Tasks.Users.class,
      Tasks.Followers.class,
      Tasks.Following.class,
      Tasks.Tweets.class,
      Tasks.Stream.class,
      Tasks.TumblrPosts.class,
      Tasks.TumblrBlog.class,
      Tasks.TumblrTag.class,
      Tasks.TumblrLikes.class,
      CollectStatusCommand.class,
      CollectExportCommand.class
    },
    footer = {
      "",
      "Latchkey never spreads one collection over several apps to get around a limit:",
      "X's developer terms forbid it."
    })
public final class CollectCommand implements Runnable {
  @Override
  public void run() {
    throw CliException.usage(
        "collect needs a task, like: latchkey collect timeline USER (see latchkey collect --help)");
  }
}
