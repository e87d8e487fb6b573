package io.tidings;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Component;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business rules of {@code offer} and {@code policy} (eligibility, arbitration,
 * channel choice, contact scheduling, capacity...) are plain Java: only the beans that
 * load their data and wire them into jobs touch Spring or JDBC.
 */
class PlainRulesTests {

	private static final JavaClasses RULE_MODULES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.tidings.offer", "io.tidings.policy");

	private static final DescribedPredicate<JavaClass> RULE_CLASSES = DescribedPredicate.describe(
			"rule classes (neither Spring beans nor parts of one)",
			(type) -> !isBean(type) && !"package-info".equals(type.getSimpleName()));

	@Test
	void rulesUseNoSpringOrJdbcType() {
		noClasses().that(RULE_CLASSES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
			.check(RULE_MODULES);
	}

	@Test
	void theNamedPoliciesAreAmongTheRuleClasses() {
		assertThat(RULE_MODULES.that(RULE_CLASSES)).extracting(JavaClass::getSimpleName)
			.contains("OfferEligibilityPolicy", "OfferArbitration", "OfferVolumes", "PropensityEstimator",
					"ChannelChoice", "ContactScheduler", "DailyCapacity", "ContactPermissions");
	}

	private static boolean isBean(JavaClass type) {
		if (type.isMetaAnnotatedWith(Component.class)) {
			return true;
		}
		return type.getEnclosingClass().map(PlainRulesTests::isBean).orElse(false);
	}

}
