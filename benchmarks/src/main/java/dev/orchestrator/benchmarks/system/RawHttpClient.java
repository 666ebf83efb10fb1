package dev.orchestrator.benchmarks.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one persistent loopback socket: write the request, read the
 * status line, the headers and the body (Content-Length or chunked), keep the connection.
 * The load driver shares two cores with serve and PostgreSQL, so it must cost as little CPU per
 * request as possible (the suite reports it: ~0.07 ms per queue request); java.net.http.HttpClient
 * adds a selector thread and asynchronous hand-offs per request that this client does not need.
 */
final class RawHttpClient implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final int readTimeoutMillis;
    private byte[] lastBody = new byte[0];

    RawHttpClient(String baseUrl) {
        this(baseUrl, 30_000);
    }

    /** With a read timeout other than 30 s (a large batch is answered only once it is applied). */
    RawHttpClient(String baseUrl, int readTimeoutMillis) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Sends one request and returns its status; the body is read completely (see {@link #lastBody()}). */
    int send(String method, String pathAndQuery, String authorization, String jsonBody) throws IOException {
        return send(method, pathAndQuery, authorization, "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one request with a body of the given content type (or none). */
    int send(String method, String pathAndQuery, String authorization, String contentType, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null;
            try {
                connect();
                if (body == null) {
                    out.write(headBytes);
                } else {
                    byte[] all = new byte[headBytes.length + body.length];
                    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
                    System.arraycopy(body, 0, all, headBytes.length, body.length);
                    out.write(all);
                }
                out.flush();
                return readResponse();
            } catch (IOException e) {
                closeQuietly();
                // A kept-alive connection the server closed meanwhile: one retry on a new one.
                if (!reused || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    byte[] lastBody() {
        return lastBody;
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 65_536);
            out = socket.getOutputStream();
        }
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while ((header = line()) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (header == null) {
            throw new IOException("connection closed in the headers");
        }
        if (chunked) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    throw new IOException("connection closed in a chunk");
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    String trailer;
                    while ((trailer = line()) != null && !trailer.isEmpty()) {
                        // trailers ignored
                    }
                    break;
                }
                buffer.write(exactly(n));
                line();
            }
            lastBody = buffer.toByteArray();
        } else if (length >= 0) {
            lastBody = exactly((int) length);
        } else {
            lastBody = in.readAllBytes();
            close = true;
        }
        if (close) {
            closeQuietly();
        }
        return status;
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed in the body");
        }
        return bytes;
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
