package dev.latchkey.keychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.keychain.KeychainException.Reason;
import dev.latchkey.keychain.internal.Contents;
import dev.latchkey.keychain.internal.KeychainJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Keeps one unlocked keychain in a small background process, so that the passphrase is typed once
 * per session, as with ssh-agent and gpg-agent ({@code latchkey unlock}). Commands find the agent
 * at a fixed place per keychain ({@link #socketPath}): a Unix domain socket, mode 0600, in {@code
 * $XDG_RUNTIME_DIR/latchkey/} or else in a 0700 directory of ours under {@code /tmp}; no variable
 * needs exporting. Both ends check the other's user with {@code SO_PEERCRED}.
 *
 * <p>The agent forgets (wipes the keychain's key and exits) after an idle time without requests,
 * after a maximum lifetime, on {@link #lock}, and as soon as the keychain file changes in a way it
 * did not make (another writer, a restored backup, a new passphrase set elsewhere). It never writes
 * a secret anywhere but the keychain, and it writes the keychain the way every writer does: under
 * the lock, atomically.
 *
 * <p>Protocol: one JSON object per line, one request per connection, each line at most {@link
 * #MAX_MESSAGE} bytes. Requests: {@code snapshot} (the contents and their generation), {@code
 * commit} (new contents if the generation is still current, else the current ones), {@code passwd},
 * {@code status}, {@code lock}. A client sees secrets, as it must to sign requests; the socket's
 * mode and the peer check keep everyone else out.
 */
public final class KeychainAgent {
  /** The longest line either side accepts: a keychain's largest document and some. */
  public static final int MAX_MESSAGE = 72 << 20;

  /** How many relayed commands run at once; beyond that, clients run theirs themselves. */
  static final int MAX_RELAYED = 8;

  /** How long the agent waits for one request's line before dropping the connection. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Built at first use, not when the class loads: {@link AgentRelay}'s client, which a short
   * command runs before anything else, uses this class but not its Json.MAPPER.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
  }

  /** What a commit answered: the new generation, and the current contents on a conflict. */
  record Committed(long generation, Contents current) {}

  /** The agent as a client's keychain sees it. */
  interface Remote {
    Committed snapshot() throws KeychainException;

    Committed commit(long generation, Contents next) throws KeychainException;

    long changePassphrase(char[] passphrase) throws KeychainException;
  }

  /**
   * What {@link #status} reports.
   *
   * @param pid the agent's process id
   * @param keychain the keychain it holds
   * @param unlockedAt when it unlocked the keychain
   * @param forgetsAt when it will forget unless used before (the idle limit)
   * @param expiresAt when it will forget at the latest (the maximum lifetime)
   */
  public record Status(
      long pid, Path keychain, Instant unlockedAt, Instant forgetsAt, Instant expiresAt) {}

  /**
   * Runs commands of the program that started the agent for processes of the agent's user, in the
   * agent's warm process ({@link AgentRelay}). Without one, the agent declines such requests and
   * clients run their commands themselves.
   */
  public interface CommandRunner {
    /** Whether this command may run in the agent; those that read input or files may not. */
    boolean accepts(RelayedCommand command);

    /** Runs the command, writing what it prints to {@code out} and {@code err}; its exit code. */
    int run(RelayedCommand command, OutputStream out, OutputStream err);

    /** Loads and warms what commands need, once, while the agent has nothing else to do. */
    default void warmUp() {}
  }

  /**
   * A command a client asked the agent to run.
   *
   * @param args its arguments, as the client's {@code main} got them
   * @param environment the client's environment variables, without passphrases
   * @param charset the charset the client's standard output and error are written in
   */
  public record RelayedCommand(
      List<String> args, Map<String, String> environment, Charset charset) {
    public RelayedCommand {
      args = List.copyOf(args);
      environment = Map.copyOf(environment);
      Objects.requireNonNull(charset);
    }

    @Override
    public String toString() {
      return "RelayedCommand" + args.subList(0, Math.min(1, args.size())); // values may be secret
    }
  }

  private KeychainAgent() {}

  /**
   * Where the agent of this keychain listens: {@code $XDG_RUNTIME_DIR/latchkey/agent-HASH.sock},
   * else {@code /tmp/latchkey-UID/agent-HASH.sock}; HASH is the start of the SHA-256 of the
   * keychain's absolute path, so each keychain has its own agent.
   */
  public static Path socketPath(Path keychainFile, Map<String, String> environment) {
    String name = "agent-" + hash(keychainFile.toAbsolutePath().normalize().toString()) + ".sock";
    String runtime = environment.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
      return Path.of(runtime, "latchkey", name);
    }
    String tmp = "/tmp";
    return Path.of(tmp, "latchkey-" + userName(), name);
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String userName() {
    return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  // ---- client ---------------------------------------------------------------------------------

  /**
   * The keychain as the agent holds it, when an agent for {@code options}' file runs and answers;
   * empty when none does (then open the file as usual).
   */
  public static Optional<Keychain> connect(
      KeychainOptions options, Map<String, String> environment) {
    Path file = options.file().toAbsolutePath().normalize();
    Path socket = socketPath(file, environment);
    if (options.insecurePlaintext() || !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Client client = new Client(socket, file);
    try {
      JsonNode answer = client.call(request("snapshot"));
      if (!answer.path("ok").asBoolean()
          || !file.toString().equals(answer.path("keychain").asText())) {
        return Optional.empty();
      }
      Contents contents = document(answer.get("document"), file);
      return Optional.of(
          new Keychain(options, file, client, contents, answer.path("generation").asLong()));
    } catch (IOException | KeychainException e) {
      return Optional.empty(); // a stale socket or an agent that just forgot: unlock as usual
    }
  }

  /** The running agent's status, or empty when none holds this keychain. */
  public static Optional<Status> status(Path keychainFile, Map<String, String> environment) {
    Path file = keychainFile.toAbsolutePath().normalize();
    Path socket = socketPath(file, environment);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      JsonNode a = new Client(socket, file).call(request("status"));
      if (!a.path("ok").asBoolean()) {
        return Optional.empty();
      }
      return Optional.of(
          new Status(
              a.path("pid").asLong(),
              Path.of(a.path("keychain").asText()),
              Instant.parse(a.path("unlockedAt").asText()),
              Instant.parse(a.path("forgetsAt").asText()),
              Instant.parse(a.path("expiresAt").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Tells the agent of this keychain to forget it; false when none was running. */
  public static boolean lock(Path keychainFile, Map<String, String> environment) {
    Path file = keychainFile.toAbsolutePath().normalize();
    Path socket = socketPath(file, environment);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return new Client(socket, file).call(request("lock")).path("ok").asBoolean();
    } catch (IOException e) {
      return false;
    }
  }

  private static ObjectNode request(String op) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("v", 1);
    r.put("op", op);
    return r;
  }

  private static Contents document(JsonNode node, Path file) throws KeychainException {
    if (node == null || !node.isObject()) {
      throw new KeychainException(Reason.IO, "the agent sent no keychain document");
    }
    try {
      return KeychainJson.read(Json.MAPPER.writeValueAsBytes(node), file.toString());
    } catch (IOException e) {
      throw new KeychainException(Reason.IO, "the agent sent an unreadable keychain document");
    }
  }

  private static JsonNode tree(Contents contents) throws KeychainException {
    byte[] json = KeychainJson.write(contents);
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new KeychainException(Reason.IO, "could not serialize the keychain");
    } finally {
      Arrays.fill(json, (byte) 0);
    }
  }

  /** One connection per request, the agent's user checked before anything is sent. */
  private static final class Client implements Remote {
    private final Path socket;
    private final Path file;

    Client(Path socket, Path file) {
      this.socket = socket;
      this.file = file;
    }

    JsonNode call(ObjectNode request) throws IOException {
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(socket));
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!sameUser(peer.user())) {
          throw new IOException("the agent socket " + socket + " belongs to another user");
        }
        writeLine(channel, Json.MAPPER.writeValueAsBytes(request));
        byte[] line = readLine(channel);
        if (line == null) {
          throw new IOException("the agent closed the connection");
        }
        return Json.MAPPER.readTree(line);
      }
    }

    @Override
    public Committed snapshot() throws KeychainException {
      JsonNode a = answer(request("snapshot"));
      if (!a.path("ok").asBoolean()) {
        throw failure(a);
      }
      return new Committed(a.path("generation").asLong(), document(a.get("document"), file));
    }

    @Override
    public Committed commit(long generation, Contents next) throws KeychainException {
      ObjectNode r = request("commit");
      r.put("generation", generation);
      r.set("document", tree(next));
      JsonNode a = answer(r);
      if (a.path("ok").asBoolean()) {
        return new Committed(a.path("generation").asLong(), null);
      }
      if ("CONFLICT".equals(a.path("reason").asText())) {
        return new Committed(a.path("generation").asLong(), document(a.get("document"), file));
      }
      throw failure(a);
    }

    @Override
    public long changePassphrase(char[] passphrase) throws KeychainException {
      ObjectNode r = request("passwd");
      r.put("passphrase", new String(passphrase));
      JsonNode a = answer(r);
      if (!a.path("ok").asBoolean()) {
        throw failure(a);
      }
      return a.path("generation").asLong();
    }

    private JsonNode answer(ObjectNode request) throws KeychainException {
      try {
        return call(request);
      } catch (IOException e) {
        throw new KeychainException(
            Reason.IO,
            "the agent holding "
                + file
                + " stopped answering ("
                + e.getMessage()
                + "); run the command again, or latchkey unlock");
      }
    }

    private static KeychainException failure(JsonNode a) {
      Reason reason;
      try {
        reason = Reason.valueOf(a.path("reason").asText());
      } catch (IllegalArgumentException e) {
        reason = Reason.IO;
      }
      return new KeychainException(reason, a.path("message").asText("the agent refused"));
    }
  }

  // ---- server ---------------------------------------------------------------------------------

  /**
   * Serves {@code keychain} on its socket until it forgets; returns then. {@code ready} runs once
   * the socket accepts connections.
   *
   * @param idle how long without a request before forgetting
   * @param maximum how long after unlocking before forgetting at the latest
   */
  public static void serve(
      Keychain keychain,
      Map<String, String> environment,
      Duration idle,
      Duration maximum,
      Clock clock,
      Runnable ready)
      throws IOException, KeychainException {
    serve(keychain, environment, idle, maximum, clock, null, ready);
  }

  /**
   * Serves {@code keychain} as {@link #serve(Keychain, Map, Duration, Duration, Clock, Runnable)}
   * does, and runs commands for clients with {@code runner} (none when null).
   */
  public static void serve(
      Keychain keychain,
      Map<String, String> environment,
      Duration idle,
      Duration maximum,
      Clock clock,
      CommandRunner runner,
      Runnable ready)
      throws IOException, KeychainException {
    new Server(keychain, socketPath(keychain.path(), environment), idle, maximum, clock, runner)
        .run(ready);
  }

  private static final class Server {
    private final Keychain keychain;
    private final Path socket;
    private final Duration idle;
    private final Clock clock;
    private final Instant unlockedAt;
    private final Instant expiresAt;
    private final UserPrincipal self;
    private final ExecutorService workers =
        Executors.newFixedThreadPool(4, daemon("latchkey-agent"));
    private final ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(daemon("latchkey-agent-timer"));
    private final CommandRunner runner;

    /**
     * Relayed commands run on their own threads: each asks the agent for the keychain, like any
     * client, so they must not wait for the workers that answer those requests. When all are busy
     * the agent declines, and the client runs its command itself.
     */
    private final ThreadPoolExecutor runs =
        new ThreadPoolExecutor(
            0,
            MAX_RELAYED,
            1,
            TimeUnit.MINUTES,
            new SynchronousQueue<>(),
            daemon("latchkey-agent-run"));

    private ServerSocketChannel server;
    private Instant lastUsed;
    private long generation = 1;
    private boolean forgotten;

    Server(
        Keychain keychain,
        Path socket,
        Duration idle,
        Duration maximum,
        Clock clock,
        CommandRunner runner)
        throws IOException {
      this.keychain = keychain;
      this.runner = runner;
      this.socket = socket;
      this.idle = idle;
      this.clock = clock;
      this.unlockedAt = clock.instant();
      this.expiresAt = unlockedAt.plus(maximum);
      this.lastUsed = unlockedAt;
      this.self =
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
    }

    void run(Runnable ready) throws IOException, KeychainException {
      privateDirectory(socket.getParent());
      removeStale(socket);
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      timers.scheduleWithFixedDelay(this::check, 250, 250, TimeUnit.MILLISECONDS);
      ready.run();
      if (runner != null) {
        runs.execute(runner::warmUp);
      }
      try {
        while (true) {
          SocketChannel channel;
          try {
            channel = server.accept();
          } catch (ClosedChannelException e) {
            return; // forgotten
          }
          workers.execute(() -> handle(channel));
        }
      } finally {
        forget();
        workers.shutdownNow();
        timers.shutdownNow();
        runs.shutdownNow();
      }
    }

    /** Forgets on expiry or when the file changed under us. */
    private synchronized void check() {
      if (forgotten) {
        return;
      }
      Instant now = clock.instant();
      boolean changed;
      try {
        changed = keychain.changedOnDisk();
      } catch (KeychainException e) {
        changed = true;
      }
      if (changed || !now.isBefore(lastUsed.plus(idle)) || !now.isBefore(expiresAt)) {
        forget();
      }
    }

    private synchronized void forget() {
      if (forgotten) {
        return;
      }
      forgotten = true;
      keychain.close();
      try {
        server.close();
      } catch (IOException e) {
        // closing anyway
      }
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        // the next unlock replaces it
      }
    }

    private void handle(SocketChannel channel) {
      java.util.concurrent.ScheduledFuture<?> deadline =
          timers.schedule(
              () -> {
                try {
                  channel.close();
                } catch (IOException e) {
                  // already gone
                }
              },
              REQUEST_TIMEOUT.toMillis(),
              TimeUnit.MILLISECONDS);
      boolean relayed = false;
      try {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!peer.user().equals(self) && !peer.user().getName().equals(self.getName())) {
          writeLine(
              channel, Json.MAPPER.writeValueAsBytes(error("REFUSED", "not the agent's user")));
          // Let the refusal arrive: stop sending, and read (a little) until the peer hangs up.
          channel.shutdownOutput();
          ByteBuffer sink = ByteBuffer.allocate(4096);
          for (int total = 0; total < (64 << 10) && channel.read(sink.clear()) > 0; ) {
            total += sink.position();
          }
          return;
        }
        byte[] line = readLine(channel);
        if (line == null) {
          return;
        }
        JsonNode request;
        try {
          request = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          request = null;
        }
        if (request != null && runner != null && "run".equals(request.path("op").asText())) {
          deadline.cancel(false); // a command may take longer than a request's line
          relayed = relay(channel, request);
          return;
        }
        ObjectNode answer =
            request == null || !request.isObject()
                ? error("USAGE", "not a JSON request")
                : answer(request);
        writeLine(channel, Json.MAPPER.writeValueAsBytes(answer));
      } catch (IOException | RuntimeException e) {
        // a client that went away or timed out; nothing to tell anyone
      } finally {
        deadline.cancel(false);
        if (!relayed) {
          close(channel);
        }
      }
      if ("lock".equals(lastOp)) {
        forget();
      }
    }

    private volatile String lastOp;

    /** Hands a run request to a relay thread; false when declined here (the channel stays ours). */
    private boolean relay(SocketChannel channel, JsonNode request) throws IOException {
      RelayedCommand command = relayedCommand(request);
      String declined = admit(request, command);
      if (declined != null) {
        AgentRelay.decline(channel, declined);
        return false;
      }
      try {
        runs.execute(
            () -> {
              try {
                AgentRelay.serve(channel, command, runner);
              } finally {
                close(channel);
              }
            });
        return true;
      } catch (RejectedExecutionException e) {
        AgentRelay.decline(channel, "the agent is running " + MAX_RELAYED + " commands already");
        return false;
      }
    }

    private static RelayedCommand relayedCommand(JsonNode request) {
      List<String> args = new ArrayList<>();
      request.path("args").forEach(a -> args.add(a.asText()));
      Map<String, String> environment = new java.util.HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = request.path("environment").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        environment.put(e.getKey(), e.getValue().asText());
      }
      Charset charset;
      try {
        charset = Charset.forName(request.path("charset").asText("UTF-8"));
      } catch (IllegalArgumentException e) {
        charset = StandardCharsets.UTF_8;
      }
      return new RelayedCommand(args, environment, charset);
    }

    /**
     * Why this agent will not run the command, or null when it will: it must still hold the
     * keychain, and the command must work on this keychain (its environment names this file by an
     * absolute path: a relative {@code LATCHKEY_HOME} would mean the agent's directory) and be one
     * the runner takes.
     */
    private synchronized String admit(JsonNode request, RelayedCommand command) {
      if (forgotten) {
        return "the agent has forgotten the keychain";
      }
      try {
        if (keychain.changedOnDisk()) {
          forget();
          return "the keychain changed on disk; the agent forgot it";
        }
      } catch (KeychainException e) {
        forget();
        return "the keychain cannot be read; the agent forgot it";
      }
      Path own = keychain.path().toAbsolutePath().normalize();
      Path named = Keychain.defaultLocation(command.environment());
      if (!own.toString().equals(request.path("keychain").asText())
          || !named.isAbsolute()
          || !own.equals(named.normalize())) {
        return "the agent holds another keychain";
      }
      if (command.args().isEmpty() || !runner.accepts(command)) {
        return "the agent does not run this command";
      }
      lastUsed = clock.instant();
      return null;
    }

    private synchronized ObjectNode answer(JsonNode request) {
      String op = request.path("op").asText();
      if (forgotten) {
        return error("LOCKED", "the agent has forgotten the keychain");
      }
      try {
        if (keychain.changedOnDisk()) {
          forget();
          return error("LOCKED", "the keychain changed on disk; the agent forgot it");
        }
      } catch (KeychainException e) {
        forget();
        return error("LOCKED", "the keychain cannot be read; the agent forgot it");
      }
      if (op.equals("snapshot") || op.equals("commit") || op.equals("passwd")) {
        lastUsed = clock.instant(); // asking for the status is not using the keychain
      }
      try {
        switch (op) {
          case "snapshot" -> {
            ObjectNode a = ok();
            a.set("document", tree(keychain.contents()));
            return a;
          }
          case "commit" -> {
            Contents next = document(request.get("document"), keychain.path());
            if (request.path("generation").asLong() != generation) {
              ObjectNode a = error("CONFLICT", "the keychain changed since the client read it");
              a.put("generation", generation);
              a.set("document", tree(keychain.contents()));
              return a;
            }
            keychain.replace(next);
            generation++;
            return ok();
          }
          case "passwd" -> {
            char[] p = request.path("passphrase").asText().toCharArray();
            try {
              if (p.length == 0) {
                return error("NO_PASSPHRASE", "an empty passphrase cannot protect the keychain");
              }
              keychain.changePassphrase(p);
            } finally {
              Arrays.fill(p, '\0');
            }
            generation++;
            return ok();
          }
          case "status" -> {
            ObjectNode a = ok();
            a.put("pid", ProcessHandle.current().pid());
            a.put("unlockedAt", unlockedAt.toString());
            Instant forgets = lastUsed.plus(idle);
            a.put("forgetsAt", (forgets.isBefore(expiresAt) ? forgets : expiresAt).toString());
            a.put("expiresAt", expiresAt.toString());
            return a;
          }
          case "lock" -> {
            lastOp = "lock";
            return ok();
          }
          default -> {
            return error("USAGE", "unknown request '" + op.replaceAll("[^a-z]", "?") + "'");
          }
        }
      } catch (KeychainException e) {
        return error(e.reason().name(), e.getMessage());
      }
    }

    private ObjectNode ok() {
      ObjectNode a = Json.MAPPER.createObjectNode();
      a.put("ok", true);
      a.put("keychain", keychain.path().toString());
      a.put("generation", generation);
      return a;
    }

    private ObjectNode error(String reason, String message) {
      ObjectNode a = Json.MAPPER.createObjectNode();
      a.put("ok", false);
      a.put("reason", reason);
      a.put("message", message);
      return a;
    }
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The socket's directory: created 0700; an existing one must be ours and private. */
  static void privateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    PosixFileAttributes attrs =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String me = System.getProperty("user.name");
    if (!attrs.isDirectory() || !attrs.owner().getName().equals(me)) {
      throw new IOException(
          dir + " is not a directory of user " + me + "; remove it, or set XDG_RUNTIME_DIR");
    }
    Set<PosixFilePermission> perms = attrs.permissions();
    if (perms.stream()
        .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
      throw new IOException(
          dir + " can be used by other users; run chmod 700 " + dir + " and unlock again");
    }
  }

  /** Removes a socket no agent answers on (one that crashed); refuses to replace a live one. */
  private static void removeStale(Path socket) throws IOException {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      throw new IOException("an agent already listens on " + socket);
    } catch (java.net.SocketException e) {
      Files.deleteIfExists(socket);
    }
  }

  static boolean sameUser(UserPrincipal peer) throws IOException {
    UserPrincipal me =
        FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    return peer.equals(me) || peer.getName().equals(me.getName());
  }

  private static void writeLine(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(bytes.length + 1);
    b.put(bytes).put((byte) '\n').flip();
    while (b.hasRemaining()) {
      channel.write(b);
    }
    Arrays.fill(b.array(), (byte) 0);
  }

  /** One line, without its newline; null at a clean end; refuses lines over the limit. */
  private static byte[] readLine(SocketChannel channel) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    ByteBuffer b = ByteBuffer.allocate(64 << 10);
    while (true) {
      b.clear();
      int n = channel.read(b);
      if (n < 0) {
        return out.size() == 0 ? null : out.toByteArray();
      }
      byte[] a = b.array();
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          out.write(a, 0, i);
          return out.toByteArray();
        }
      }
      out.write(a, 0, n);
      if (out.size() > MAX_MESSAGE) {
        throw new IOException("a message longer than " + (MAX_MESSAGE >> 20) + " MiB");
      }
    }
  }

  // ---- the background process -----------------------------------------------------------------

  /**
   * The agent process {@code latchkey unlock} starts. Standard input carries one JSON line of
   * settings ({@code keychain}, {@code idleSeconds}, {@code maximumSeconds}, {@code socket}, and
   * for tests {@code workFactor}) and then the passphrase line; nothing is on the command line.
   * Standard output gets one JSON line: {@code {"ok":true,"pid":…}} once the socket listens, or
   * {@code {"ok":false,"message":…}}.
   */
  public static void main(String[] args) {
    runProcess(null);
  }

  /**
   * The agent process's work, as {@link #main} describes, running clients' commands with {@code
   * runner} (none when null); exits the process when the agent forgets.
   */
  public static void runProcess(CommandRunner runner) {
    PrintStream out = System.out;
    try {
      InputStream in = System.in;
      byte[] settingsLine = readStdinLine(in, 64 << 10);
      byte[] passphraseLine = readStdinLine(in, 64 << 10);
      in.close();
      JsonNode settings = Json.MAPPER.readTree(settingsLine);
      char[] passphrase = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(passphraseLine)).array();
      Arrays.fill(passphraseLine, (byte) 0);
      char[] trimmed = Arrays.copyOf(passphrase, lengthWithout(passphrase));
      Arrays.fill(passphrase, '\0');
      KeychainOptions.Builder options =
          KeychainOptions.builder(
                  Path.of(settings.path("keychain").asText()), PassphraseSource.of(trimmed))
              .createIfMissing(false);
      Arrays.fill(trimmed, '\0');
      if (settings.has("workFactor")) {
        options.weakWorkFactorForTesting(settings.path("workFactor").asInt());
      }
      Keychain keychain = Keychain.open(options.build());
      System.gc(); // gives scrypt's 256 MiB back to the system: the agent lives for hours
      Map<String, String> env =
          settings.hasNonNull("runtimeDir")
              ? Map.of("XDG_RUNTIME_DIR", settings.path("runtimeDir").asText())
              : Map.of();
      serve(
          keychain,
          env,
          Duration.ofSeconds(settings.path("idleSeconds").asLong(900)),
          Duration.ofSeconds(settings.path("maximumSeconds").asLong(8 * 3600)),
          Clock.systemUTC(),
          runner,
          () -> {
            ObjectNode ready = Json.MAPPER.createObjectNode();
            ready.put("ok", true);
            ready.put("pid", ProcessHandle.current().pid());
            out.println(ready);
            out.flush();
            out.close();
          });
      System.exit(0);
    } catch (KeychainException | IOException | RuntimeException e) {
      ObjectNode failed = Json.MAPPER.createObjectNode();
      failed.put("ok", false);
      failed.put(
          "message",
          e instanceof KeychainException || e instanceof IOException
              ? e.getMessage()
              : "the agent could not start (" + e.getClass().getSimpleName() + ")");
      if (e instanceof KeychainException k) {
        failed.put("reason", k.reason().name());
      }
      out.println(failed);
      out.flush();
      System.exit(1);
    }
  }

  private static int lengthWithout(char[] line) {
    int n = line.length;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == '\0')) {
      n--;
    }
    return n;
  }

  private static byte[] readStdinLine(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      if (out.size() >= max) {
        throw new IOException("an overlong line on standard input");
      }
      out.write(b);
    }
    return out.toByteArray();
  }
}
