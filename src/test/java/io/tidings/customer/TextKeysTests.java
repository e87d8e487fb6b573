package io.tidings.customer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextKeysTests {

	@Test
	void shouldIgnoreCaseAccentsAndPunctuation() {
		assertThat(TextKeys.words("José García-Núñez")).isEqualTo("jose garcia nunez");
		assertThat(TextKeys.words("JOSE GARCIA NUNEZ")).isEqualTo("jose garcia nunez");
		assertThat(TextKeys.words("  Rua Augusta,   1 ")).isEqualTo("rua augusta 1");
		assertThat(TextKeys.words("Łukasz Wójcik")).isEqualTo("lukasz wojcik");
		assertThat(TextKeys.words("Søren Kierkegård")).isEqualTo("soren kierkegard");
		assertThat(TextKeys.words("Ægir Œuvre")).isEqualTo("aegir oeuvre");
	}

	@Test
	void shouldGiveTheSameFormWhenAskedAgainOrAfterManyOtherTexts() {
		assertThat(TextKeys.words("Γιώργος Παπαδόπουλος")).isEqualTo("giorgos papadopoulos");
		assertThat(TextKeys.words("Γιώργος Παπαδόπουλος")).isEqualTo("giorgos papadopoulos");
		for (int i = 0; i <= TextKeys.MAX_TRANSLITERATED; i++) {
			TextKeys.words("Ölweg " + i);
		}
		assertThat(TextKeys.words("Ölweg 7")).isEqualTo("olweg 7");
		assertThat(TextKeys.words("Γιώργος Παπαδόπουλος")).isEqualTo("giorgos papadopoulos");
	}

	@Test
	void shouldWriteSharpSAsDoubleS() {
		assertThat(TextKeys.words("Hauptstraße 5")).isEqualTo("hauptstrasse 5")
			.isEqualTo(TextKeys.words("HAUPTSTRASSE 5"))
			.isEqualTo(TextKeys.words("HAUPTSTRAẞE 5"));
	}

	@Test
	void shouldDropUmlautsRatherThanSpellThemOut() {
		assertThat(TextKeys.words("Müller")).isEqualTo(TextKeys.words("MULLER")).isEqualTo("muller");
		assertThat(TextKeys.words("Mueller")).isNotEqualTo(TextKeys.words("Müller"));
	}

	@Test
	void shouldReadGreekAndCyrillicInLatinLetters() {
		assertThat(TextKeys.words("Γιώργος")).isEqualTo(TextKeys.words("ΓΙΏΡΓΟΣ")).isEqualTo("giorgos");
		assertThat(TextKeys.words("Сергей Йовович")).isEqualTo(TextKeys.words("СЕРГЕЙ ЙОВОВИЧ"))
			.isEqualTo("sergej jovovic");
	}

	@Test
	void shouldKeepDifferentChineseNamesApart() {
		List<String> names = List.of("王芳", "李娜", "张伟", "刘洋", "陈静");
		List<String> keys = names.stream().map(TextKeys::words).toList();
		assertThat(keys).doesNotContain("").doesNotHaveDuplicates();
		assertThat(TextKeys.words("王芳")).isEqualTo(TextKeys.words("Wang Fang"));
	}

	@Test
	void shouldFoldCompatibilityForms() {
		assertThat(TextKeys.words("Ｓｔｒａße ﬁve")).isEqualTo("strasse five");
	}

	@Test
	void shouldGiveNothingForNothing() {
		assertThat(TextKeys.words(null)).isEmpty();
		assertThat(TextKeys.words(" \t")).isEmpty();
		assertThat(TextKeys.words("--")).isEmpty();
	}

}
