package dev.kurz;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The structure the house style promises, checked on the compiled main classes. */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.kurz");
	}

	@Test
	void controllersNeverUseAnotherFeaturesRepository() {
		ArchRule rule = classes().that()
			.areAnnotatedWith(RestController.class)
			.or()
			.areAnnotatedWith(Controller.class)
			.should(onlyUseRepositoriesOfTheirOwnFeature());

		rule.check(classes);
	}

	@Test
	void nothingUsesAnotherFeaturesRepository() {
		ArchRule rule = classes().that().resideInAPackage("dev.kurz..").should(onlyUseRepositoriesOfTheirOwnFeature());

		rule.check(classes);
	}

	@Test
	void sharedDependsOnNoOtherKurzPackage() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.kurz.shared..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.kurz..").and(resideOutsideOfPackage("dev.kurz.shared..")));

		rule.check(classes);
	}

	@Test
	void domainExceptionsCarryNoHttpTypes() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.kurz.shared..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..");

		rule.check(classes);
	}

	@Test
	void redirectUsesOnlyThePublicClickApiOfAnalytics() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.kurz.redirect..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.kurz.analytics..").and(DescribedPredicate
				.not(JavaClass.Predicates.simpleName("Click").or(JavaClass.Predicates.simpleName("ClickRecorder")))));

		rule.check(classes);
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching("dev.kurz.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void onlyControllersDependOnWeb() {
		ArchRule rule = classes().that()
			.resideOutsideOfPackage("dev.kurz.web..")
			.and()
			.areNotAnnotatedWith(RestController.class)
			.should()
			.onlyDependOnClassesThat(resideOutsideOfPackage("dev.kurz.web.."));

		rule.check(classes);
	}

	@Test
	void servicesAndRepositoriesNeverDependOnWeb() {
		ArchRule rule = noClasses().that()
			.areAnnotatedWith(org.springframework.stereotype.Service.class)
			.or()
			.areAssignableTo(Repository.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.kurz.web..");

		rule.check(classes);
	}

	@Test
	void controllersNeverTouchEntities() {
		ArchRule rule = noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAnnotatedWith(Entity.class);

		rule.check(classes);
	}

	@Test
	void controllersAreNotTransactional() {
		classes().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBeAnnotatedWith(Transactional.class)
			.check(classes);
		methods().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBeAnnotatedWith(Transactional.class)
			.check(classes);
	}

	@Test
	void noFieldInjection() {
		fields().should().notBeAnnotatedWith(Autowired.class).check(classes);
	}

	@Test
	void entitiesAndRepositoriesStayInsideTheirFeature() {
		classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(classes);
		classes().that().areAssignableTo(Repository.class).should().notBePublic().check(classes);
	}

	private static ArchCondition<JavaClass> onlyUseRepositoriesOfTheirOwnFeature() {
		return new ArchCondition<>("only use repositories of their own feature") {

			@Override
			public void check(JavaClass item, ConditionEvents events) {
				for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass();
					if (target.isAssignableTo(Repository.class) && target.getPackageName().startsWith("dev.kurz.")
							&& !feature(target.getPackageName()).equals(feature(item.getPackageName()))) {
						events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
					}
				}
			}

		};
	}

	/** {@code dev.kurz.link.sub} belongs to feature {@code link}. */
	private static String feature(String packageName) {
		String rest = packageName.startsWith("dev.kurz.") ? packageName.substring("dev.kurz.".length()) : packageName;
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

}
