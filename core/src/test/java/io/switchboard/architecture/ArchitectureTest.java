package io.switchboard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of core's packages (docs/architecture.md draws it): each layer uses only the layers below
 * it, the handler API uses nothing of the gateway, and no two packages depend on each other, however indirectly. A
 * new package must be placed in a layer here before it can be used.
 */
class ArchitectureTest {
    private static final String ROOT = "io.switchboard";

    /** Bottom first; a layer may use itself and every layer before it. */
    private static final Map<String, List<String>> LAYERS = layers(
            "api", List.of("handler"),
            "json", List.of("json"),
            "values", List.of("expr", "template", "origin", "observability"),
            "config", List.of("config"),
            "policies", List.of("proxies", "throttle"),
            "http", List.of("http"),
            "connections", List.of("connections"),
            "stores", List.of("presence", "groups", "queues", "notify"),
            "stack", List.of("topics", "users", "cluster"),
            "engine", List.of("engine"),
            "integrations", List.of("integration", "inprocess"),
            "auth", List.of("auth"),
            "routing", List.of("routing"),
            "edge", List.of("httproutes", "staticfiles", "management", "transport"),
            "root", List.of(""));

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyLayerUsesOnlyTheLayersBelowIt() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
            rule = rule.layer(layer.getKey()).definedBy(identifiers(layer.getValue()));
        }
        List<String> below = new java.util.ArrayList<>();
        for (String layer : LAYERS.keySet()) {
            rule = below.isEmpty() ? rule.whereLayer(layer).mayNotAccessAnyLayer()
                    : rule.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
            below.add(layer);
        }
        rule.check(CORE);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theHandlerApiUsesNothingOfTheGateway() {
        noClasses().that().resideInAPackage(ROOT + ".handler")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAPackage(ROOT + ".handler"))))
                .check(CORE);
    }

    @Test
    void everyPackageIsInALayer() {
        String[] known = LAYERS.values().stream().flatMap(List::stream)
                .map(p -> p.isEmpty() ? ROOT : ROOT + "." + p).toArray(String[]::new);
        classes().should().resideInAnyPackage(known).check(CORE);
    }

    private static String[] identifiers(List<String> packages) {
        return packages.stream().map(p -> p.isEmpty() ? ROOT : ROOT + "." + p + "..").toArray(String[]::new);
    }

    private static Map<String, List<String>> layers(Object... namesAndPackages) {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPackages.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> packages = (List<String>) namesAndPackages[i + 1];
            layers.put((String) namesAndPackages[i], packages);
        }
        return layers;
    }
}
