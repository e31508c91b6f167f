package io.vigil.alerting;

import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server for tests that holds clients to RFC 3207: it advertises STARTTLS, refuses mail
 * (530) until the session is upgraded, offers AUTH PLAIN only over TLS and checks the credentials;
 * a recipient starting {@code refused} gets a permanent 550, one starting {@code busy} a transient
 * 451. Plain blocking sockets on a thread per session: the TLS upgrade then starts on exactly the
 * byte after the STARTTLS reply, with nothing read ahead.
 */
final class FakeSmtpServer implements AutoCloseable {

  /** One message as received. */
  record Received(String from, List<String> to, String data, boolean overTls) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<String> protocolErrors = new CopyOnWriteArrayList<>();
  private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
  private final String username;
  private final String password;
  private SSLContext tls;
  private ServerSocket server;

  FakeSmtpServer(String username, String password) {
    this.username = username;
    this.password = password;
  }

  SelfSignedCertificate certificate() {
    return certificate;
  }

  int start(Vertx vertx) throws Exception {
    tls = SSLContext.getInstance("TLS");
    tls.init(certificate.keyCertOptions().getKeyManagerFactory(vertx).getKeyManagers(), null, null);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fake-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> new Session(socket).run(), "fake-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private final class Session {
    Socket socket;
    InputStream in;
    OutputStream out;
    boolean overTls;
    boolean authenticated;
    String from;
    final List<String> to = new ArrayList<>();

    Session(Socket socket) {
      this.socket = socket;
    }

    void run() {
      try (Socket closing = socket) {
        in = socket.getInputStream();
        out = socket.getOutputStream();
        reply("220 localhost fake ESMTP");
        for (String line = readLine(); line != null; line = readLine()) {
          if (!command(line)) {
            return;
          }
        }
      } catch (IOException e) {
        protocolErrors.add("session ended: " + e.getMessage());
      }
    }

    /** Handles one command; false once the session is over. */
    boolean command(String line) throws IOException {
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
        reply(overTls ? "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME" : "250-localhost\r\n250-STARTTLS\r\n250 8BITMIME");
      } else if (upper.equals("STARTTLS")) {
        reply("220 2.0.0 ready to start TLS");
        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        upgraded.setUseClientMode(false);
        upgraded.startHandshake();
        socket = upgraded;
        in = upgraded.getInputStream();
        out = upgraded.getOutputStream();
        overTls = true;
      } else if (upper.startsWith("AUTH PLAIN")) {
        if (!overTls) {
          protocolErrors.add("AUTH before STARTTLS");
          reply("538 5.7.11 encryption required");
          return true;
        }
        String encoded = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length()) : null;
        if (encoded == null) {
          reply("334 ");
          encoded = readLine();
        }
        String decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        authenticated = decoded.equals("\0" + username + "\0" + password);
        reply(authenticated ? "235 2.7.0 authenticated" : "535 5.7.8 bad credentials");
      } else if (upper.startsWith("MAIL")) {
        if (!overTls) {
          protocolErrors.add("MAIL before STARTTLS");
          reply("530 5.7.0 Must issue a STARTTLS command first");
        } else if (!authenticated) {
          reply("530 5.7.0 Authentication required");
        } else {
          from = address(line);
          to.clear();
          reply("250 2.1.0 ok");
        }
      } else if (upper.startsWith("RCPT")) {
        String recipient = address(line);
        if (recipient.startsWith("refused")) {
          reply("550 5.1.1 no such mailbox");
        } else if (recipient.startsWith("busy")) {
          reply("451 4.3.0 mailbox busy, try later");
        } else {
          to.add(recipient);
          reply("250 2.1.5 ok");
        }
      } else if (upper.equals("DATA")) {
        reply("354 end data with <CR><LF>.<CR><LF>");
        StringBuilder data = new StringBuilder();
        for (String next = readLine(); next != null && !next.equals("."); next = readLine()) {
          data.append(next.startsWith("..") ? next.substring(1) : next).append("\r\n");
        }
        received.add(new Received(from, List.copyOf(to), data.toString(), overTls));
        reply("250 2.0.0 queued");
      } else if (upper.equals("RSET") || upper.equals("NOOP")) {
        to.clear();
        reply("250 2.0.0 ok");
      } else if (upper.equals("QUIT")) {
        reply("221 2.0.0 bye");
        return false;
      } else {
        reply("502 5.5.2 command not recognised");
      }
      return true;
    }

    /** One CRLF-terminated line, read a byte at a time so that nothing past it is consumed. */
    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int previous = -1;
      for (int next = in.read(); next != -1; next = in.read()) {
        if (previous == '\r' && next == '\n') {
          byte[] bytes = line.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
        line.write(next);
        previous = next;
      }
      return null;
    }

    private String address(String line) {
      int open = line.indexOf('<');
      int close = line.indexOf('>');
      return open >= 0 && close > open ? line.substring(open + 1, close) : "";
    }

    private void reply(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
