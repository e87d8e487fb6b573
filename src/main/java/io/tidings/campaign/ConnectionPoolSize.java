package io.tidings.campaign;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Gives the database's connection pool a connection for everything a run does at the same
 * time, unless {@code spring.datasource.hikari.maximum-pool-size} says otherwise: each
 * render partition running holds two (its reader's cursor and its chunk's transaction),
 * each print stream writer one, the delivery threads one between them (what they record
 * goes into one commit at a time, {@link GroupCommit}, on the thread that commits it),
 * and the steps, the job repository and the database's housekeeping a few. Hikari's
 * default of 10 would leave the partitions of a machine with five processors or more
 * waiting for each other's connections.
 */
@Component
class ConnectionPoolSize implements BeanPostProcessor {

	/** The delivery threads' group commit's, however many threads there are. */
	private static final int DELIVERIES = 1;

	/** The step's own, the job repository's, the compaction's and one to spare. */
	private static final int SHARED = 4;

	private final Binder settings;

	ConnectionPoolSize(Environment environment) {
		this.settings = Binder.get(environment);
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool
				&& !this.settings.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).isBound()) {
			int needed = needed();
			if (pool.getMaximumPoolSize() < needed) {
				pool.setMaximumPoolSize(needed);
			}
		}
		return bean;
	}

	private int needed() {
		// the run's settings as the run binds them, before their own bean exists
		int render = this.settings.bindOrCreate("tidings.run", CampaignRunSettings.class).renderThreadCount();
		return 2 * render + DELIVERIES + this.settings.bind("tidings.print.stream-threads", Integer.class).orElse(2)
				+ SHARED;
	}

}
