package io.tidings.campaign;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionPoolSizeTests {

	@Test
	void shouldGiveEachRenderPartitionAndStreamWriterItsConnectionsAndTheDeliveriesOne() {
		// given six render threads, thirty-two delivery threads and the default two
		// stream writers
		MockEnvironment environment = new MockEnvironment().withProperty("tidings.run.render-threads", "6")
			.withProperty("tidings.run.delivery-threads", "32");
		try (HikariDataSource pool = new HikariDataSource()) {
			// when
			new ConnectionPoolSize(environment).postProcessBeforeInitialization(pool, "dataSource");
			// then two a render partition, one a stream writer, one for the deliveries'
			// commits, and the shared ones
			assertThat(pool.getMaximumPoolSize()).isEqualTo(2 * 6 + 2 + 1 + 4);
		}
	}

	@Test
	void shouldKeepAPoolSizeSetInTheConfiguration() {
		MockEnvironment environment = new MockEnvironment().withProperty("tidings.run.render-threads", "6")
			.withProperty("spring.datasource.hikari.maximum-pool-size", "8");
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setMaximumPoolSize(8);
			new ConnectionPoolSize(environment).postProcessBeforeInitialization(pool, "dataSource");
			assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
		}
	}

}
