package io.tidings.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import io.tidings.ApplicationThreads;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One lock per campaign in the database (ShedLock's {@code shedlock} table, database
 * time): a run of a campaign holds it from start to end, so the same campaign never runs
 * twice at once, whether started by the scheduler or the console, in this process or in
 * another {@code serve} process on the same database. The lock is renewed while the run
 * goes on; a process that dies frees it after {@code tidings.scheduler.lock-ttl}.
 */
@Component
class CampaignLocks implements DisposableBean {

	private final ScheduledExecutorService keepAlive = Executors
		.newSingleThreadScheduledExecutor(ApplicationThreads.single("campaign-lock-keep-alive"));

	private final LockProvider locks;

	private final Duration ttl;

	CampaignLocks(DataSource dataSource, SchedulerSettings settings) {
		this.locks = new KeepAliveLockProvider(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()),
				this.keepAlive);
		this.ttl = settings.lockTtl();
	}

	/**
	 * Takes the campaign's lock, if no one holds it.
	 */
	Optional<SimpleLock> tryLock(String campaign) {
		return this.locks.lock(new LockConfiguration(Instant.now(), name(campaign), this.ttl, Duration.ZERO));
	}

	private static String name(String campaign) {
		String name = "campaign:" + campaign;
		return (name.length() <= 64) ? name : name.substring(0, 64);
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

}
