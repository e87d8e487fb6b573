package io.tidings.console;

import io.tidings.audit.AuditLog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Puts console logins, and failed attempts with the name given, in the audit log.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LoginAudit {

	private final AuditLog audit;

	LoginAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void onLogin(InteractiveAuthenticationSuccessEvent event) {
		this.audit.record(event.getAuthentication().getName(), "LOGIN", null, null);
	}

	@EventListener
	void onFailedLogin(AbstractAuthenticationFailureEvent event) {
		this.audit.record(String.valueOf(event.getAuthentication().getName()), "LOGIN_FAILED", null,
				event.getException().getMessage());
	}

}
