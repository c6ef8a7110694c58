package dev.latchkey.keychain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.latchkey.keychain.KeychainAgent.CommandRunner;
import dev.latchkey.keychain.KeychainAgent.RelayedCommand;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import jdk.net.ExtendedSocketOptions;

/**
 * Runs a short command inside the agent of {@code latchkey unlock} instead of in the process that
 * was started for it. The agent's JVM is warm and already holds the unlocked keychain, so a command
 * like one API call costs its own process little more than the JVM's start and a round trip on the
 * agent's socket; and the secrets it signs with stay in the agent, as ssh-agent keeps its keys and
 * signs for its clients.
 *
 * <p>The client sends one JSON line: {@code {"v":1,"op":"run","keychain":…,"args":[…],
 * "environment":{…},"charset":…}}. The agent answers in frames, each a type byte, a 4-byte length
 * and that many bytes: {@code o} standard output, {@code e} standard error, {@code x} the exit code
 * (4 bytes), or first and alone {@code d}, declined, with the reason: an agent of another keychain,
 * a command its runner does not take, all relay threads busy. An agent without a runner (a library
 * user's) answers the request with a JSON refusal. Whenever the agent does not run the command, the
 * client runs it itself, so relaying changes how fast a command is and nothing else.
 */
public final class AgentRelay {
  static final byte OUT = 'o';
  static final byte ERR = 'e';
  static final byte EXIT = 'x';
  static final byte DECLINED = 'd';

  /** The largest frame either side writes or accepts. */
  static final int MAX_FRAME = 64 << 10;

  private AgentRelay() {}

  /**
   * Has the agent of {@code keychainFile} run the command, copying what it prints to {@code out}
   * and {@code err}; its exit code, or empty when no agent ran it (none is running, it declined, or
   * it could not be reached before the command started), and then the caller runs it.
   *
   * @param environment the variables the command sees; leave passphrases out, the agent needs none
   * @throws IOException when the agent stopped answering after the command had started
   */
  public static OptionalInt run(
      Path keychainFile,
      Map<String, String> environment,
      List<String> args,
      Charset charset,
      OutputStream out,
      OutputStream err)
      throws IOException {
    Path file = keychainFile.toAbsolutePath().normalize();
    Path socket = KeychainAgent.socketPath(file, environment);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return OptionalInt.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      DataInputStream in;
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        if (!KeychainAgent.sameUser(channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user())) {
          return OptionalInt.empty();
        }
        ByteBuffer request = ByteBuffer.wrap(request(file, environment, args, charset));
        while (request.hasRemaining()) {
          channel.write(request);
        }
        in =
            new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        int first = in.read();
        if (first != OUT && first != ERR && first != EXIT) {
          return OptionalInt.empty(); // declined, a JSON refusal, or nothing at all
        }
        return OptionalInt.of(copy(first, in, out, err));
      } catch (IOException e) {
        if (e instanceof Relayed) {
          throw e;
        }
        return OptionalInt.empty(); // a stale socket or an agent that just forgot
      }
    }
  }

  private static int copy(int first, DataInputStream in, OutputStream out, OutputStream err)
      throws IOException {
    byte[] buffer = new byte[MAX_FRAME];
    int type = first;
    try {
      while (true) {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
          throw new Relayed("the agent sent a frame of " + length + " bytes");
        }
        in.readFully(buffer, 0, length);
        if (type == EXIT) {
          out.flush();
          err.flush();
          return ByteBuffer.wrap(buffer, 0, 4).getInt();
        }
        (type == ERR ? err : out).write(buffer, 0, length);
        type = in.read();
        if (type != OUT && type != ERR && type != EXIT) {
          throw new Relayed("the agent stopped while running the command");
        }
      }
    } catch (EOFException e) {
      throw new Relayed("the agent stopped while running the command");
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** An I/O failure after the command started in the agent: running it again is the caller's. */
  private static final class Relayed extends IOException {
    Relayed(String message) {
      super(message);
    }
  }

  private static byte[] request(
      Path file, Map<String, String> environment, List<String> args, Charset charset)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
      g.writeStartObject();
      g.writeNumberField("v", 1);
      g.writeStringField("op", "run");
      g.writeStringField("keychain", file.toString());
      g.writeArrayFieldStart("args");
      for (String a : args) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("environment");
      for (Map.Entry<String, String> e : environment.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("charset", charset.name());
      g.writeEndObject();
    }
    bytes.write('\n'); // JSON escapes every newline inside strings: this is the only one
    if (bytes.size() > KeychainAgent.MAX_MESSAGE) {
      throw new IOException("a command line and environment over the agent's limit");
    }
    return bytes.toByteArray();
  }

  // ---- the agent's side -------------------------------------------------------------------------

  /** Runs the admitted command, sending what it prints as it prints it, then its exit code. */
  static void serve(SocketChannel channel, RelayedCommand command, CommandRunner runner) {
    Frames frames = new Frames(channel);
    int code;
    try (OutputStream out = frames.stream(OUT);
        OutputStream err = frames.stream(ERR)) {
      try {
        code = runner.run(command, out, err);
      } catch (RuntimeException | OutOfMemoryError e) {
        // The runner handles a command's errors; this is a bug, and says only its kind.
        err.write(
            ("latchkey: the agent could not run the command ("
                    + e.getClass().getSimpleName()
                    + "); run it with LATCHKEY_NO_AGENT=1\n")
                .getBytes(StandardCharsets.UTF_8));
        code = 1;
      }
    } catch (IOException e) {
      return; // the client went away
    }
    try {
      frames.write(EXIT, ByteBuffer.allocate(4).putInt(code).array(), 0, 4);
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Tells the client to run its command itself. */
  static void decline(SocketChannel channel, String reason) throws IOException {
    byte[] why = reason.getBytes(StandardCharsets.UTF_8);
    new Frames(channel).write(DECLINED, why, 0, Math.min(why.length, MAX_FRAME));
  }

  /** Frames on one channel; both of a command's streams write through it, one frame at a time. */
  private static final class Frames {
    private final SocketChannel channel;

    Frames(SocketChannel channel) {
      this.channel = channel;
    }

    synchronized void write(byte type, byte[] bytes, int offset, int length) throws IOException {
      do {
        int n = Math.min(length, MAX_FRAME);
        ByteBuffer frame = ByteBuffer.allocate(5 + n);
        frame.put(type).putInt(n).put(bytes, offset, n).flip();
        while (frame.hasRemaining()) {
          channel.write(frame);
        }
        offset += n;
        length -= n;
      } while (length > 0);
    }

    /** A stream whose writes become frames of {@code type}; buffer it for small writes. */
    OutputStream stream(byte type) {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          Frames.this.write(type, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (len > 0) {
            Frames.this.write(type, b, off, len);
          }
        }
      };
    }
  }
}
