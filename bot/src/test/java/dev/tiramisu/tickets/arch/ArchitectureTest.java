package dev.tiramisu.tickets.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the core free of Discord so it can be read and tested without it. */
@AnalyzeClasses(packages = "dev.tiramisu.tickets", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] CORE = {
    "dev.tiramisu.tickets.common..",
    "dev.tiramisu.tickets.ticket..",
    "dev.tiramisu.tickets.settings..",
    "dev.tiramisu.tickets.text..",
    "dev.tiramisu.tickets.config..",
    "dev.tiramisu.tickets.storage..",
    "dev.tiramisu.tickets.jobs..",
    "dev.tiramisu.tickets.migrate..",
    "dev.tiramisu.tickets.transcript..",
    "dev.tiramisu.tickets.panel.."
  };

  @ArchTest
  static final ArchRule core_does_not_use_jda =
      noClasses().that().resideInAnyPackage(CORE)
          .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..")
          .because("the domain, storage and config must work and be tested without Discord");

  @ArchTest
  static final ArchRule only_the_adapter_and_the_wiring_use_jda =
      noClasses().that().resideOutsideOfPackages("dev.tiramisu.tickets.discord..",
              "dev.tiramisu.tickets.app..")
          .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..")
          .because("the discord package is the JDA adapter; app only wires it");

  @ArchTest
  static final ArchRule core_does_not_use_the_adapter =
      noClasses().that().resideInAnyPackage(CORE)
          .should().dependOnClassesThat()
          .resideInAnyPackage("dev.tiramisu.tickets.discord..", "dev.tiramisu.tickets.app..")
          .because("data flows one way: adapter -> service -> store");

  @ArchTest
  static final ArchRule only_the_metrics_package_uses_micrometer =
      noClasses().that().resideOutsideOfPackages("dev.tiramisu.tickets.metrics..")
          .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
          .because("metrics are an operations concern: the rest reports through plain interfaces");

  @ArchTest
  static final ArchRule the_bot_does_not_use_the_emulator =
      noClasses().that().resideInAPackage("dev.tiramisu.tickets..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.tiramisu.discordemu..")
          .because("the emulator is for tests and the sandbox module: the production jar must not carry it"
              + " (ProductionJarIT checks the jar)");

  @ArchTest
  static final ArchRule domain_does_not_use_jdbc =
      noClasses().that().resideInAnyPackage("dev.tiramisu.tickets.ticket..",
              "dev.tiramisu.tickets.settings..", "dev.tiramisu.tickets.common..",
              "dev.tiramisu.tickets.text..", "dev.tiramisu.tickets.jobs..",
              "dev.tiramisu.tickets.transcript..", "dev.tiramisu.tickets.panel..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..", "dev.tiramisu.tickets.storage..",
              "org.flywaydb..", "com.zaxxer..", "org.sqlite..", "org.postgresql..")
          .because("the domain talks to storage through its store interfaces only");
}
