package io.chartroom.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layering rules of DESIGN.md: feature packages with domain / service / ui; views and the API call
 * services, never repositories; features never reach into each other's repositories; base depends on no
 * feature; no cycles between features.
 */
@AnalyzeClasses(packages = "io.chartroom", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.chartroom.";

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("io.chartroom.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule baseDependsOnNoFeature = noClasses().that().resideInAPackage("io.chartroom.base..")
            .should().dependOnClassesThat(featureOtherThan("base"));

    @ArchTest
    static final ArchRule domainKnowsNothingAbove = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..service..", "..ui..", "io.chartroom.api..");

    @ArchTest
    static final ArchRule servicesKnowNoViews = noClasses().that().resideInAPackage("..service..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..", "io.chartroom.api..");

    @ArchTest
    static final ArchRule viewsAndApiCallServicesNotRepositories = noClasses()
            .that().resideInAnyPackage("..ui..", "io.chartroom.api..")
            .should().dependOnClassesThat().areAnnotatedWith(org.springframework.stereotype.Repository.class);

    @ArchTest
    static final ArchRule repositoriesLiveInDomain = classes()
            .that().areAnnotatedWith(org.springframework.stereotype.Repository.class)
            .should().resideInAPackage("..domain..");

    @ArchTest
    static final ArchRule featuresDoNotTouchEachOthersRepositories = classes().that().resideInAPackage("io.chartroom..")
            .should(new ArchCondition<>("use only their own feature's repositories") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String feature = feature(item);
                    for (Dependency d : item.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        if (target.isAnnotatedWith(org.springframework.stereotype.Repository.class)
                                && feature != null && !feature.equals(feature(target))) {
                            events.add(SimpleConditionEvent.violated(item, d.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule nothingDependsOnTheApi = noClasses().that().resideOutsideOfPackage("io.chartroom.api..")
            .should().dependOnClassesThat().resideInAPackage("io.chartroom.api..");

    @ArchTest
    static final ArchRule noGrabBagClasses = noClasses().that().resideInAPackage("io.chartroom..")
            .should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper");

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> featureOtherThan(String self) {
        return com.tngtech.archunit.base.DescribedPredicate.describe("classes of another feature than " + self,
                c -> feature(c) != null && !feature(c).equals(self));
    }

    /** The feature package a class belongs to (io.chartroom.<feature>...), or null outside of them. */
    static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT)) {
            return null;
        }
        String rest = pkg.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
