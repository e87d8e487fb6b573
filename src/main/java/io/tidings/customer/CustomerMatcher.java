package io.tidings.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Decides whether a source record is a customer already known, from candidates that share
 * its date of birth or household and its {@link NameKeys#initials(Customer) name
 * initials}, or its email or phone. Names are compared with Jaro-Winkler similarity on
 * their transliterated forms (in both name orders); rules, strongest first:
 * <ol>
 * <li>same date of birth and name similarity at least 0.90;</li>
 * <li>same email, name similarity at least 0.85 and no different date of birth;</li>
 * <li>same phone, name similarity at least 0.85 and no different date of birth;</li>
 * <li>same household, name similarity at least 0.95 and no different date of birth.</li>
 * </ol>
 * A candidate sharing an email or phone that fails every rule is a conflicting duplicate
 * (two people with one address): it is not merged, and the merge log says so.
 * <p>
 * Rules 1 and 4 see only candidates with the same initials (the lookups are blocked by
 * them, so that they stay small however many customers share a date of birth or an
 * address): two records of one person whose names differ in a first letter
 * ({@code Catherine}, {@code Katherine}) are no longer merged by date of birth or
 * address, only by a shared email or phone (rules 2 and 3).
 */
final class CustomerMatcher {

	private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

	/**
	 * The best match, or why the candidates that looked alike were kept apart.
	 */
	MatchResult match(Customer incoming, List<Customer> candidates) {
		Match best = null;
		List<String> conflicts = new ArrayList<>();
		for (Customer candidate : candidates) {
			Optional<Match> match = rule(incoming, candidate);
			if (match.isPresent()) {
				if (best == null || match.get().score() > best.score()) {
					best = match.get();
				}
			}
			else if (sharesContact(incoming, candidate)) {
				conflicts.add(String.format(Locale.ROOT,
						"shares an email or phone with %s but is another person " + "(name similarity %.2f%s)",
						candidate.id(), nameSimilarity(incoming, candidate),
						differentBirthDate(incoming, candidate) ? ", another date of birth" : ""));
			}
		}
		return new MatchResult(Optional.ofNullable(best), conflicts);
	}

	static double nameSimilarity(Customer a, Customer b) {
		String name = NameKeys.fullName(a);
		if (name.isEmpty()) {
			return 0;
		}
		return Math.max(SIMILARITY.apply(name, NameKeys.fullName(b)), SIMILARITY.apply(name, NameKeys.reversedName(b)));
	}

	private static Optional<Match> rule(Customer incoming, Customer candidate) {
		double name = nameSimilarity(incoming, candidate);
		boolean sameBirthDate = incoming.birthDate() != null && incoming.birthDate().equals(candidate.birthDate());
		boolean otherBirthDate = differentBirthDate(incoming, candidate);
		if (sameBirthDate && name >= 0.90) {
			return Optional.of(new Match(candidate, name, "same date of birth and similar name"));
		}
		if (!otherBirthDate && name >= 0.85 && sameEmail(incoming, candidate)) {
			return Optional.of(new Match(candidate, name * 0.99, "same email and similar name"));
		}
		if (!otherBirthDate && name >= 0.85 && samePhone(incoming, candidate)) {
			return Optional.of(new Match(candidate, name * 0.98, "same phone and similar name"));
		}
		String household = NameKeys.household(incoming.address());
		if (!otherBirthDate && name >= 0.95 && !household.isEmpty()
				&& household.equals(NameKeys.household(candidate.address()))) {
			return Optional.of(new Match(candidate, name * 0.97, "same address and name"));
		}
		return Optional.empty();
	}

	private static boolean differentBirthDate(Customer a, Customer b) {
		return a.birthDate() != null && b.birthDate() != null && !a.birthDate().equals(b.birthDate());
	}

	private static boolean sharesContact(Customer a, Customer b) {
		return sameEmail(a, b) || samePhone(a, b);
	}

	private static boolean sameEmail(Customer a, Customer b) {
		return a.email() != null && NameKeys.email(a.email()).equals(NameKeys.email(b.email()));
	}

	private static boolean samePhone(Customer a, Customer b) {
		return a.phone() != null && a.phone().equals(b.phone());
	}

	/**
	 * A known customer a source record is taken to be.
	 *
	 * @param customer the customer
	 * @param score how alike they are, 0 to 1
	 * @param rule which rule matched
	 */
	record Match(Customer customer, double score, String rule) {
	}

	/**
	 * @param match the best match, if any
	 * @param conflicts candidates that shared an email or phone but are other people
	 */
	record MatchResult(Optional<Match> match, List<String> conflicts) {
	}

}
