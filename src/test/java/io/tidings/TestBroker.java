package io.tidings;

import java.net.ServerSocket;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An Apache Artemis broker in the test's JVM, listening on a free port of the loopback
 * interface for worker processes, without persistence or security.
 */
public final class TestBroker implements AutoCloseable {

	private final EmbeddedActiveMQ broker;

	private final String url;

	private TestBroker(EmbeddedActiveMQ broker, String url) {
		this.broker = broker;
		this.url = url;
	}

	public static TestBroker start() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String url = "tcp://127.0.0.1:" + port;
		EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
			.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false)
				.setSecurityEnabled(false)
				.addAcceptorConfiguration("tcp", url));
		broker.start();
		return new TestBroker(broker, url);
	}

	/** The URL clients connect to ({@code tcp://127.0.0.1:<port>}). */
	public String url() {
		return this.url;
	}

	@Override
	public void close() {
		try {
			this.broker.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot stop the broker", ex);
		}
	}

}
