package io.switchboard.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The example apps are written as a user would write them: against the handler API only, never the internals. */
class ExamplesUseOnlyTheApiTest {

    @Test
    void exampleHandlersImportOnlyTheHandlerApi() {
        noClasses().that().resideInAPackage("io.switchboard.examples..")
                .should().dependOnClassesThat(resideInAPackage("io.switchboard..")
                        .and(not(resideInAnyPackage("io.switchboard.handler", "io.switchboard.examples.."))))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.switchboard.examples"));
    }
}
