package io.tidings.email;

import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * GreenMail, a real SMTP server, with the faults of real ones: it answers {@code 550} to
 * mailboxes that do not exist, {@code 451} (try later) once to others, and can drop the
 * connection in the middle of a batch, for a while or for good, and can go silent for
 * {@link #STALL} once: at the recipient command (before it has the message), or after the
 * end of the data (it delivers the message, but answers too late). It can answer
 * {@code 451} to one recipient for good, and take its time over each message. It counts
 * the connections clients open, and the messages whose data it was taking at the same
 * time. Registered as a JUnit extension, it runs for the test class and is cleared of
 * messages and faults before each test.
 */
class FaultySmtpServer extends GreenMail implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	final Set<String> rejected = ConcurrentHashMap.newKeySet();

	final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();

	/** Longer than the client's time-out in the tests. */
	static final Duration STALL = Duration.ofSeconds(5);

	final Set<String> silentAtRecipientOnce = ConcurrentHashMap.newKeySet();

	final Set<String> silentAfterDataOnce = ConcurrentHashMap.newKeySet();

	final AtomicInteger connections = new AtomicInteger();

	final AtomicInteger accepted = new AtomicInteger();

	/** The most messages whose data the server was taking at the same time. */
	final AtomicInteger mostAtOnce = new AtomicInteger();

	/** When each message's data arrived ({@link System#nanoTime()}). */
	final Queue<Long> dataArrivals = new ConcurrentLinkedQueue<>();

	/** The recipient deferred for good. */
	final AtomicReference<@Nullable String> stuck = new AtomicReference<>();

	private final AtomicInteger takingData = new AtomicInteger();

	private volatile Duration dataTime = Duration.ZERO;

	private volatile int stuckAfter = Integer.MAX_VALUE;

	private volatile int dropAfter = Integer.MAX_VALUE;

	private final AtomicInteger drops = new AtomicInteger();

	FaultySmtpServer(ServerSetup setup) {
		super(setup);
	}

	static FaultySmtpServer started(ServerSetup setup) {
		FaultySmtpServer server = new FaultySmtpServer(setup);
		server.start();
		return server;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		clearFaults();
	}

	/** Points Spring Boot's mail sender at this server. */
	void serveMail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> getSmtp().getBindTo());
		registry.add("spring.mail.port", () -> getSmtp().getPort());
	}

	/**
	 * Drops the connection instead of answering the recipient of a message, once
	 * {@code messages} messages have been accepted, {@code times} times.
	 */
	void dropConnectionAfter(int messages, int times) {
		this.dropAfter = messages;
		this.drops.set(times);
	}

	/**
	 * Answers {@code 451} to the first recipient after {@code messages} messages have
	 * been accepted, and to it every time after; {@link Integer#MAX_VALUE} heals it.
	 */
	void deferForGoodAfter(int messages) {
		this.stuckAfter = messages;
		this.stuck.set(null);
	}

	/** Takes that long over the data of each message before answering. */
	void takeTimeOverData(Duration time) {
		this.dataTime = time;
	}

	void clearFaults() throws com.icegreen.greenmail.store.FolderException {
		purgeEmailFromAllMailboxes();
		this.rejected.clear();
		this.deferredOnce.clear();
		this.silentAtRecipientOnce.clear();
		this.silentAfterDataOnce.clear();
		this.connections.set(0);
		this.accepted.set(0);
		this.dropAfter = Integer.MAX_VALUE;
		this.drops.set(0);
		deferForGoodAfter(Integer.MAX_VALUE);
		this.dataTime = Duration.ZERO;
		this.mostAtOnce.set(0);
		this.dataArrivals.clear();
	}

	@Override
	protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
		Map<String, AbstractServer> services = super.createServices(config, managers);
		for (ServerSetup setup : config) {
			if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
				services.put(setup.getProtocol(), new CountingSmtpServer(setup, new FaultyManagers(managers)));
			}
		}
		return services;
	}

	private String checkRecipient(MailAddress recipient) {
		String email = recipient.getEmail();
		if (this.accepted.get() >= this.dropAfter && this.drops.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
			// GreenMail closes the socket when a command fails with an exception
			throw new IllegalStateException("connection dropped by the test");
		}
		if (this.silentAtRecipientOnce.remove(email)) {
			pause(STALL);
		}
		if (this.rejected.contains(email)) {
			return "550 5.1.1 <" + email + ">: mailbox unavailable";
		}
		if (this.accepted.get() >= this.stuckAfter) {
			this.stuck.compareAndSet(null, email);
		}
		if (email.equals(this.stuck.get()) || this.deferredOnce.remove(email)) {
			return "451 4.3.0 <" + email + ">: temporary failure, try again later";
		}
		this.accepted.incrementAndGet();
		return null;
	}

	private String checkData(SmtpState state) {
		this.dataArrivals.add(System.nanoTime());
		this.mostAtOnce.accumulateAndGet(this.takingData.incrementAndGet(), Math::max);
		try {
			pause(this.dataTime);
		}
		finally {
			this.takingData.decrementAndGet();
		}
		if (state.getMessage()
			.getToAddresses()
			.stream()
			.anyMatch(to -> this.silentAfterDataOnce.remove(to.getEmail()))) {
			pause(STALL);
		}
		return null;
	}

	private static void pause(Duration time) {
		try {
			Thread.sleep(time.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final class CountingSmtpServer extends SmtpServer {

		CountingSmtpServer(ServerSetup setup, Managers managers) {
			super(setup, managers);
		}

		@Override
		protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
			FaultySmtpServer.this.connections.incrementAndGet();
			return super.createProtocolHandler(clientSocket);
		}

	}

	private final class FaultyManagers extends Managers {

		private final Managers managers;

		private final SmtpManager smtpManager;

		FaultyManagers(Managers managers) {
			this.managers = managers;
			this.smtpManager = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {

				@Override
				public String checkRecipient(SmtpState state, MailAddress recipient) {
					return FaultySmtpServer.this.checkRecipient(recipient);
				}

				@Override
				public String checkData(SmtpState state) {
					return FaultySmtpServer.this.checkData(state);
				}

			};
		}

		@Override
		public SmtpManager getSmtpManager() {
			return this.smtpManager;
		}

		@Override
		public UserManager getUserManager() {
			return this.managers.getUserManager();
		}

		@Override
		public ImapHostManager getImapHostManager() {
			return this.managers.getImapHostManager();
		}

	}

}
