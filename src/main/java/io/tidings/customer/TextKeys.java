package io.tidings.customer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Transliterator;
import org.jspecify.annotations.Nullable;

/**
 * The one comparable form of names and addresses, used for matching customers, household
 * keys, envelope grouping and postal suppression keys: every script transliterated to
 * Latin and then to ASCII (ICU {@code Any-Latin; Latin-ASCII}: accents, ligatures and
 * full-width forms too), case folded, and every run of characters other than letters and
 * digits one space.
 * <p>
 * So {@code Straße} and {@code STRASSE}, {@code Müller} and {@code Muller},
 * {@code Γιώργος} and {@code Giorgos}, {@code Сергей} and {@code Sergej}, {@code 王芳} and
 * {@code Wang Fang} compare alike. {@code Müller} and {@code Mueller} do not:
 * {@code ü → ue} is a German convention, and applied to every name it would part the
 * Turkish {@code Gül} from {@code Gul} and the Spanish {@code Argüelles} from
 * {@code Arguelles}. Chinese characters become toneless pinyin, so homophones
 * ({@code 张伟}, {@code 张为}) share a form; keys that use it add postcode, address or date
 * of birth. Email addresses (case only) and phone numbers (E.164) have their own forms.
 * <p>
 * Stored keys are made with it ({@code customer.household_key}, address entries of the
 * suppression list): a change to it must leave them matching.
 */
public final class TextKeys {

	private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	/**
	 * Transliterations already made: a run asks for the same names, streets and towns
	 * many times (import, decide, delivery, print), and each transliteration costs tens
	 * of microseconds under one lock. Emptied when full, so it stays a few MiB.
	 */
	private static final Map<String, String> TRANSLITERATED = new ConcurrentHashMap<>();

	static final int MAX_TRANSLITERATED = 10_000;

	private static final int MAX_CACHED_LENGTH = 200;

	private TextKeys() {
	}

	/**
	 * The comparable form: lower-case letters and digits, words separated by one space;
	 * empty for {@code null} or blank text.
	 */
	public static String words(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String latin = isAscii(text) ? text : toAscii(text);
		String folded = UCharacter.foldCase(latin, true);
		return SEPARATORS.matcher(folded).replaceAll(" ").strip();
	}

	private static String toAscii(String text) {
		if (text.length() > MAX_CACHED_LENGTH) {
			return transliterate(text);
		}
		String known = TRANSLITERATED.get(text);
		if (known != null) {
			return known;
		}
		String ascii = transliterate(text);
		if (TRANSLITERATED.size() >= MAX_TRANSLITERATED) {
			TRANSLITERATED.clear();
		}
		TRANSLITERATED.put(text, ascii);
		return ascii;
	}

	private static String transliterate(String text) {
		// ICU transliterators are not safe for concurrent use
		synchronized (TO_ASCII) {
			return TO_ASCII.transliterate(text);
		}
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

}
