package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One customer of the single customer view.
 *
 * @param id stable customer id
 * @param salutation e.g. Mr, Ms, Dr
 * @param firstName given name
 * @param lastName family name
 * @param language ISO 639-1 language code for documents
 * @param address postal address
 * @param email email address, validated
 * @param phone mobile phone in E.164 form
 * @param birthDate date of birth
 * @param balance total balance
 * @param currency ISO 4217 currency of the balance
 * @param holdings product codes the customer holds
 * @param children number of children
 * @param maritalStatus single, married, divorced or widowed
 * @param consentEmail consent to marketing by email
 * @param consentSms consent to marketing by SMS
 * @param paperless chose electronic statements
 * @param attributes free attributes from the source files
 * @param account the account its statements are about: an IBAN (validated, without
 * spaces) or a domestic account number
 */
public record Customer(String id, @Nullable String salutation, @Nullable String firstName, @Nullable String lastName,
		String language, PostalAddress address, @Nullable String email, @Nullable String phone,
		@Nullable LocalDate birthDate, BigDecimal balance, String currency, Set<String> holdings, int children,
		@Nullable String maritalStatus, boolean consentEmail, boolean consentSms, boolean paperless,
		Map<String, String> attributes, @Nullable String account) {

	public Customer {
		holdings = Set.copyOf(holdings);
		attributes = Map.copyOf(attributes);
	}

	/**
	 * A customer without an account identifier.
	 */
	public Customer(String id, @Nullable String salutation, @Nullable String firstName, @Nullable String lastName,
			String language, PostalAddress address, @Nullable String email, @Nullable String phone,
			@Nullable LocalDate birthDate, BigDecimal balance, String currency, Set<String> holdings, int children,
			@Nullable String maritalStatus, boolean consentEmail, boolean consentSms, boolean paperless,
			Map<String, String> attributes) {
		this(id, salutation, firstName, lastName, language, address, email, phone, birthDate, balance, currency,
				holdings, children, maritalStatus, consentEmail, consentSms, paperless, attributes, null);
	}

	/**
	 * First and last name as written on an envelope; family name first for languages that
	 * write it so.
	 */
	public String fullName() {
		String first = (this.firstName != null) ? this.firstName : "";
		String last = (this.lastName != null) ? this.lastName : "";
		if (isFamilyNameFirst()) {
			return (last + first).strip();
		}
		return (first + " " + last).strip();
	}

	private boolean isFamilyNameFirst() {
		return "zh".equals(this.language) || "ja".equals(this.language) || "ko".equals(this.language);
	}

	public @Nullable Integer ageOn(LocalDate date) {
		return (this.birthDate != null) ? Period.between(this.birthDate, date).getYears() : null;
	}

}
