package io.tandem.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module and feature boundaries as executable rules. Dependencies point inward: api-contracts
 * depends on nothing of ours; command-side, sagas, projections and query-side depend on
 * api-contracts only; infra assembles. Every package a rule names must exist and hold classes,
 * so a renamed package fails here instead of silently passing.
 */
class ArchitectureTest {

    private static final String CONTRACTS = "io.tandem.contracts..";
    private static final String COMMAND = "io.tandem.command..";
    private static final String SAGA = "io.tandem.saga..";
    private static final String PROJECTION = "io.tandem.projection..";
    private static final String QUERY = "io.tandem.query..";
    private static final String INFRA = "io.tandem.infra..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tandem");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "io.tandem.contracts.common", "io.tandem.contracts.account", "io.tandem.contracts.orderbook",
            "io.tandem.contracts.portfolio", "io.tandem.contracts.marketdata", "io.tandem.contracts.ledger",
            "io.tandem.contracts.payment",
            "io.tandem.command.account", "io.tandem.command.orderbook", "io.tandem.command.orderentry",
            "io.tandem.command.payment", "io.tandem.command.profile", "io.tandem.command.follow",
            "io.tandem.saga.settlement", "io.tandem.saga.payment",
            "io.tandem.projection.portfolio", "io.tandem.projection.marketdata", "io.tandem.projection.ledger",
            "io.tandem.projection.payment", "io.tandem.query.payment",
            "io.tandem.query", "io.tandem.infra", "io.tandem.infra.payment"})
    void everyPackageNamedByTheRulesExists(String pkg) {
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(pkg)))
                .as("classes in %s", pkg).isNotEmpty();
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGA, PROJECTION, QUERY, INFRA)
                .check(classes);
    }

    @Test
    void commandSideDependsOnlyOnContracts() {
        noClasses().that().resideInAPackage(COMMAND)
                .should().dependOnClassesThat().resideInAnyPackage(SAGA, PROJECTION, QUERY, INFRA)
                .check(classes);
    }

    @Test
    void sagasDependOnlyOnContracts() {
        noClasses().that().resideInAPackage(SAGA)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, PROJECTION, QUERY, INFRA)
                .check(classes);
    }

    @Test
    void projectionsDependOnlyOnContracts() {
        noClasses().that().resideInAPackage(PROJECTION)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGA, QUERY, INFRA)
                .check(classes);
    }

    @Test
    void querySideReachesReadModelsOnlyThroughQueryMessages() {
        noClasses().that().resideInAPackage(QUERY)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGA, PROJECTION, INFRA)
                .check(classes);
        noClasses().that().resideInAPackage(QUERY)
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(classes);
    }

    @Test
    void aggregatesOfOneFeatureDoNotReachIntoAnother() {
        noClasses().that().resideInAPackage("io.tandem.command.account..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.orderbook..", "io.tandem.command.orderentry..",
                        "io.tandem.command.payment..")
                .check(classes);
        noClasses().that().resideInAPackage("io.tandem.command.orderbook..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.account..", "io.tandem.command.orderentry..",
                        "io.tandem.command.payment..")
                .check(classes);
        noClasses().that().resideInAPackage("io.tandem.command.payment..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.account..", "io.tandem.command.orderbook..")
                .because("payment entry talks to accounts through commands only")
                .check(classes);
        noClasses().that().resideInAPackage("io.tandem.command.orderentry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.account..", "io.tandem.command.orderbook..")
                .because("order entry talks to aggregates through commands only")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.tandem.command.profile..", "io.tandem.command.follow..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.account..", "io.tandem.command.orderbook..",
                        "io.tandem.command.payment..")
                .because("profile and follow entry ask accounts through commands (CheckAccountOwnerCommand) only")
                .check(classes);
        noClasses().that().resideInAPackage("io.tandem.command.profile..")
                .should().dependOnClassesThat().resideInAPackage("io.tandem.command.follow..")
                .because("relationships build on profiles, not the other way round")
                .check(classes);
    }

    /**
     * Posts read the instrument catalog (order entry's public lookup) and the profile and block
     * ports, and talk to aggregates through commands only. The packages named are checked to exist.
     */
    @Test
    void postsReachOtherFeaturesOnlyThroughCommandsPortsAndTheCatalog() {
        for (String pkg : new String[]{"io.tandem.command.post", "io.tandem.saga.post", "io.tandem.infra.post"}) {
            assertThat(classes.stream().filter(c -> c.getPackageName().equals(pkg))).as("classes in %s", pkg).isNotEmpty();
        }
        noClasses().that().resideInAPackage("io.tandem.command.post..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.command.account..", "io.tandem.command.orderbook..",
                        "io.tandem.command.payment..")
                .because("post entry talks to aggregates through commands only")
                .check(classes);
    }

    @Test
    void contractsCarryNoPersistenceOrReadModelTypes() {
        noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.bson..", "com.mongodb..",
                        "org.springframework..")
                .check(classes);
    }

    @Test
    void everyEventCarriesARevision() {
        ArchRule rule = classes().that().resideInAPackage(CONTRACTS).and().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(Revision.class);
        rule.check(classes);
    }

    /** A snapshot of another revision is skipped (Axon's revision snapshot filter), so every aggregate names one. */
    @Test
    void everyAggregateCarriesASnapshotRevision() {
        classes().that().areAnnotatedWith(Aggregate.class).should().beAnnotatedWith(Revision.class)
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void aggregatesAndSagasReadNoClockAndMakeNoRandomIds() {
        noClasses().that().areAnnotatedWith(Aggregate.class).or().areAnnotatedWith(Saga.class)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }

    @Test
    void everyEventHandlerNamesItsProcessingGroup() {
        methods().that().areAnnotatedWith(EventHandler.class)
                .should().beDeclaredInClassesThat().areAnnotatedWith(ProcessingGroup.class)
                .because("a processor without an explicit name silently replays everything when a package is renamed")
                .check(classes);
    }
}
