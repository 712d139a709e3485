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

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.NullMarked;

/**
 * The layering rules of DESIGN.md: feature packages with domain / service / ui; views and the API call
 * services, never repositories; features never reach into each other's repositories; base depends on no
 * feature; no cycles between features; every package is @NullMarked.
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

    /**
     * Which features each feature may use: a new arrow is a design decision, made here on purpose. The rest of
     * the product reacts to main moving through gitops' event, never through change requests; render knows
     * nothing of the catalog; the cross-cutting parts (base, security, settings) come first.
     */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("base", Set.of()),
            Map.entry("security", Set.of("base")),
            Map.entry("settings", Set.of("base", "security")),
            Map.entry("audit", Set.of("base", "security")),
            Map.entry("render", Set.of("base")),
            Map.entry("secrets", Set.of("base")),
            Map.entry("gitops", Set.of("base", "security")),
            // the Git host where change requests become pull/merge requests: its settings and its REST API
            Map.entry("githost", Set.of("base", "security", "gitops")),
            Map.entry("clusters", Set.of("base", "security")),
            Map.entry("catalog", Set.of("base", "security", "settings")),
            Map.entry("environments", Set.of("base", "security", "clusters", "gitops")),
            // releases show which clusters an environment selects (and their Kubernetes versions) through environments' Targets
            Map.entry("releases", Set.of("base", "security", "catalog", "render", "gitops", "environments", "secrets", "clusters")),
            // change requests become pull requests on the Git host: changes drive githost, githost knows nothing of them
            Map.entry("changes", Set.of("base", "security", "catalog", "gitops", "githost", "environments", "releases")),
            Map.entry("reconcile", Set.of("base", "security", "settings", "clusters", "gitops", "render", "secrets", "environments",
                    "releases")),
            // notifications tell subscribers what change requests and the reconciler did, as their events say
            Map.entry("notifications", Set.of("base", "security", "gitops", "changes", "reconcile")),
            // adopting what a team already runs: Helm releases found on clusters become releases through change requests
            Map.entry("adoption", Set.of("base", "security", "settings", "catalog", "gitops", "environments", "clusters", "releases", "reconcile",
                    "render")),
            // the dashboard and the pipeline put together what several features know
            Map.entry("home", Set.of("base", "security", "changes", "reconcile", "releases")),
            Map.entry("api", Set.of("base", "security", "settings", "audit", "adoption", "catalog", "changes", "clusters", "gitops", "githost", "notifications", "reconcile",
                    "environments", "releases")));

    @ArchTest
    static final ArchRule featuresUseOnlyWhatTheMatrixAllows = classes().that().resideInAPackage("io.chartroom..")
            .should(new ArchCondition<>("use only the features MAY_USE allows") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String from = feature(item);
                    if (from == null) {
                        return; // the application class wires everything
                    }
                    Set<String> allowed = MAY_USE.get(from);
                    if (allowed == null) {
                        events.add(SimpleConditionEvent.violated(item, "feature " + from + " is not in MAY_USE: add its row"));
                        return;
                    }
                    for (Dependency d : item.getDirectDependenciesFromSelf()) {
                        String to = feature(d.getTargetClass());
                        if (to != null && !to.equals(from) && !allowed.contains(to)) {
                            events.add(SimpleConditionEvent.violated(item, from + " may not use " + to + ": " + d.getDescription()));
                        }
                    }
                }
            });

    /** Git is the gitops feature's business: others pass commit ids and {@code CommitAuthor}s, never JGit's types. */
    @ArchTest
    static final ArchRule jgitStaysInsideGitops = noClasses().that().resideInAPackage("io.chartroom..")
            .and().resideOutsideOfPackage("io.chartroom.gitops..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..");

    /**
     * JSpecify: nothing in Chartroom is null unless declared {@code @Nullable}. Every package says so in its
     * package-info.java (JSpecify's @NullMarked does not reach subpackages, so a new package needs its own).
     */
    @ArchTest
    static final ArchRule everyPackageIsNullMarked = classes().that().resideInAPackage("io.chartroom..")
            .should(new ArchCondition<>("reside in a package annotated @NullMarked") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (!item.getPackage().isAnnotatedWith(NullMarked.class)) {
                        events.add(SimpleConditionEvent.violated(item, item.getPackageName()
                                + " has no package-info.java annotated @NullMarked (" + item.getName() + ")"));
                    }
                }
            });

    /** The values form edits only through its model, LayerState, so that the YAML follows every edit: views never change a values tree. */
    @ArchTest
    static final ArchRule viewsEditValuesOnlyThroughLayerState = noClasses().that().resideInAPackage("io.chartroom.releases.ui..")
            .should().callMethod(io.chartroom.releases.values.ValuesTree.class, "set", Map.class, java.util.List.class, Object.class)
            .orShould().callMethod(io.chartroom.releases.values.ValuesTree.class, "remove", Map.class, java.util.List.class);

    /**
     * The reconciler's parts depend one way: plan and status on nothing of the reconciler but its domain, cluster on
     * plan, cache on cluster, health on those, diff on those, sync on all of them, and the scheduler (service) on all.
     */
    @ArchTest
    static final ArchRule reconcilerPartsHaveNoCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.chartroom.reconcile.(*)..").should().beFreeOfCycles();

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
