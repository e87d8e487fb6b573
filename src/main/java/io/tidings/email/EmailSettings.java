package io.tidings.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email settings ({@code tidings.email.*}); the SMTP server itself is configured with
 * Spring Boot's {@code spring.mail.*} properties.
 *
 * @param messageIdDomain right-hand side of Message-IDs
 * ({@code <communication-id@domain>})
 */
@ConfigurationProperties("tidings.email")
public record EmailSettings(@DefaultValue("tidings.invalid") String messageIdDomain) {

}
