package dev.kurz.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the service and one of its dependencies, so a test can take the
 * dependency away after start-up: {@link #cut()} refuses and drops connections (the
 * dependency is down), {@link #blackhole()} accepts but never answers (the dependency
 * hangs), {@link #heal()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {

	private enum Mode {

		FORWARD, CUT, BLACKHOLE

	}

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile Mode mode = Mode.FORWARD;

	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
		Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + targetPort);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** The dependency is down: open connections drop, new ones are closed at once. */
	public void cut() {
		this.mode = Mode.CUT;
		closeAll();
	}

	/**
	 * The dependency hangs: open and new connections stay open and are never answered.
	 */
	public void blackhole() {
		this.mode = Mode.BLACKHOLE;
	}

	public void heal() {
		this.mode = Mode.FORWARD;
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				switch (this.mode) {
					case CUT -> client.close();
					case BLACKHOLE -> this.open.add(client);
					case FORWARD -> forward(client);
				}
			}
			catch (IOException ex) {
				// closed while accepting, or one connection failed: keep serving the
				// others
			}
		}
	}

	private void forward(Socket client) throws IOException {
		Socket upstream;
		try {
			upstream = new Socket(this.targetHost, this.targetPort);
		}
		catch (IOException ex) {
			client.close();
			return;
		}
		this.open.add(client);
		this.open.add(upstream);
		pipe(client, upstream);
		pipe(upstream, client);
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					if (this.mode == Mode.FORWARD) {
						out.write(buffer, 0, n);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeAll() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		closeAll();
	}

}
