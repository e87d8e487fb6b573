package io.tidings.email;

import io.tidings.TidingsHome;
import io.tidings.archive.AtomicFiles;
import io.tidings.outbox.ChannelSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Picks the email transport: SMTP when Spring Boot configured a mail sender
 * ({@code spring.mail.host} set), else the {@code .eml} file outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailSettings.class)
class EmailChannelConfiguration {

	@Bean
	ChannelSender emailSender(ObjectProvider<JavaMailSenderImpl> mailSender, TidingsHome home, AtomicFiles files,
			EmailSettings settings) {
		JavaMailSenderImpl smtp = mailSender.getIfAvailable();
		return (smtp != null) ? new SmtpEmailSender(smtp, settings.verp()) : new EmailFileOutbox(home.out(), files);
	}

}
