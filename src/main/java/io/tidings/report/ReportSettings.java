package io.tidings.report;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Report settings ({@code tidings.report.*}).
 *
 * @param cost cost of one sent communication per channel ({@code print}, {@code email},
 * {@code sms}), for the cost per response; unset: no costs shown
 */
@ConfigurationProperties("tidings.report")
public record ReportSettings(@Nullable Map<String, BigDecimal> cost) {

}
